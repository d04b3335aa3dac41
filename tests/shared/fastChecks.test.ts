import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { synthWorkspace } from '../../bench/synth';
import { checkedCopy, parseRecord, RecordReadError, RecordWriteError } from '../../src/main/store/DurableAdapter';
import { comparisonSchema, type Comparison } from '../../src/shared/model/comparison';
import { isCheckedComparison } from '../../src/shared/model/comparisonCheck';
import { isCheckedReview } from '../../src/shared/review/reviewCheck';
import { reviewRecordSchema } from '../../src/shared/review/reviewModel';
import { stableStringify } from '../../src/shared/util/stableStringify';
import { everyDamage, markedSummary, pathsOf, replaced } from './damageKit';

/**
 * The hand-written checks the cold open uses instead of zod (comparisonCheck.ts, reviewCheck.ts)
 * say yes exactly when the schema accepts a value AND returns it unchanged (same JSON text):
 * on valid records and on records damaged at any path, hostile keys included.
 */

const ID = (n: number) => `01HK153X0${String(n).padStart(2, '0')}AAAAAAAAAAAAAAA`.slice(0, 26);
const HASH = 'a'.repeat(64);
const AT = '2024-05-01T10:00:00.000Z';

/** One article using every shape the schema allows: marks, links, hard breaks, nested lists, comments, every part state. */
function richArticle(): Comparison {
  const base = synthWorkspace({ articles: 1, people: 3, seed: 11 }).comparisons[0] as Comparison;
  const kd = base.keyDifferences[0]!;
  const faq = base.faqs[0]!;
  const row = base.chart.rows[0]!;
  const deepList = (depth: number): Record<string, unknown> => ({
    type: depth % 2 === 0 ? 'bulletList' : 'orderedList',
    ...(depth % 2 === 1 ? { attrs: { start: 3 } } : {}),
    content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `level ${depth}` }] }, ...(depth < 4 ? [deepList(depth + 1)] : [])] }],
  });
  return {
    ...base,
    // An empty paragraph after it, as the editor leaves one.
    summary: { type: 'doc', content: [...markedSummary('a link').content, { type: 'paragraph' }] } as Comparison['summary'],
    faqs: [{ ...faq, answer: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Lists:' }] }, deepList(1) as never] } }, ...base.faqs.slice(1)],
    chart: { ...base.chart, rows: [{ ...row, values: { a: 'only a' } }, ...base.chart.rows.slice(1)] },
    related: [ID(90)],
    review: {
      parts: {
        header: { state: 'approved', by: ID(1), at: AT, hash: HASH },
        summary: { state: 'submitted', by: ID(2), at: AT, hash: HASH },
        [`kd:${kd.id}`]: { state: 'changes_requested', by: ID(1), at: '2024-02-29T23:59:59Z', hash: HASH },
      },
      signOff: { by: ID(1), at: AT, hash: HASH },
      comments: [
        {
          id: ID(40),
          part: `kd:${kd.id}`,
          anchor: { field: 'text', from: 0, to: 3, quote: 'abc' },
          resolved: null,
          messages: [{ id: ID(41), by: ID(2), at: AT, text: 'Please check.' }],
        },
        { id: ID(42), part: 'summary', anchor: null, resolved: { by: ID(1), at: AT }, messages: [{ id: ID(43), by: ID(1), at: AT, text: 'Done' }] },
      ],
    },
  } as Comparison;
}

/** What the fast checks must agree with: zod accepts, and its output writes the same JSON text. */
function schemaKeeps(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, value: unknown): boolean {
  const parsed = schema.safeParse(value);
  return parsed.success && stableStringify(parsed.data) === stableStringify(value);
}

const long = (n: number) => 'x'.repeat(n);
/** Lengths at and past the limit of the free text at each key (`text` is an example's, a comment's or a text node's). */
const LIMITS: Record<string, number[]> = {
  title: [300, 301],
  name: [120, 121],
  label: [200, 201],
  headerLabel: [200, 201],
  question: [500, 501],
  quote: [1000, 1001],
  text: [2000, 2001, 5000, 5001, 100_000, 100_001],
  a: [2000, 2001],
  b: [2000, 2001],
};
const TYPES = ['doc', 'paragraph', 'text', 'hardBreak', 'bulletList', 'orderedList', 'listItem', 'bold', 'italic', 'link'];
const DATES = ['2024-01-01T00:00:00Z', '2023-02-29T00:00:00Z', '2024-02-29T00:00:00.123456Z', '2024-01-01T00:00:00+01:00', '2024-01-01T24:00:00Z', '2024-05-01', '2024-02-30'];
/** Other values for the string at a key: each enum's other members and near misses, other ids, dates, hashes, links. */
const CANDIDATES: Record<string, unknown[]> = {
  type: TYPES,
  state: ['approved', 'submitted', 'changes_requested', 'draft'],
  field: ['text', 'summary', 'answer', 'question'],
  key: ['a', 'b', 'c', 'd', 'e'],
  term: ['a', 'b', 'c', 'd', 'e'],
  id: [ID(7), ID(90), HASH],
  by: [ID(7), ID(90)],
  authorId: [ID(7)],
  editorId: [ID(7)],
  at: DATES,
  createdAt: DATES,
  updatedAt: DATES,
  updated: DATES,
  hash: [HASH.toUpperCase(), `${HASH}0`, ID(7)],
  href: ['javascript:alert(1)', 'mailto:a@b.org', 'mailto:nobody', 'http://', 'https://x', 'ftp://x.org', 'https://x.org/ a'],
  slug: ['a-vs-b', 'A--B', 'a--b', '-a', 'a'.repeat(80), 'a'.repeat(81)],
  part: ['header', 'bio', `kd:${ID(7)}`, `kd:${ID(7).toLowerCase()}`, `xx:${ID(7)}`, 'byline'],
};
const OTHER_STRINGS = [ID(7), ID(90), ...DATES.slice(0, 2), HASH, 'a'];

/** Every value worth trying in place of `v`: near misses of it, other types, lengths at and past each limit. */
/** Array lengths at and past each list's limits, by its key (schemas in comparison.ts, richText.ts, reviewModel.ts). */
const LENGTHS: Record<string, number[]> = {
  terms: [1, 2, 4, 5],
  examples: [0, 1, 50, 51],
  marks: [0, 3, 4],
  related: [50, 51],
  keyDifferences: [200, 201],
  definitions: [200, 201],
  faqs: [200, 201],
  rows: [500, 501],
  content: [0, 1, 1000, 1001],
  messages: [0, 1, 500, 501],
  comments: [5000, 5001],
};
const FREE_TEXT = new Set(['title', 'name', 'label', 'headerLabel', 'question', 'text', 'quote', 'a', 'b', 'c', 'd']);
let idCounter = 0;
/** A copy with new item ids at every depth (repeated ids fail a check of their own, hiding a length limit). */
function withFreshIds(value: unknown, fresh: boolean): unknown {
  if (!fresh || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((x) => withFreshIds(x, true));
  return Object.fromEntries(
    Object.entries(value).map(([k, x]) => [k, k === 'id' && typeof x === 'string' ? `01HK153X0G${String(++idCounter).padStart(16, '0')}` : withFreshIds(x, true)]),
  );
}

/** Long lists cost much to check: each list key gets its long lengths once, at its first path. */
const longDone = new Set<string>();

function replacements(v: unknown, key?: string | number): unknown[] {
  // Another type: every one for lists and objects, a few for the leaves (whose own near misses follow).
  const out: unknown[] = v !== null && typeof v === 'object' ? [null, 0, true, [], {}, 'x', undefined] : [null, {}, undefined];
  if (typeof v === 'string') {
    out.push(`${v} `, ` ${v}`, v.slice(1), `${v}Z`, v.toLowerCase(), v.toUpperCase());
    // Free text gets the lengths at and past every limit; ids, dates, hashes, enums, links
    // and slugs every other such value.
    if (typeof key === 'string' && FREE_TEXT.has(key)) out.push(...(LIMITS[key] ?? []).map(long));
    else out.push(...((typeof key === 'string' && CANDIDATES[key]) || OTHER_STRINGS));
  } else if (typeof v === 'number') {
    out.push(v + 1, v - 1, -v, v + 0.5, 2 ** 53, -1, 1_000_000, 1_000_001, '1');
  } else if (typeof v === 'boolean') {
    out.push(!v, 'true', 1);
  } else if (Array.isArray(v)) {
    const lengths = (typeof key === 'string' && LENGTHS[key]) || [0, 1, 2];
    // A paragraph's content (text nodes) may hold 10,000.
    const role = `${String(key)}:${(v[0] as { type?: string } | undefined)?.type ?? ''}`;
    const extra = role === 'content:text' ? [10_000, 10_001] : [];
    const first = !longDone.has(role);
    longDone.add(role);
    // Long lists repeat the list's smallest item (cheaper to check, same limits).
    const smallest = v.reduce<unknown>((a, b) => (JSON.stringify(b).length < JSON.stringify(a).length ? b : a), v[0] ?? 'x');
    for (const n of [...lengths, ...extra]) {
      if (n > 10 && !first) continue;
      out.push(Array.from({ length: n }, (_, i) => withFreshIds(n > 10 ? smallest : (v[i % Math.max(v.length, 1)] ?? 'x'), i >= v.length)));
    }
    if (v.length > 0) out.push(v.slice(1), [...v, v[v.length - 1]], [...v, null]);
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const { [k]: _, ...rest } = o;
      out.push(rest);
    }
    for (const k of ['extra', 'marks', 'attrs', 'a']) out.push({ ...o, [k]: 'x' });
    out.push({ ...o, attrs: { start: 1 } });
  }
  return out;
}

/** A small article with every shape (rich text, lists, marks, review, comments) and short texts, for the exhaustive damage. */
function smallRich(): Comparison {
  const c = richArticle();
  const shorten = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shorten);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'text' && typeof x === 'string' ? x.slice(0, 12).trim() || 'x' : shorten(x)]));
    return v;
  };
  return shorten({
    ...c,
    keyDifferences: c.keyDifferences.slice(0, 1),
    chart: { ...c.chart, rows: c.chart.rows.slice(0, 1) },
    definitions: c.definitions.slice(0, 1).map((d) => ({ ...d, examples: d.examples.slice(0, 1) })),
    faqs: c.faqs.slice(0, 1),
  }) as Comparison;
}

