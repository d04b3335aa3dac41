import fc from 'fast-check';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/shared/model/comparison';
import { docFromText } from '../../../src/shared/model/richText';
import { SearchIndex } from '../../../src/main/search/SearchIndex';
import { matchesQuery } from '../../../src/main/search/searchText';
import { SummaryList } from '../../../src/main/search/SummaryList';
import { ComparisonIndex, entryOf } from '../../../src/main/store/ComparisonIndex';
import { nodeFs } from '../../../src/main/store/fsLayer';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { buildSeedRecords, seedFixture, type SeedFixture } from '../../../src/main/seed/seedWorkspace';
import { sequentialIds, tempDir } from '../storeTestKit';

// A small vocabulary, accents and shared prefixes included, so queries hit, miss and overlap.
const VOCAB = ['social', 'media', 'network', 'networking', 'café', 'Über', 'alpha', 'alphabet', 'beta', 'data', 'database', 'net', 'mediator', 'x-ray', 'naïve', 'Zoë'];

const newId = sequentialIds();

const words = (min: number, max: number) => fc.array(fc.constantFrom(...VOCAB), { minLength: min, maxLength: max }).map((w) => w.join(' '));

interface ArticleText {
  termA: string;
  termB: string;
  summary: string;
  faq: string;
  chart: string;
  example: string;
}

const articleText: fc.Arbitrary<ArticleText> = fc.record({
  termA: words(1, 2),
  termB: words(1, 2),
  summary: words(0, 6),
  faq: words(0, 6),
  chart: words(0, 3),
  example: words(1, 4),
});

function article(t: ArticleText, minute: number): Comparison {
  const fixture: SeedFixture = {
    ...seedFixture,
    title: `${t.termA} vs. ${t.termB}: What's the Difference?`,
    termA: t.termA,
    termB: t.termB,
    summary: t.summary,
    keyDifferences: [t.summary],
    chart: [{ label: 'Scope', a: t.chart, b: '' }],
    definitions: [{ term: 'A', text: t.summary, example: t.example }],
    faqs: [{ q: 'What?', a: t.faq }],
  };
  const { comparison } = buildSeedRecords(new Date(Date.UTC(2024, 0, 1, 0, minute)), newId, fixture);
  return { ...comparison, slug: `article-${comparison.id.toLowerCase()}` };
}

// Queries: substrings of the vocabulary (infix, prefix, several words, odd spacing and case, punctuation).
const query: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...VOCAB).chain((w) => fc.tuple(fc.nat(w.length), fc.nat(w.length)).map(([a, b]) => w.slice(Math.min(a, b), Math.max(a, b) + 1))),
  fc.tuple(fc.constantFrom(...VOCAB), fc.constantFrom(...VOCAB), fc.nat(6)).map(([a, b, n]) => `${a} ${b.slice(0, n)}`),
  fc.constantFrom('CAFE', 'uber', ' net ', 'vs. ', 'x-r', 'naive', 'zoe', 'what', '', '!!', 'alp bet'),
  fc.string({ maxLength: 6 }),
);

type Op = { kind: 'put'; slot: number; text: ArticleText } | { kind: 'remove'; slot: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), slot: fc.nat(7), text: articleText }),
  fc.record({ kind: fc.constant('remove' as const), slot: fc.nat(7) }),
);

