import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBundle, READER_FROM, type ExportOptions, type ExportSource } from '../../../src/main/bundle/exportBundle';
import { ExportReader, SNAPSHOT_HEAD_BYTES } from '../../../src/main/bundle/exportReader';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { readZipEntries } from '../../../src/main/bundle/import/zipEntries';
import { resolveLimits } from '../../../src/main/bundle/import/bundleLimits';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { buildArticleJson, personRefsById } from '../../../src/shared/export/articleJson';
import { escapeLine, escapeMarkdownInline } from '../../../src/shared/export/escapeMarkdown';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import type { Comparison } from '../../../src/shared/model/comparison';
import { tempDir } from '../storeTestKit';
import { FIXED_NOW } from './exportTestKit';

/**
 * The export's shortcuts (exportReader.ts reading on a worker thread, the lineage from the texts
 * it read, the article JSON built canonical, Markdown text with nothing to escape) must give
 * exactly what the plain paths give.
 */
const base = (out: string): ExportOptions => ({ out, format: 'zip', status: 'any', createdBy: 'Test Writer', appVersion: '0.1.0', now: FIXED_NOW });
const stores: WorkspaceStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** The store as a source without the reader thread's methods: every article read through readComparison. */
function plainSource(store: WorkspaceStore): ExportSource {
  return {
    listComparisons: () => store.listComparisons(),
    getComparison: (id) => store.getComparison(id),
    readComparison: (id) => store.readComparison(id),
    listPeople: () => store.listPeople(),
  };
}

/** History without the reader thread's methods: exportLineage() reads every folder. */
function plainHistory(history: HistoryStore) {
  return { exportLineage: history.exportLineage.bind(history), snapshot: history.snapshot.bind(history) };
}

/** A workspace of the seed article and enough more for the reader thread, with snapshots: plain, with a lineage, and a damaged one. */
async function workspace(): Promise<{ store: WorkspaceStore; history: HistoryStore; ids: string[] }> {
  const store = await WorkspaceStore.open(join(await tempDir(), 'ws'), { create: true, seed: true });
  stores.push(store);
  for (let i = 1; i < READER_FROM; i++) await store.createComparison([`Tea ${i}`, `Coffee ${i}`]);
  const history = HistoryStore.forStore(store);
  const ids = store.listComparisons().map((s) => s.id);
  const [a, b, c] = await Promise.all(ids.slice(0, 3).map((id) => store.getComparison(id)));
  await history.snapshot({ kind: 'comparison', record: a as Comparison, reason: 'sign-off', by: 'Ann', at: FIXED_NOW });
  await history.snapshot({ kind: 'comparison', record: { ...(b as Comparison), revision: 7 }, reason: 'import', by: 'Bo', at: FIXED_NOW, lineage: ['a'.repeat(64), 'b'.repeat(64)] });
  await history.snapshot({ kind: 'comparison', record: b as Comparison, reason: 'submit', by: 'Bo', at: FIXED_NOW });
  await history.snapshot({ kind: 'comparison', record: c as Comparison, reason: 'submit', by: 'Cy', at: FIXED_NOW });
  // Cut short by a crash, and a name that is no snapshot: both left out of the lineage.
  const folder = join(store.path, 'history', (c as Comparison).id);
  await writeFile(join(folder, '9.json'), '{\n  "at": "2024-05-01T12:00:00.000Z",\n  "by": "Cy",\n  "contentHash": "');
  await writeFile(join(folder, 'notes.txt'), 'x');
  await longSnapshots(store, history, ids);
  return { store, history, ids };
}

/**
 * Snapshot files longer than the reader's head (SNAPSHOT_HEAD_BYTES): one read by its head alone,
 * one cut short by a crash, one whose header is longer than the head (read whole), and one whose
 * header is invalid (that folder falls back to exportLineage), all in one article's folder.
 */
