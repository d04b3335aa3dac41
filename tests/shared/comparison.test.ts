import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../src/main/seed/seedWorkspace';
import { comparisonSchema, defaultTitle, nextTermKey, type Comparison } from '../../src/shared/model/comparison';
import { personSchema } from '../../src/shared/model/person';
import { workspaceSettingsSchema } from '../../src/shared/model/workspace';
import { ulid } from 'ulid';

const seed = () => buildSeedRecords(new Date('2024-01-01T00:00:00Z'), () => ulid());
const withChange = (change: (c: Record<string, unknown>) => void): unknown => {
  const c = structuredClone(seed().comparison) as unknown as Record<string, unknown>;
  change(c);
  return c;
};

describe('comparison schema', () => {
  it('accepts the seed article and its people', () => {
    const { comparison, author, editor } = seed();
    expect(comparisonSchema.parse(comparison)).toEqual(comparison);
    expect(personSchema.safeParse(author).success).toBe(true);
    expect(personSchema.safeParse(editor).success).toBe(true);
  });

  it('needs 2 to 4 terms', () => {
    const one = comparisonSchema.safeParse(withChange((c) => ((c.terms as unknown[]).length = 1)));
    expect(one.success).toBe(false);
    expect(one.error?.issues[0].message).toBe('A comparison needs 2 to 4 terms');
    const five = withChange((c) => {
      c.terms = ['a', 'b', 'c', 'd', 'a'].map((key, i) => ({ key, name: `T${i}` }));
    });
    expect(comparisonSchema.safeParse(five).success).toBe(false);
  });

  it('rejects bad slugs', () => {
    for (const slug of ['Has-Caps', 'double--hyphen', '-lead', 'trail-', 'spa ce', '', 'x'.repeat(81), 'ünï']) {
      expect(comparisonSchema.safeParse(withChange((c) => (c.slug = slug))).success, slug).toBe(false);
    }
  });

  it('rejects repeated item ids', () => {
    const dup = withChange((c) => {
      const kd = c.keyDifferences as Comparison['keyDifferences'];
      kd[1].id = kd[0].id;
    });
    const result = comparisonSchema.safeParse(dup);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain('Item ids repeat');
  });

  it('rejects a definition or chart value for a term the article does not have', () => {
    expect(comparisonSchema.safeParse(withChange((c) => ((c.definitions as Comparison['definitions'])[0].term = 'c'))).success).toBe(false);
    expect(comparisonSchema.safeParse(withChange((c) => ((c.chart as Comparison['chart']).rows[0].values.d = 'x'))).success).toBe(false);
  });

  it('rejects unknown fields and ids that are not ULIDs', () => {
    expect(comparisonSchema.safeParse(withChange((c) => (c.html = '<b>x</b>'))).success).toBe(false);
    expect(comparisonSchema.safeParse(withChange((c) => (c.id = '../../etc/passwd'))).success).toBe(false);
  });

  it('rejects a javascript: link hidden in a FAQ answer', () => {
    const bad = withChange((c) => {
      (c.faqs as Comparison['faqs'])[0].answer = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'JaVaScRiPt:alert(1)' } }] }] }],
      };
    });
    expect(comparisonSchema.safeParse(bad).success).toBe(false);
  });

  it('titles "A vs. B: What\'s the Difference?" and picks the next free term key', () => {
    expect(defaultTitle(['Revenue ', 'Profit', 'Income'])).toBe("Revenue vs. Profit vs. Income: What's the Difference?");
    expect(nextTermKey([{ key: 'a', name: 'x' }, { key: 'c', name: 'y' }])).toBe('b');
    expect(nextTermKey(['a', 'b', 'c', 'd'].map((key) => ({ key: key as 'a', name: key })))).toBeNull();
  });

  it('validates workspace settings', () => {
    expect(workspaceSettingsSchema.safeParse({ format: 1, name: 'ws', createdAt: '2024-01-01T00:00:00.000Z' }).success).toBe(true);
    expect(workspaceSettingsSchema.safeParse({ format: 1, name: '', createdAt: 'yesterday' }).success).toBe(false);
  });
});
