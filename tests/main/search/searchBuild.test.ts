import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/shared/model/comparison';
import { docFromText } from '../../../src/shared/model/richText';
import { SearchIndex } from '../../../src/main/search/SearchIndex';
import { matchesQuery } from '../../../src/main/search/searchText';
import { SummaryList } from '../../../src/main/search/SummaryList';
import { ComparisonIndex, entryOf } from '../../../src/main/store/ComparisonIndex';
import { stableStringify } from '../../../src/main/store/durableWrite';
import { nodeFs } from '../../../src/main/store/fsLayer';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { buildSeedRecords, seedFixture } from '../../../src/main/seed/seedWorkspace';
import { sequentialIds, tempDir } from '../storeTestKit';

const newId = sequentialIds();

// Body words that only some articles use, so a query's answer depends on every article's body.
const BODY = ['quokka', 'quoll', 'narwhal', 'walrus', 'wombat', 'numbat', 'dugong', 'dingo', 'kiwi', 'kakapo', 'takahe'];

const base = buildSeedRecords(new Date(Date.UTC(2024, 0, 1)), newId, { ...seedFixture, keyDifferences: ['x'], faqs: [{ q: 'Why?', a: 'because' }] }).comparison;

/** Article n: its own id, title, terms and body words (item ids repeat across articles, which is allowed). */
function article(n: number): Comparison {
  const word = (k: number) => BODY[(n * 7 + k * 3) % BODY.length] as string;
  const [a, b] = base.terms as [Comparison['terms'][number], Comparison['terms'][number]];
  return {
    ...base,
    id: newId(),
    slug: `article-${n}`,
    title: `Term ${n} vs. Other ${n % 97}: What's the Difference?`,
    titleEdited: true,
    terms: [
      { ...a, name: `Term ${n}` },
      { ...b, name: `Other ${n % 97}` },
    ],
    updatedAt: new Date(Date.UTC(2024, 0, 1, 0, n % 600)).toISOString(),
    summary: docFromText(`${word(0)} and ${word(1)}`),
    keyDifferences: base.keyDifferences.map((k) => ({ ...k, text: docFromText(`${word(2)} differs`) })),
    faqs: base.faqs.map((f) => ({ ...f, answer: docFromText(n % 5 === 0 ? `${word(3)} ${word(4)}` : 'because') })),
  };
}

/** A workspace of `count` articles written straight to disk, with a current index cache (a warm open, as after any ordinary close). */
async function workspaceOf(count: number): Promise<{ dir: string; articles: Comparison[] }> {
  const dir = await tempDir();
  await (await WorkspaceStore.open(dir, { create: true, seed: false })).close();
  const articles = Array.from({ length: count }, (_, n) => article(n));
  await mkdir(join(dir, 'comparisons'), { recursive: true });
  for (let i = 0; i < articles.length; i += 100) {
    await Promise.all(articles.slice(i, i + 100).map((c) => writeFile(join(dir, 'comparisons', `${c.id}.json`), stableStringify(c))));
  }
  const cache = new ComparisonIndex(nodeFs, join(dir, '.versus-desk', 'index.json'), 1e9);
  // The review part of a summary hashes every part: computed once (every article has the base's
  // review records); the rest is each article's own. Only search is under test here.
  const shared = entryOf(base, 0, 0);
  for (const c of articles) {
    const { size, mtimeMs } = await stat(join(dir, 'comparisons', `${c.id}.json`));
    const summary = { ...shared.summary, id: c.id, slug: c.slug, title: c.title, terms: c.terms.map((t) => t.name), updatedAt: c.updatedAt, revision: c.revision };
    cache.set(c.id, { ...shared, size, mtimeMs, summary });
  }
  await cache.flush();
  cache.dispose();
  return { dir, articles };
}

/** The linear scan, in the list's order. */
function scan(store: WorkspaceStore, byId: Map<string, Comparison>, query: string): string[] {
  return store
    .listComparisons()
    .map((s) => s.id)
    .filter((id) => matchesQuery(byId.get(id) as Comparison, query));
}

const QUERIES = ['narwhal walr', 'term 12', 'zebra'];