async function longSnapshots(store: WorkspaceStore, history: HistoryStore, ids: string[]): Promise<void> {
  const d = await store.getComparison(ids[3] as string);
  const long: Comparison = { ...d, summary: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Long. '.repeat(1000) }] }] } };
  await history.snapshot({ kind: 'comparison', record: { ...long, revision: 2 }, reason: 'submit', by: 'Di', at: FIXED_NOW });
  await history.snapshot({ kind: 'comparison', record: { ...long, revision: 3 }, reason: 'approve', by: 'D'.repeat(SNAPSHOT_HEAD_BYTES), at: FIXED_NOW });
  const folder = join(store.path, 'history', d.id);
  const text = await readFile(join(folder, '2.json'), 'utf8');
  expect(text.length).toBeGreaterThan(SNAPSHOT_HEAD_BYTES + 1000);
  await writeFile(join(folder, '4.json'), text.slice(0, SNAPSHOT_HEAD_BYTES + 500));
  await writeFile(join(folder, '5.json'), text.replace(/"contentHash": "[0-9a-f]+"/, '"contentHash": "not a hash"'));
}

async function zipFiles(path: string): Promise<Map<string, string>> {
  const entries = await readZipEntries(path, resolveLimits());
  return new Map([...entries].map(([name, data]) => [name, Buffer.from(data).toString('utf8')]));
}

describe('export shortcuts', () => {
  it('gives the same zip, byte for byte, reading on the worker thread as reading through the store', async () => {
    const { store, history } = await workspace();
    const dir = await tempDir();
    const reads = vi.spyOn(store, 'readComparison');
    const fast = await exportBundle(store, { ...base(join(dir, 'fast.zip')), history });
    // Every article came from the reader thread.
    expect(reads).not.toHaveBeenCalled();
    const plain = await exportBundle(plainSource(store), { ...base(join(dir, 'plain.zip')), history: plainHistory(history) });
    expect(fast.items).toBe(READER_FROM);
    expect((await readFile(fast.path)).equals(await readFile(plain.path))).toBe(true);
    const manifest = JSON.parse((await zipFiles(fast.path)).get('manifest.json') as string) as { items: Array<{ lineage: string[] }> };
    // The import snapshot's lineage made it in (the article's hash, its snapshot's, then the two it arrived with).
    expect(manifest.items.some((i) => i.lineage.includes('a'.repeat(64)) && i.lineage.includes('b'.repeat(64)))).toBe(true);
  });

  it('never waits on a FIFO or follows a symlink the reader thread meets: those are read the usual way', async () => {
    const { store, history, ids } = await workspace();
    // A FIFO with a snapshot's name (opening it for reading would wait for a writer for ever), and
    // a record file that is a symlink to the real file elsewhere.
    const folder = join(store.path, 'history', ids[4] as string);
    await mkdir(folder, { recursive: true });
    execFileSync('mkfifo', [join(folder, '3.json')]);
    const linked = join(store.path, 'comparisons', `${ids[5] as string}.json`);
    await rename(linked, join(store.path, 'elsewhere.json'));
    await symlink(join(store.path, 'elsewhere.json'), linked);
    const reads = vi.spyOn(store, 'readComparison');
    const result = await exportBundle(store, { ...base(join(await tempDir(), 'fast.zip')), history });
    expect(result.items).toBe(READER_FROM);
    // The symlinked record was read through the store (which follows it after a stat).
    expect(reads.mock.calls).toEqual([[ids[5]]]);
  }, 30_000);

  it('follows a symlinked snapshot as the plain path does (same lineage, same snapshots written, same bytes)', async () => {
    const { store, history, ids } = await workspace();
    const folder = join(store.path, 'history', ids[0] as string);
    const [name] = (await readdir(folder)).filter((n) => n.endsWith('.json'));
    await rename(join(folder, name as string), join(store.path, 'kept-snapshot.json'));
    await symlink(join(store.path, 'kept-snapshot.json'), join(folder, name as string));
    // Export snapshots recorded, not written: both exports see the same history folders.
    const recorded = (calls: string[]) => ({ snapshot: async (input: { record: Comparison }) => void calls.push(input.record.id) });
    const fastCalls: string[] = [];
    const plainCalls: string[] = [];
    const dir = await tempDir();
    const fast = await exportBundle(store, { ...base(join(dir, 'fast.zip')), history: { ...plainHistory(history), ...recorded(fastCalls), directFolder: (id: string) => history.directFolder(id), exportLineageFrom: history.exportLineageFrom.bind(history) } });
    const plain = await exportBundle(plainSource(store), { ...base(join(dir, 'plain.zip')), history: { ...plainHistory(history), ...recorded(plainCalls) } });
    expect(fastCalls).toEqual(plainCalls);
    expect((await readFile(fast.path)).equals(await readFile(plain.path))).toBe(true);
    const manifest = JSON.parse((await zipFiles(fast.path)).get('manifest.json') as string) as { items: Array<{ id: string; lineage: string[] }> };
    // The symlinked sign-off snapshot is in that article's lineage, and no export snapshot was needed for it.
    expect(manifest.items.find((i) => i.id === ids[0])?.lineage.length).toBeGreaterThanOrEqual(1);
    expect(fastCalls).not.toContain(ids[0]);
  });

  it('exports what a file holds when it was changed behind the app, as a read through the store does', async () => {
    const { store, ids } = await workspace();
    const id = ids[3] as string;
    const file = join(store.path, 'comparisons', `${id}.json`);
    const record = JSON.parse(await readFile(file, 'utf8')) as Comparison;
    await writeFile(file, stableStringify({ ...record, title: 'Changed on disk by another program' }));
    const dir = await tempDir();
    const reads = vi.spyOn(store, 'readComparison');
    const fast = await exportBundle(store, base(join(dir, 'fast.zip')));
    // That one article was read again through the store (which follows the change).
    expect(reads.mock.calls).toEqual([[id]]);
    const files = await zipFiles(fast.path);
    expect(files.get(`comparisons/${record.slug}.json`)).toContain('Changed on disk by another program');
    const plain = await exportBundle(plainSource(store), base(join(dir, 'plain.zip')));
    expect((await readFile(fast.path)).equals(await readFile(plain.path))).toBe(true);
    // The list followed the file.
    expect(store.listComparisons().find((s) => s.id === id)?.title).toBe('Changed on disk by another program');
  });

  it('reads a small export through the store alone (no thread to start)', async () => {
    const store = await WorkspaceStore.open(join(await tempDir(), 'ws'), { create: true, seed: true });
    stores.push(store);
    const reads = vi.spyOn(store, 'readComparison');
    const result = await exportBundle(store, base(join(await tempDir(), 'one.zip')));
    expect(result.items).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('refuses a damaged article file as before: quarantined, NOT_FOUND, no zip left behind', async () => {
    const { store, ids } = await workspace();
    const id = ids[2] as string;
    await writeFile(join(store.path, 'comparisons', `${id}.json`), '{"format": 1, "id": "');
    const dir = await tempDir();
    await expect(exportBundle(store, base(join(dir, 'out.zip')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readdir(dir)).toEqual([]);
    expect(await readdir(join(store.path, 'comparisons'))).not.toContain(`${id}.json`);
  });

  it('reads a long snapshot by its head only when it is complete and its header fits, and gives the same lineage as reading it whole', async () => {
    const { store, history, ids } = await workspace();
    const d = await store.readComparison(ids[3] as string);
    const folder = history.directFolder(d.id) as string;
    const reader = new ExportReader();
    try {
      const [got] = await reader.read([{ file: join(store.path, 'comparisons', `${d.id}.json`), folder }]);
      const byRevision = new Map((got?.snapshots ?? []).map((f) => [f.revision, f]));
      // Complete, header in the head: only the head, up to the record's key.
      expect(byRevision.get(2)?.head).toMatch(/"reason": "submit",\n {2}"record":$/);
      expect(byRevision.get(2)?.text).toBeUndefined();
      // The header longer than the head, and the file cut short: whole.
      expect(byRevision.get(3)?.text?.length).toBeGreaterThan(SNAPSHOT_HEAD_BYTES * 2);
      expect(byRevision.get(4)?.text?.length).toBe(SNAPSHOT_HEAD_BYTES + 500);
      // A head whose header is not valid: the folder is read with exportLineage() instead.
      expect(byRevision.get(5)?.head).toBeDefined();
      const hash = contentHash(d);
      expect(history.exportLineageFrom(hash, got?.snapshots ?? [])).toBeNull();
      const expected = await history.exportLineage(d, hash);
      // Without the invalid one, the rest gives exportLineage's answer: 2 and 3 in, 4 (cut short) and 5 (invalid) out.
      const rest = (got?.snapshots ?? []).filter((f) => f.revision !== 5);
      expect(history.exportLineageFrom(hash, rest)).toEqual(expected);
      expect(expected.lineage).toHaveLength(2);
    } finally {
      await reader.close();
    }
  });

  it('reads a long history newest first until it names 50 hashes, and the whole folder when the checked headers name fewer', async () => {
    const { store, history, ids } = await workspace();
    const [e, f, g] = (await Promise.all([ids[6], ids[7], ids[8]].map((id) => store.getComparison(id as string)))) as [Comparison, Comparison, Comparison];
    const total = 70;
    const older = 10;
    for (let revision = 1; revision <= total; revision++) {
      // e and g: every snapshot different. f: only the oldest ones differ, the newest hold its own content.
      await history.snapshot({ kind: 'comparison', record: { ...e, title: `E ${revision}`, revision }, reason: 'autosave', by: 'Ed', at: FIXED_NOW });
      await history.snapshot({ kind: 'comparison', record: { ...f, title: revision <= older ? `F ${revision}` : f.title, revision }, reason: 'autosave', by: 'Fa', at: FIXED_NOW });
      await history.snapshot({ kind: 'comparison', record: { ...g, title: `G ${revision}`, revision }, reason: 'autosave', by: 'Gu', at: FIXED_NOW });
    }
    // g's newer snapshots have a header the checks refuse (each still names its hash).
    const gFolder = history.directFolder(g.id) as string;
    for (let revision = older + 1; revision <= total; revision++) {
      const file = join(gFolder, `${revision}.json`);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/"at": "[^"]+"/, '"at": "not a time"'));
    }
    const reader = new ExportReader();
    try {
      const [ge, gf, gg] = await reader.read([e, f, g].map((c) => ({ file: join(store.path, 'comparisons', `${c.id}.json`), folder: history.directFolder(c.id) })));
      // e: the newest 50 files name 50 hashes; the 20 older ones are not read.
      expect(ge?.snapshots?.map((s) => s.revision).sort((a, b) => a - b)[0]).toBe(total - 49);
      expect(ge?.olderSnapshots).toBe(total - 50);
      const expectedE = await history.exportLineage(e, contentHash(e));
      // The article's own hash, then its 49 newest snapshots' (read newest first, older files left unread).
      const snapshotHash = (revision: number) => contentHash({ ...e, title: `E ${revision}`, revision });
      expect(expectedE.lineage).toEqual([contentHash(e), ...Array.from({ length: 49 }, (_, k) => snapshotHash(total - k))]);
      expect(history.exportLineageFrom(contentHash(e), ge?.snapshots ?? [], ge?.olderSnapshots ?? 0)).toEqual(expectedE);
      // exportLineage itself (no reader thread) also stops before the oldest files.
      const counted: string[] = [];
      const counting = new HistoryStore(store.path, { ...store.fsLayer, readFile: async (path: string) => (counted.push(path), store.fsLayer.readFile(path)) });
      expect(await counting.exportLineage(e, contentHash(e))).toEqual(expectedE);
      expect(counted.length).toBeLessThan(total);
      expect(counted).not.toContain(join(history.directFolder(e.id) as string, '1.json'));
      // f: never 50 hashes, so every file is read.
      expect(gf?.snapshots).toHaveLength(total);
      expect(gf?.olderSnapshots).toBe(0);
      expect(history.exportLineageFrom(contentHash(f), gf?.snapshots ?? [], 0)).toEqual(await history.exportLineage(f, contentHash(f)));
      // g: the worker stopped at 50 hashes, but the checked headers name none: the folder is read whole.
      expect(gg?.olderSnapshots).toBe(total - 50);
      expect(history.exportLineageFrom(contentHash(g), gg?.snapshots ?? [], gg?.olderSnapshots ?? 0)).toBeNull();
      expect((await history.exportLineage(g, contentHash(g))).lineage).toEqual([contentHash(g), ...Array.from({ length: older }, (_, k) => contentHash({ ...g, title: `G ${older - k}`, revision: older - k }))]);
    } finally {
      await reader.close();
    }
    const dir = await tempDir();
    const fast = await exportBundle(store, { ...base(join(dir, 'fast.zip')), history });
    const plain = await exportBundle(plainSource(store), { ...base(join(dir, 'plain.zip')), history: plainHistory(history) });
    expect((await readFile(fast.path)).equals(await readFile(plain.path))).toBe(true);
  });

  it('reads the same lineage from the texts the worker read as exportLineage does, a missing folder too', async () => {
    const { store, history, ids } = await workspace();
    for (const id of ids) {
      const c = await store.readComparison(id);
      const hash = contentHash(c);
      const folder = history.directFolder(id) as string;
      const names = await readdir(folder).catch(() => [] as string[]);
      const files = await Promise.all(
        names
          .filter((n) => /^\d+\.json$/.test(n))
          .map(async (n) => ({ revision: Number(n.slice(0, -5)), text: await readFile(join(folder, n), 'utf8').catch(() => null) })),
      );
      expect(history.exportLineageFrom(hash, files)).toEqual(await history.exportLineage(c, hash));
    }
    // An unreadable file counts as missing, as exportLineage leaves it out.
    expect(history.exportLineageFrom('c'.repeat(64), [{ revision: 1, text: null }])).toEqual({ lineage: ['c'.repeat(64)], newest: null });
    expect(new HistoryStore(store.path, { ...store.fsLayer }).directFolder(ids[0] as string)).toBeNull();
    expect(history.directFolder('not-an-id')).toBeNull();
  });

  it('builds the article JSON canonical (keys sorted at every depth) from a stored record, so it serializes natively to the same text', async () => {
    const { store, ids } = await workspace();
    const people = store.listPeople();
    for (const id of ids) {
      // As the export's reader gets it: parsed from its file (a record just made in memory, not
      // sorted yet, takes stableStringify's own writer, with the same text).
      const c = JSON.parse(await readFile(join(store.path, 'comparisons', `${id}.json`), 'utf8')) as Comparison;
      const article = buildArticleJson({ comparison: c, people, personRefs: personRefsById(people), articles: [], status: 'draft', contentHash: contentHash(c) });
      expect(`${JSON.stringify(article, null, 2)}\n`).toBe(stableStringify(article));
      // The same article as built without the shared byline records.
      expect(stableStringify(buildArticleJson({ comparison: c, people, articles: [], status: 'draft', contentHash: contentHash(c) }))).toBe(stableStringify(article));
    }
  });

  it('returns text with nothing to escape as it is, and escapes everything else exactly as before', () => {
    const chars = fc.constantFrom(...'ab Z9 0-+=\\*_#|[]`~<>&\r\t\u00a0é'.split(''));
    const line = fc.array(chars, { maxLength: 12 }).map((cs) => cs.join(''));
    const position = fc.record({ lineStart: fc.boolean(), lineEnd: fc.boolean() });
    fc.assert(fc.property(fc.oneof(line, fc.string().map((s) => s.replace(/\n/g, ''))), position, (text, pos) => escapeMarkdownInline(text, pos) === escapeLine(text, pos)), { numRuns: 3000 });
    expect(escapeMarkdownInline('Plain words, nothing else.')).toBe('Plain words, nothing else.');
    expect(escapeMarkdownInline('1. not a list ')).toBe('1\\. not a list&#x20;');
  });
});
