import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { applyImport } from '../../../src/main/bundle/import/applyImport';
import { markdownContents, readArticleMarkdown } from '../../../src/main/bundle/import/markdownContents';
import { parseArticleMarkdown } from '../../../src/main/bundle/import/parseArticleMarkdown';
import { planImport } from '../../../src/main/bundle/import/planImport';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { buildArticleJson } from '../../../src/shared/export/articleJson';
import { buildArticleMarkdown } from '../../../src/shared/export/articleMarkdown';
import type { Comparison } from '../../../src/shared/model/comparison';
import type { Person } from '../../../src/shared/model/person';
import { docFromText, type BlockDoc } from '../../../src/shared/model/richText';
import { tempDir } from '../storeTestKit';
import { comparison, FIXED_NOW, fixedIds, memorySource, person } from '../export/exportTestKit';
import { opened, openStore } from './importKit';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function markdownOf(c: Comparison, people: Person[]): string {
  return buildArticleMarkdown(buildArticleJson({ comparison: c, people, articles: [], status: 'draft', contentHash: contentHash(c) }));
}

/** Markdown -> records (into an empty workspace) -> Markdown again. */
async function reimport(md: string): Promise<{ md: string; report: string[] }> {
  const contents = await markdownContents(parseArticleMarkdown(md), memorySource([], []), { now: FIXED_NOW, newId: fixedIds('01M0000000000000000000') });
  const record = contents.articles[0].record;
  return { md: markdownOf(record, contents.people.map((p) => p.record)), report: contents.report };
}

const HOSTILE = [
  'C# and C++ and R&B &amp; &copy; &#65;',
  'a | b || c \\| d',
  '*star* **bold** _under_ __dunder__ a*b*c snake_case_name',
  '# not a heading',
  '<T> generics <script>alert(1)</script> <br>',
  '[x] checkbox [link](https://example.com) ![img](x.png)',
  '1. not a list',
  '- not a bullet',
  '> not a quote',
  '---',
  '    not code',
  '~~strike~~ `code` \\backslash\\',
  '  leading and trailing spaces  ',
  'é — 😀 naïve façade 中文',
  '\u00a0non-breaking edges\u00a0',
];

describe('Markdown import', () => {
  it('gives back the golden seed article exactly when its own Markdown export is imported and exported again', async () => {
    const golden = await readFile(here('../../golden/social-media-vs-social-networking.md'), 'utf8');
    const again = await reimport(golden);
    expect(again.md).toBe(golden);
    expect(again.report.filter((r) => !r.includes('will be added'))).toEqual([]);
  });

  it.each([2, 3, 4])('round-trips a %i-term article full of Markdown-significant characters', async (n) => {
    const ids = fixedIds(`01K${n}000000000000000000`);
    const people = [person(ids(), 'Zoë <Admin> & Co.', HOSTILE.slice(0, 6).join('\n\n'), 'PhD | MSc *hons*'), person(ids(), '# Ed_itor', '1. bio\n- more')];
    const keys = ['a', 'b', 'c', 'd'] as const;
    const terms = ['C#', 'R&B | Soul', '<T> generics', '[x] 1. box 😀'].slice(0, n).map((name, i) => ({ key: keys[i], name }));
    const bold: BlockDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bold *x*', marks: [{ type: 'bold' }] }, { type: 'text', text: ' and ' }, { type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: 'https://example.com/a_(b)?q=1&r=2' } }] }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '- item' }] }] }] }] };
    const c = comparison({
      id: ids(),
      terms,
      slug: `corpus-${n}`,
      title: `${terms.map((t) => t.name).join(' vs. ')}: 1. What's <the> Difference?`,
      summary: docFromText(HOSTILE.join('\n')),
      keyDifferences: HOSTILE.map((text) => ({ id: ids(), text: docFromText(text) })),
      chart: {
        headerLabel: 'Feature | kind\nsecond line',
        rows: [...HOSTILE.map((label, i) => ({ id: ids(), label, values: Object.fromEntries(terms.map((t, j) => [t.key, HOSTILE[(i + j) % HOSTILE.length]])) })), { id: ids(), label: 'Line\nbreak', values: { a: 'one\ntwo\n' } }],
      },
      definitions: terms.map((t, i) => ({ id: ids(), term: t.key, text: docFromText(HOSTILE[i]), examples: [{ id: ids(), text: HOSTILE[i + 5] }, { id: ids(), text: '1. two\nlines > here' }] })),
      faqs: HOSTILE.map((question, i) => ({ id: ids(), question, answer: i === 0 ? bold : (docFromText(HOSTILE[(i + 3) % HOSTILE.length]) as BlockDoc) })),
      byline: { authorId: people[0].id, editorId: people[1].id, updated: '2024-02-29' },
    });
    const md = markdownOf(c, people);
    expect((await reimport(md)).md).toBe(md);
  });

  it('reads the conventional fixture article into its parts and matches the named people by name', async () => {
    const store = await openStore({ seed: true });
    const before = store.listPeople().map((p) => p.id).sort();
    const contents = await readArticleMarkdown(here('../../fixtures/social-media-vs-social-networking.md'), store, { now: FIXED_NOW });
    const a = contents.articles[0].record;
    expect(a.terms.map((t) => t.name)).toEqual(['Social Media', 'Social Networking']);
    expect(a.keyDifferences).toHaveLength(5);
    expect(a.chart.rows.map((r) => r.label)[0]).toBe('Primary Focus');
    expect(a.definitions).toHaveLength(10);
    expect(a.definitions.every((d) => d.examples.length === 1)).toBe(true);
    expect(a.faqs.length).toBeGreaterThan(10);
    expect([a.byline.authorId, a.byline.editorId].sort()).toEqual(before);
    // The seed holds this same article: it is recognised by slug and nothing needs writing.
    const plan = await planImport(store, contents, HistoryStore.forStore(store));
    expect(plan.items.map((i) => [i.kind, i.action])).toEqual([
      ['person', 'unchanged'],
      ['person', 'unchanged'],
      ['comparison', 'unchanged'],
    ]);
  });

  it('lists what it cannot place in the report, with its text, and still imports the rest', async () => {
    const md = [
      '---',
      'terms: ["Tea", "Coffee"]',
      '---',
      '',
      '# Tea vs. Coffee',
      '',
      'Both are drinks.',
      '',
      '## Key Differences',
      '',
      'Tea is leaves.',
      '',
      '## History',
      '',
      'Tea came first, probably.',
      '',
      '## Tea and Coffee Definitions',
      '',
      '### Cocoa',
      '',
      'Cocoa is beans.',
      '',
      '> I drink cocoa.',
      '',
    ].join('\n');
    const dir = await tempDir();
    await writeFile(join(dir, 'tea.md'), md);
    const store = await openStore();
    const contents = await readArticleMarkdown(join(dir, 'tea.md'), store, { now: FIXED_NOW });
    expect(contents.report.join('\n')).toContain('Tea came first, probably.');
    expect(contents.report.join('\n')).toContain('Cocoa is beans.');
    const plan = await planImport(store, contents, HistoryStore.forStore(store));
    const result = await applyImport(store, contents, plan, {}, { by: 'me', now: FIXED_NOW });
    expect(result.written.map((w) => w.slug)).toEqual(['tea-vs-coffee']);
    expect(plan.report).toEqual(contents.report);
  });

  it('refuses front matter with a __proto__ key', () => {
    expect(() => parseArticleMarkdown('---\n__proto__: {x: 1}\nterms: [A, B]\n---\n# A vs. B\n')).toThrow(/forbidden key "__proto__"/);
  });
});
