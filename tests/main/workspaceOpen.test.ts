import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/main/store/fsLayer';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { openReadLimit, tempDir } from './storeTestKit';

async function seededDir(): Promise<{ dir: string; seedId: string }> {
  const dir = join(await tempDir(), 'workspace');
  const store = await WorkspaceStore.open(dir, { create: true, seed: true });
  const seedId = store.listComparisons()[0].id;
  await store.close();
  return { dir, seedId };
}

const corruptions: Array<[string, string | Buffer, RegExp]> = [
  ['zero bytes', '', /it is empty/],
  ['NUL-filled', Buffer.alloc(512), /binary zeros/],
  ['truncated', '{"format": 1, "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "title": "Cut of', /not valid JSON/],
  ['schema-invalid', JSON.stringify({ format: 1, id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', title: 42 }), /does not match the comparison format/],
  ['from a future format', JSON.stringify({ format: 99, id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }), /format 99 by a newer Versus Desk/],
  ['carrying a __proto__ key', '{"format": 1, "__proto__": {"polluted": true}}', /forbidden key "__proto__"/],
];

describe('opening a workspace with a damaged file', () => {
  for (const [kind, content, reason] of corruptions) {
    it(`moves a ${kind} comparison to quarantine with a notice and opens the rest`, async () => {
      const { dir, seedId } = await seededDir();
      const bad = join(dir, 'comparisons', '01ARZ3NDEKTSV4RRFFQ69G5FAV.json');
      await writeFile(bad, content);
      const store = await WorkspaceStore.open(dir);
      // The list came from the index cache; the files are checked against it in the background.
      await store.whenIndexChecked();
      const [notice] = store.info().notices;
      expect(notice).toMatchObject({ kind: 'quarantine' });
      expect(notice.message).toMatch(/^comparisons\/01ARZ3NDEKTSV4RRFFQ69G5FAV\.json could not be read \(/);
      expect(notice.message).toMatch(reason);
      expect(notice.message).toMatch(/was moved to \.versus-desk\/quarantine\/.+-01ARZ3NDEKTSV4RRFFQ69G5FAV\.json$/);
      await expect(stat(bad)).rejects.toMatchObject({ code: 'ENOENT' });
      const quarantined = await readFile(join(dir, notice.file ?? ''));
      expect(quarantined.equals(Buffer.from(content))).toBe(true);
      expect(store.listComparisons().map((s) => s.id)).toEqual([seedId]);
      expect((await store.getComparison(seedId)).keyDifferences).toHaveLength(5);
      await store.close();
    });
  }

  it('quarantines a damaged person file too', async () => {
    const { dir } = await seededDir();
    await writeFile(join(dir, 'people', '01ARZ3NDEKTSV4RRFFQ69G5FAV.json'), '{"name":');
    const store = await WorkspaceStore.open(dir);
    expect(store.info().notices[0].message).toMatch(/^people\/01ARZ3NDEKTSV4RRFFQ69G5FAV\.json could not be read/);
    expect(store.listPeople()).toHaveLength(2);
    await store.close();
  });

  it('reads the people a few files at a time: all 62 listed, the damaged one quarantined, never more than 16 reads open', async () => {
    const { dir } = await seededDir();
    const store = await WorkspaceStore.open(dir);
    const bio = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Writes about words.' }] }] };
    for (let i = 0; i < 60; i++) await store.createPerson({ name: `Person ${String(i).padStart(2, '0')}`, credentials: '', bio });
    await store.close();
    await writeFile(join(dir, 'people', '01ARZ3NDEKTSV4RRFFQ69G5FAV.json'), '{"name":');
    // Only the people's reads are counted: the limit is on them.
    const limited = openReadLimit(16);
    const fs = { ...nodeFs, readFile: (path: string) => (path.includes(`${sep}people${sep}`) ? limited.fs.readFile(path) : nodeFs.readFile(path)) };
    const reopened = await WorkspaceStore.open(dir, { fs });
    expect(reopened.listPeople()).toHaveLength(62);
    expect(reopened.info().notices.map((n) => n.message)).toEqual([expect.stringMatching(/^people\/01ARZ3NDEKTSV4RRFFQ69G5FAV\.json could not be read/)]);
    // One after another, 63 small files cost 63 round trips to the thread pool.
    expect(limited.peak()).toBeGreaterThan(1);
    await reopened.close();
  });

  it('never overwrites a file already in quarantine', async () => {
    const { dir } = await seededDir();
    const now = () => new Date('2024-05-05T10:00:00Z');
    for (const text of ['first', 'second']) {
      await writeFile(join(dir, 'comparisons', '01ARZ3NDEKTSV4RRFFQ69G5FAV.json'), text);
      const store = await WorkspaceStore.open(dir, { now });
      await store.whenIndexChecked();
      await store.close();
    }
    const names = await readdir(join(dir, '.versus-desk', 'quarantine'));
    expect(names).toHaveLength(2);
  });

  it('removes leftover temp files from a crashed write: while opening without an index cache, by the background check with one', async () => {
    const { dir } = await seededDir();
    const temp = join(dir, 'comparisons', '.01ARZ3NDEKTSV4RRFFQ69G5FAV.json.1234.abcd.tmp');
    const person = join(dir, 'people', '.01ARZ3NDEKTSV4RRFFQ69G5FAW.json.1234.abcd.tmp');
    // Warm (the seeded workspace's cache is there): comparisons/ is cleaned by the check, people/ at once.
    await writeFile(temp, '{"half": ');
    await writeFile(person, '{"half": ');
    const warm = await WorkspaceStore.open(dir);
    await expect(stat(person)).rejects.toMatchObject({ code: 'ENOENT' });
    await warm.whenIndexChecked();
    await expect(stat(temp)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(warm.info().notices).toEqual([]);
    await warm.close();
    // Cold: no cache, so no check; the temp file goes while opening.
    await rm(join(dir, '.versus-desk', 'index.json'));
    await writeFile(temp, '{"half": ');
    const cold = await WorkspaceStore.open(dir);
    await expect(stat(temp)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(cold.info().notices).toEqual([]);
    await cold.close();
  });

  it("leaves a running process's lock in the making alone while it is young, and removes an old one or a dead process's", async () => {
    const { dir } = await seededDir();
    // process.ppid: a process that runs (the test runner's parent) stands for another Versus Desk.
    const young = join(dir, '.versus-desk', `.lock.${process.ppid}.aaaaaaaaaaaa.stale.tmp`);
    const old = join(dir, '.versus-desk', `.lock.${process.ppid}.bbbbbbbbbbbb.tmp`);
    const dead = join(dir, '.versus-desk', '.lock.999999.cccccccccccc.tmp');
    const text = JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString() });
    for (const file of [young, old, dead]) await writeFile(file, text);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, anHourAgo, anHourAgo);
    const store = await WorkspaceStore.open(dir);
    expect(await readFile(young, 'utf8')).toBe(text);
    await expect(stat(old)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(dead)).rejects.toMatchObject({ code: 'ENOENT' });
    await store.close();
  });
});

describe('opening a folder that is not a (readable) workspace', () => {
  it('refuses a folder with other files but no versus-desk.json, and writes nothing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(WorkspaceStore.open(dir)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'not-a-workspace', empty: false } });
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('refuses a damaged versus-desk.json and never overwrites it, even when asked to create', async () => {
    const { dir } = await seededDir();
    await writeFile(join(dir, 'versus-desk.json'), '{"format": 1, "name": ');
    for (const create of [false, true]) {
      await expect(WorkspaceStore.open(dir, { create })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'invalid-settings' } });
    }
    expect(await readFile(join(dir, 'versus-desk.json'), 'utf8')).toBe('{"format": 1, "name": ');
  });

  it('refuses a workspace written by a newer Versus Desk', async () => {
    const { dir } = await seededDir();
    await writeFile(join(dir, 'versus-desk.json'), JSON.stringify({ format: 7, name: 'x', createdAt: '2030-01-01T00:00:00.000Z' }));
    await expect(WorkspaceStore.open(dir)).rejects.toThrow(/format 7 by a newer Versus Desk/);
  });

  it('does not seed a workspace twice: a deleted sample article stays deleted', async () => {
    const { dir, seedId } = await seededDir();
    const store = await WorkspaceStore.open(dir, { create: true, seed: true });
    await store.deleteComparison(seedId, 1);
    await store.close();
    const again = await WorkspaceStore.open(dir, { create: true, seed: true });
    expect(again.listComparisons()).toEqual([]);
    await again.close();
  });
});

describe('the workspace lock', () => {
  it('refuses a second store while the first is open, and allows it after close', async () => {
    const { dir } = await seededDir();
    const first = await WorkspaceStore.open(dir);
    await expect(WorkspaceStore.open(dir)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(WorkspaceStore.open(dir)).rejects.toThrow(`This workspace is already open in another Versus Desk (process ${process.pid})`);
    await first.close();
    const second = await WorkspaceStore.open(dir);
    await second.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const { dir } = await seededDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const lockFile = join(dir, '.versus-desk', 'lock');
    await writeFile(lockFile, JSON.stringify({ pid: dead, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }));
    const store = await WorkspaceStore.open(dir, { pid: 4242 });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: 4242, hostname: hostname() });
    expect(store.info().notices[0]).toMatchObject({ kind: 'recovered' });
    await store.close();
    await expect(stat(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a lock held from another computer, saying which', async () => {
    const { dir } = await seededDir();
    await mkdir(join(dir, '.versus-desk'), { recursive: true });
    await writeFile(join(dir, '.versus-desk', 'lock'), JSON.stringify({ pid: 1, hostname: 'other-laptop', startedAt: '2024-01-01T00:00:00.000Z' }));
    await expect(WorkspaceStore.open(dir)).rejects.toThrow(/on other-laptop \(process 1\)/);
  });
});

describe('the index cache', () => {
  it('lists a reopened workspace without reading comparison files whose size and mtime are unchanged', async () => {
    const { dir, seedId } = await seededDir();
    const { recordingFs } = await import('./storeTestKit');
    const calls: Array<{ op: string; path: string }> = [];
    const store = await WorkspaceStore.open(dir, { fs: recordingFs(calls) });
    expect(store.listComparisons().map((s) => s.id)).toEqual([seedId]);
    expect(calls.filter((c) => c.op === 'readFile' && c.path.includes(`${join('comparisons', seedId)}`))).toEqual([]);
    await store.close();
  });

  it('re-reads a file changed behind its back (same size with a new mtime, or a new size)', async () => {
    const { dir, seedId } = await seededDir();
    const file = join(dir, 'comparisons', `${seedId}.json`);
    const original = await readFile(file, 'utf8');
    // Same length, different title, different mtime.
    const sameSize = original.replace('"Social Media vs. Social Networking: What\'s the Difference?"', '"Social Media vs. Social Networking: What\'s the Differencf?"');
    expect(sameSize.length).toBe(original.length);
    await writeFile(file, sameSize);
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    let store = await WorkspaceStore.open(dir);
    await store.whenIndexChecked();
    expect(store.listComparisons()[0].title).toMatch(/Differencf\?$/);
    await store.close();
    await writeFile(file, original.replace('"Social Media vs. Social Networking: What\'s the Difference?"', '"A longer title, written by hand"'));
    store = await WorkspaceStore.open(dir);
    await store.whenIndexChecked();
    expect(store.listComparisons()[0].title).toBe('A longer title, written by hand');
    await store.close();
  });

  it('rebuilds a missing or damaged index silently', async () => {
    const { dir, seedId } = await seededDir();
    await writeFile(join(dir, '.versus-desk', 'index.json'), '\u0000\u0000garbage');
    const store = await WorkspaceStore.open(dir);
    expect(store.listComparisons().map((s) => s.id)).toEqual([seedId]);
    expect(store.info().notices).toEqual([]);
    await store.close();
    expect(JSON.parse(await readFile(join(dir, '.versus-desk', 'index.json'), 'utf8')).comparisons[seedId].summary.id).toBe(seedId);
  });

  it('drops files deleted behind its back from the list', async () => {
    const { dir, seedId } = await seededDir();
    const { unlink } = await import('node:fs/promises');
    await unlink(join(dir, 'comparisons', `${seedId}.json`));
    const store = await WorkspaceStore.open(dir);
    await store.whenIndexChecked();
    expect(store.listComparisons()).toEqual([]);
    await store.close();
  });

  it('does not rewrite the index on every save, only after changes settle and on close', async () => {
    const { dir, seedId } = await seededDir();
    const { recordingFs } = await import('./storeTestKit');
    const calls: Array<{ op: string; path: string; to?: string }> = [];
    const store = await WorkspaceStore.open(dir, { fs: recordingFs(calls), indexDelayMs: 60_000 });
    const indexWrites = () => calls.filter((c) => c.op === 'rename' && c.to?.endsWith(join('.versus-desk', 'index.json'))).length;
    let c = await store.getComparison(seedId);
    for (let i = 0; i < 5; i++) c = await store.saveComparison(c, c.revision);
    expect(c.revision).toBe(6);
    expect(indexWrites()).toBe(0);
    await store.close();
    expect(indexWrites()).toBe(1);
    const index = JSON.parse(await readFile(join(dir, '.versus-desk', 'index.json'), 'utf8'));
    expect(index.comparisons[seedId].summary.revision).toBe(6);
  });

  it('writes the index by itself once changes settle', async () => {
    const { dir, seedId } = await seededDir();
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 20 });
    const c = await store.getComparison(seedId);
    await store.saveComparison(c, 1);
    await new Promise((r) => setTimeout(r, 200));
    const index = JSON.parse(await readFile(join(dir, '.versus-desk', 'index.json'), 'utf8'));
    expect(index.comparisons[seedId].summary.revision).toBe(2);
    await store.close();
  });
});
