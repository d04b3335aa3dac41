import { readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
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
    recent.remember('a', 'A', { size: 10, mtimeMs: 1, ino: 7 });
    recent.remember('b', 'B', { size: 10, mtimeMs: 1, ino: 8 });
    expect(recent.match('a', { size: 10, mtimeMs: 1, ino: 7 })).toBe('A');
    recent.remember('c', 'C', { size: 10, mtimeMs: 1, ino: 9 });
    expect(recent.has('b')).toBe(false);
    expect(recent.match('a', { size: 10, mtimeMs: 2, ino: 7 })).toBeNull();
    expect(recent.has('a')).toBe(false);
    // Replaced by rename with the same size and mtime (a sync tool copying times): a new inode.
    expect(recent.match('c', { size: 10, mtimeMs: 1, ino: 10 })).toBeNull();
    expect(recent.size).toBe(0);
    recent.remember('d', 'D', { size: 10, mtimeMs: 1, ino: 11 });
    expect(recent.match('d', null)).toBeNull();
    expect(recent.size).toBe(0);
  });

  it('a file replaced by rename with the same size and mtime is read again, so a save sees its revision', async () => {
    const dir = await tempDir();
    const store = await WorkspaceStore.open(dir, { create: true, seed: true, indexDelayMs: 60_000 });
    const [summary] = store.listComparisons();
    const id = summary!.id;
    const file = join(dir, 'comparisons', `${id}.json`);
    // A whole-second mtime, which a copy can carry over exactly.
    const second = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(file, second, second);
    const mine = await store.getComparison(id);
    const before = await stat(file);
    // Another program writes the next revision, same length, by rename, and copies the times back.
    const text = await readFile(file, 'utf8');
    const theirs = text.replace(`"revision": ${mine.revision}`, `"revision": ${mine.revision + 1}`);
    expect(theirs.length).toBe(text.length);
    await writeFile(`${file}.other`, theirs);
    await utimes(`${file}.other`, second, second);
    await rename(`${file}.other`, file);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(after.ino).not.toBe(before.ino);
    await expect(store.saveComparison({ ...mine, title: 'Mine' }, mine.revision)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.close();
  });
});