describe('the search index fill', () => {
  it('never holds main for the whole build: a read issued during the fill of 2,000 articles is answered before it ends; answers during and after equal a linear scan', async () => {
    const { dir, articles } = await workspaceOf(2000);
    const byId = new Map(articles.map((c) => [c.id, c]));
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    try {
      expect(store.listComparisons()).toHaveLength(2000);
      const done: string[] = [];
      const build = store.searchReady().then(() => done.push('build'));
      // Issued right after the fill started, as the page would while it runs.
      const last = articles[1999] as Comparison;
      const get = store.getComparison(last.id).then((c) => {
        done.push('get');
        return c;
      });
      const during = store.searchComparisons('quok').then((found) => {
        done.push('search');
        return found;
      });
      expect((await get).title).toBe(last.title);
      await build;
      expect(done.indexOf('get')).toBeLessThan(done.indexOf('build'));
      // A search issued during the fill waits for it rather than answer with part of the articles.
      const quok = scan(store, byId, 'quok');
      expect(quok.length).toBeGreaterThan(0);
      expect((await during).map((s) => s.id)).toEqual(quok);
      for (const q of QUERIES) expect(store.listComparisons(q).map((s) => s.id), q).toEqual(scan(store, byId, q));
    } finally {
      await store.close();
    }
  });

  it('a header-only query is answered during the fill without waiting; the fill reports what it cost', async () => {
    const { dir } = await workspaceOf(300);
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    try {
      const done: string[] = [];
      const build = store.searchReady().then(() => done.push('build'));
      // "te" is shorter than a query word: only the title/slug/terms substring rule applies.
      const short = store.searchComparisons('te').then((found) => {
        done.push('short');
        return found;
      });
      expect(await short).toHaveLength(300);
      await build;
      expect(done).toEqual(['short', 'build']);
      const stats = store.searchFillStats();
      expect(stats?.articles).toBe(300);
      expect(stats?.slices).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });
});

describe('the list behind the filter', () => {
  it('keeps an article\'s slot across re-indexing, and its answers current after puts, removes and slot reuse', () => {
    const index = new ComparisonIndex(nodeFs, '/nonexistent/index.json', 1e9);
    const search = new SearchIndex();
    const list = new SummaryList();
    const a = article(1);
    const b = article(2);
    for (const c of [a, b]) {
      index.set(c.id, entryOf(c, 0, 0), false);
      search.upsert(c);
    }
    const epoch = search.slotEpoch;
    const slotA = search.slotOf(a.id);
    const edited = { ...a, faqs: [{ ...a.faqs[0]!, question: 'Where is the platypus?' }] } as Comparison;
    search.upsert(edited);
    expect(search.slotOf(a.id)).toBe(slotA);
    expect(search.slotEpoch).toBe(epoch);
    expect(list.list(index, search, 'platyp').map((s) => s.id)).toEqual([a.id]);

    // b leaves, c takes its slot: the list must not answer for c with b's bit, nor keep b.
    index.delete(b.id);
    search.remove(b.id);
    const third = article(3);
    const c = { ...third, faqs: [{ ...third.faqs[0]!, question: 'Any platypus here?' }] } as Comparison;
    index.set(c.id, entryOf(c, 0, 0), false);
    search.upsert(c);
    expect(search.slotEpoch).not.toBe(epoch);
    expect(list.list(index, search, 'platypus').map((s) => s.id).sort()).toEqual([a.id, c.id].sort());
    // "walrus" is in b's body only.
    expect(list.list(index, search, 'walr').map((s) => s.id)).toEqual([]);
    expect(list.list(index, search).map((s) => s.id)).not.toContain(b.id);
  });

  it('matches the header by substring even when the query holds the character that joins the headers', () => {
    const index = new ComparisonIndex(nodeFs, '/nonexistent/index.json', 1e9);
    const search = new SearchIndex();
    const c = article(4);
    index.set(c.id, entryOf(c, 0, 0), false);
    search.upsert(c);
    const list = new SummaryList();
    // Words under three letters: only the substring rule applies, on the per-row path.
    expect(list.list(index, search, 'm 4\u0000').map((s) => s.id)).toEqual([]);
    expect(matchesQuery(c, 'm 4\u0000')).toBe(false);
    expect(list.list(index, search, 'm 4').map((s) => s.id)).toEqual([c.id]);
    expect(list.list(index, search, 'term 4').map((s) => s.id)).toEqual([c.id]);
    expect(list.list(index, search, '4 vs. oth').map((s) => s.id)).toEqual([c.id]);
    // Across two fields (title end, slug start) is not a substring of either.
    expect(list.list(index, search, 'ce?ar').map((s) => s.id)).toEqual([]);
    expect(matchesQuery(c, 'ce?ar')).toBe(false);
  });
});