describe('the sidebar filter', () => {
  it('returns exactly what a linear scan of the same articles returns, in the list order, after any puts and removes', () => {
    fc.assert(
      // denseAbove: words used by more articles than that are also kept as bits; 0 and 2 cover that path.
      fc.property(fc.array(op, { minLength: 1, maxLength: 14 }), fc.array(query, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 2, 64), (ops, queries, denseAbove) => {
        const index = new ComparisonIndex(nodeFs, '/nonexistent/index.json', 1e9);
        const search = new SearchIndex({ denseAbove });
        const list = new SummaryList();
        const model = new Map<number, Comparison>();
        ops.forEach((o, step) => {
          const existing = model.get(o.slot);
          if (o.kind === 'remove') {
            if (!existing) return;
            model.delete(o.slot);
            index.delete(existing.id);
            search.remove(existing.id);
            return;
          }
          const base = article(o.text, step);
          const c = existing ? { ...base, id: existing.id, slug: existing.slug } : base;
          model.set(o.slot, c);
          index.set(c.id, entryOf(c, 0, 0), false);
          search.upsert(c);
        });
        for (const q of queries) {
          const got = list.list(index, search, q).map((s) => s.id);
          const all = list.list(index, search).map((s) => s.id);
          const expected = all.filter((id) => matchesQuery([...model.values()].find((c) => c.id === id) as Comparison, q));
          expect(got, `query ${JSON.stringify(q)}`).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('matches the header by substring and the body by word prefix, folding case and accents', () => {
    const c = article({ termA: 'Social Media', termB: 'Social Networking', summary: 'A café for naïve data', faq: 'Über alphabet', chart: 'x-ray', example: 'beta' }, 0);
    const yes = ['cial med', 'NETWORKING', 'cafe', 'naiv', 'uber alpha', 'alphabet uber', 'x-ray', 'ray', 'social m', 'BET'];
    // "café au": "au" is shorter than a query word, so it does not narrow yet.
    yes.push('café au');
    const no = ['afe', 'phabet', 'database', 'café zebra', 'mediaa'];
    for (const q of yes) expect(matchesQuery(c, q), q).toBe(true);
    for (const q of no) expect(matchesQuery(c, q), q).toBe(false);
  });
});

describe('search in the workspace store', () => {
  async function storeWith(texts: ArticleText[]) {
    const dir = await tempDir();
    const store = await WorkspaceStore.open(dir, { create: true, seed: false, indexDelayMs: 60_000 });
    const records = texts.map((t, i) => article(t, i));
    await store.withRecordWriter(async (w) => {
      for (const r of records) await w.putComparison(r);
    });
    return { dir, store, records };
  }
  const text = (over: Partial<ArticleText>): ArticleText => ({ termA: 'Alpha', termB: 'Beta', summary: 'data', faq: 'media', chart: '', example: 'net', ...over });

  it('finds body words after a save, forgets them after the next save and after a delete', async () => {
    const { store, records } = await storeWith([text({ faq: 'zebra crossing' }), text({ termA: 'Gamma' })]);
    const [first] = records as [Comparison];
    expect(store.listComparisons('zebr').map((s) => s.id)).toEqual([first.id]);
    const current = await store.getComparison(first.id);
    await store.saveComparison({ ...current, faqs: [{ ...current.faqs[0]!, answer: docFromText('quokka') }] } as Comparison, current.revision);
    expect(store.listComparisons('zebr')).toEqual([]);
    expect(store.listComparisons('quok').map((s) => s.id)).toEqual([first.id]);
    await store.deleteComparison(first.id, current.revision + 1);
    expect(store.listComparisons('quok')).toEqual([]);
    await store.close();
  });

  it('follows a file changed behind the app\'s back: while open (on the next read) and across a reopen', async () => {
    const { dir, store, records } = await storeWith([text({ faq: 'zebra' }), text({ termA: 'Gamma' })]);
    const [first] = records as [Comparison];
    const file = join(dir, 'comparisons', `${first.id}.json`);
    await store.searchReady();
    // Another program rewrites the file: new title and a new body word.
    const changed = (await readFile(file, 'utf8')).replace(/zebra/g, 'walrus').replace(/Alpha vs\. Beta/, 'Alpha vs. Omega');
    await writeFile(file, changed);
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    await store.getComparison(first.id);
    expect(store.listComparisons('walr').map((s) => s.id)).toEqual([first.id]);
    expect(store.listComparisons('zebr')).toEqual([]);
    expect(store.listComparisons().find((s) => s.id === first.id)?.title).toContain('Omega');
    await store.close();

    // Changed again while the app is closed: the index entry no longer matches size and mtime.
    await writeFile(file, changed.replace(/walrus/g, 'narwhal').replace(/Omega/, 'Sigma'));
    const evenLater = new Date(Date.now() + 10_000);
    await utimes(file, evenLater, evenLater);
    const reopened = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    // A warm open lists from the cache and checks the files against it in the background.
    await reopened.whenIndexChecked();
    expect(reopened.listComparisons().find((s) => s.id === first.id)?.title).toContain('Sigma');
    await reopened.searchReady();
    expect(reopened.listComparisons('narwh').map((s) => s.id)).toEqual([first.id]);
    expect(reopened.listComparisons('walr')).toEqual([]);
    await reopened.close();
  });

  it('drops an article whose file was deleted behind the app\'s back when it is next read', async () => {
    const { dir, store, records } = await storeWith([text({ faq: 'zebra' }), text({ termA: 'Gamma' })]);
    const [first] = records as [Comparison];
    const { unlink } = await import('node:fs/promises');
    await unlink(join(dir, 'comparisons', `${first.id}.json`));
    await expect(store.getComparison(first.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.listComparisons().map((s) => s.id)).not.toContain(first.id);
    expect(store.listComparisons('zebr')).toEqual([]);
    await store.close();
  });
});
