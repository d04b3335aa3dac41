import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/shared/model/comparison';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { RecentRecords } from '../../../src/main/store/recentRecords';
import { recordingFs, tempDir, type FsCall } from '../storeTestKit';

async function seeded(calls: FsCall[]): Promise<{ dir: string; store: WorkspaceStore; id: string; file: string }> {
  const dir = join(await tempDir(), 'ws');
  const first = await WorkspaceStore.open(dir, { create: true, seed: true });
  const id = first.listComparisons()[0]?.id ?? '';
  await first.close();
  const store = await WorkspaceStore.open(dir, { fs: recordingFs(calls), indexDelayMs: 60_000 });
  await store.whenIndexChecked();
  return { dir, store, id, file: join(dir, 'comparisons', `${id}.json`) };
}

describe('saving a record the store just read or wrote', () => {
  it('costs a stat, not a read, while the file is unchanged, and writes the same bytes as before', async () => {
    const calls: FsCall[] = [];
    const { store, id, file } = await seeded(calls);
    let c = await store.getComparison(id);
    calls.length = 0;
    c = await store.saveComparison({ ...c, title: 'Edited once', titleEdited: true }, c.revision);
    c = await store.saveComparison({ ...c, title: 'Edited twice' }, c.revision);
    expect(calls.filter((x) => x.op === 'readFile' && x.path === file)).toEqual([]);
    expect(c.revision).toBe(3);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Comparison;
    expect(onDisk).toEqual(c);
    expect(await store.getComparison(id)).toEqual(c);
    await store.close();
  });

  it('re-reads a file another program changed, even with the same size, and sees the conflict', async () => {
    const calls: FsCall[] = [];
    const { store, id, file } = await seeded(calls);
    const mine = await store.getComparison(id);
    // Same length: only the mtime tells.
    const text = await readFile(file, 'utf8');
    const theirs = text.replace(`"revision": ${mine.revision}`, `"revision": ${mine.revision + 1}`);
    expect(theirs.length).toBe(text.length);
    await writeFile(file, theirs);
    const later = new Date(Date.now() + 10_000);
    await utimes(file, later, later);
    await expect(store.saveComparison({ ...mine, title: 'Mine', titleEdited: true }, mine.revision)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await store.getComparison(id)).revision).toBe(mine.revision + 1);
    expect(await readFile(file, 'utf8')).toBe(theirs);
    await store.close();
  });

  it('hands out copies: changing what get or save returned changes nothing stored', async () => {
    const calls: FsCall[] = [];
    const { store, id } = await seeded(calls);
    const got = await store.getComparison(id);
    const saved = await store.saveComparison(got, got.revision);
    got.title = 'scribbled';
    saved.terms[0] = { key: 'a', name: 'scribbled' };
    saved.keyDifferences.length = 0;
    const again = await store.getComparison(id);
    expect(again.title).not.toBe('scribbled');
    expect(again.terms[0]?.name).not.toBe('scribbled');
    expect(again.keyDifferences.length).toBeGreaterThan(0);
    await store.close();
  });

  it('keeps only the most recently used records, and forgets one whose file changed', () => {
    const recent = new RecentRecords<string>(2);
    recent.remember('a', 'A', 10, 1);
    recent.remember('b', 'B', 10, 1);
    expect(recent.match('a', { size: 10, mtimeMs: 1 })).toBe('A');
    recent.remember('c', 'C', 10, 1);
    expect(recent.has('b')).toBe(false);
    expect(recent.match('a', { size: 10, mtimeMs: 2 })).toBeNull();
    expect(recent.has('a')).toBe(false);
    expect(recent.match('c', null)).toBeNull();
    expect(recent.size).toBe(0);
  });
});