describe('the fast comparison check', () => {
  const rich = richArticle();
  const plain = synthWorkspace({ articles: 3, people: 5, seed: 3 }).comparisons;
  const draft = synthWorkspace({ articles: 1, people: 5, seed: 5, signOff: false }).comparisons[0] as Comparison;

  it('passes valid records the schema keeps as they are', () => {
    for (const c of [rich, smallRich(), draft, ...plain]) {
      const parsed = JSON.parse(JSON.stringify(c)) as unknown;
      expect(schemaKeeps(comparisonSchema, parsed)).toBe(true);
      expect(isCheckedComparison(parsed)).toBe(true);
      expect(isCheckedReview((parsed as Comparison).review ?? { parts: {}, signOff: null, comments: [] })).toBe(true);
    }
  });

  it('agrees with the schema on a record damaged in every way at every path', () => {
    let passed = 0;
    const n = everyDamage(smallRich(), replacements, (value) => {
      const fast = isCheckedComparison(value);
      if (fast !== schemaKeeps(comparisonSchema, value)) expect.fail(`differs from zod on ${JSON.stringify(value).slice(0, 300)}…`);
      if (fast) passed++;
    });
    // Both answers are well represented: the damage is not all rejected at the top.
    expect(n).toBeGreaterThan(2000);
    expect(passed).toBeGreaterThan(200);
  });

  it('agrees with the review schema on review data damaged in every way, defaults included', () => {
    everyDamage(rich.review, replacements, (value) => {
      if (isCheckedReview(value) !== schemaKeeps(reviewRecordSchema, value)) expect.fail(`differs from zod on ${JSON.stringify(value).slice(0, 300)}`);
    });
    // A missing field gets its default from zod: a new object, so not the fast path.
    expect(isCheckedReview({ parts: {}, signOff: null })).toBe(false);
    expect(reviewRecordSchema.safeParse({ parts: {}, signOff: null }).success).toBe(true);
  });

  it('agrees with the schema on full-size articles damaged at random', () => {
    const base = plain[0] as Comparison;
    const paths = pathsOf(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.nat(), (path, pick) => {
        const current = path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], base);
        const options = replacements(current);
        const value = replaced(base, path, options[pick % options.length]);
        expect(isCheckedComparison(value)).toBe(schemaKeeps(comparisonSchema, value));
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseRecord with the fast check', () => {
  const text = (v: unknown) => stableStringify(v);
  const rich = richArticle();

  it('returns what the zod path returns', () => {
    const fast = parseRecord(text(rich), comparisonSchema, 'comparison');
    expect(stableStringify(fast)).toBe(stableStringify(comparisonSchema.parse(JSON.parse(text(rich)))));
  });

  it('still lets zod repair what it repairs and refuse what it refuses, with its words', () => {
    const padded = parseRecord(text({ ...rich, title: `  ${rich.title}  ` }), comparisonSchema, 'comparison');
    expect(padded.title).toBe(rich.title);
    const noParts = parseRecord(text({ ...rich, review: { signOff: null, comments: [] } }), comparisonSchema, 'comparison');
    expect(noParts.review?.parts).toEqual({});
    expect(() => parseRecord(text({ ...rich, revision: 0 }), comparisonSchema, 'comparison')).toThrow(/does not match the comparison format: .*revision/);
    expect(() => parseRecord(text({ ...rich, format: 2 }), comparisonSchema, 'comparison')).toThrow(/newer Versus Desk/);
  });

  it('refuses forbidden keys anywhere, as before', () => {
    const hostile = text(rich).replace('"type": "bold"', '"type": "bold", "__proto__": {"polluted": true}');
    expect(() => parseRecord(hostile, comparisonSchema, 'comparison')).toThrow(RecordReadError);
    expect(() => parseRecord(hostile, comparisonSchema, 'comparison')).toThrow('it contains the forbidden key "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseRecord(' \n\t', comparisonSchema, 'comparison')).toThrow('it is empty');
    expect(() => parseRecord('{"id": ', comparisonSchema, 'comparison')).toThrow('it is not valid JSON (truncated or damaged)');
  });
});

describe('the record check before a write, with the fast check', () => {
  const rich = richArticle();
  /** What the zod path alone writes for `value`, or its refusal in words. */
  const zodWrites = (value: unknown): string => {
    const checked = comparisonSchema.safeParse(value);
    return checked.success ? stableStringify(checked.data) : 'refused';
  };
  const fastWrites = (value: unknown): string => {
    try {
      return stableStringify(checkedCopy(value as Comparison, comparisonSchema));
    } catch (error) {
      if (error instanceof RecordWriteError) return 'refused';
      throw error;
    }
  };

  it('writes the same text as the zod path, from a copy that shares nothing with the caller', () => {
    const input = structuredClone(rich);
    const copy = checkedCopy(input, comparisonSchema);
    expect(stableStringify(copy)).toBe(zodWrites(rich));
    // Changing the caller's object afterwards changes nothing in what was checked and written.
    (input.faqs[0] as { id: string }).id = 'changed';
    input.title = 'changed';
    expect(stableStringify(copy)).toBe(zodWrites(rich));
    // An optional review left undefined is written as absent, as zod's output is.
    expect(fastWrites({ ...rich, review: undefined })).toBe(zodWrites({ ...rich, review: undefined }));
  });

  it('agrees with the zod path on full-size articles damaged at random: same text, or both refuse', () => {
    const base = synthWorkspace({ articles: 1, people: 5, seed: 11 }).comparisons[0] as Comparison;
    const paths = pathsOf(base);
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.nat(), (path, pick) => {
        const current = path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], base);
        const options = replacements(current);
        const value = replaced(base, path, options[pick % options.length]);
        const fast = fastWrites(value);
        expect(fast).toBe(zodWrites(value));
        if (fast === 'refused') refused++;
      }),
      { numRuns: 200 },
    );
    // Both outcomes are exercised.
    expect(refused).toBeGreaterThan(20);
    expect(refused).toBeLessThan(200);
  });

  it('still refuses in the schema\u2019s words', () => {
    expect(() => checkedCopy({ ...rich, revision: 0 }, comparisonSchema)).toThrow(RecordWriteError);
    expect(() => checkedCopy({ ...rich, revision: 0 }, comparisonSchema)).toThrow(/revision/);
  });
});
