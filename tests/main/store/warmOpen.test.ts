import { readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { OutsideChange } from '../../../src/shared/api/resilienceContract';
import type { Comparison } from '../../../src/shared/model/comparison';
import { Services } from '../../../src/main/services/Services';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { synthWorkspace } from '../../../bench/synth';
import { recordingFs, tempDir, type FsCall } from '../storeTestKit';

/** A workspace of `n` generated articles, closed with its index cache written. */
async function workspaceOf(n: number): Promise<{ dir: string; comparisons: Comparison[] }> {
  const dir = join(await tempDir(), 'ws');
  const { comparisons } = synthWorkspace({ articles: n, people: 2, seed: 5, signOff: false });
  const store = await WorkspaceStore.open(dir, { create: true, seed: false, indexDelayMs: 60_000 });
  await store.withRecordWriter(async (w) => {
    for (const c of comparisons) await w.putComparison({ ...c, byline: { ...c.byline, authorId: null, editorId: null } });
  });
  await store.close();
  return { dir, comparisons };
}

const fileOf = (dir: string, id: string) => join(dir, 'comparisons', `${id}.json`);

/** Rewrites a record file as another program would (new content, a later mtime). */
async function editBehind(dir: string, c: Comparison, title: string): Promise<void> {
  const file = fileOf(dir, c.id);
  const stored = JSON.parse(await readFile(file, 'utf8')) as Comparison;
  await writeFile(file, JSON.stringify({ ...stored, title, titleEdited: true, revision: stored.revision + 1 }, null, 2));
  const later = new Date(Date.now() + 10_000);
  await utimes(file, later, later);
}

describe('a warm open (index cache present)', () => {
  it('lists from the cache without touching the article files, then checks them in the background', async () => {
    const { dir, comparisons } = await workspaceOf(12);
    const calls: FsCall[] = [];
    const store = await WorkspaceStore.open(dir, { fs: recordingFs(calls), indexDelayMs: 60_000 });
    const touched = () => calls.filter((c) => c.path.startsWith(join(dir, 'comparisons') + '/') && c.path.endsWith('.json'));
    expect(store.listComparisons()).toHaveLength(comparisons.length);
    expect(touched()).toEqual([]);
    await store.whenIndexChecked();
    // The check stats every file and reads none of them: nothing changed.
    expect(touched().filter((c) => c.op === 'stat')).toHaveLength(comparisons.length);
    expect(touched().filter((c) => c.op === 'readFile')).toEqual([]);
    await store.close();
  });

  it('follows files changed, added and deleted while the app was closed, and tells of each once the check is done', async () => {
    const { dir, comparisons } = await workspaceOf(10);
    const [changed, removed, added] = [comparisons[2], comparisons[5], comparisons[7]] as Comparison[];
    await editBehind(dir, changed, 'Changed while closed');
    await unlink(fileOf(dir, removed.id));
    // "Added": a record the cache does not know yet (taken out of the cache by hand).
    const cache = JSON.parse(await readFile(join(dir, '.versus-desk', 'index.json'), 'utf8')) as { comparisons: Record<string, unknown> };
    delete cache.comparisons[added.id];
    await writeFile(join(dir, '.versus-desk', 'index.json'), JSON.stringify(cache));

    const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    const heard: OutsideChange[] = [];
    store.onOutsideChanges((changes) => heard.push(...changes));
    // Ready at once from the cache: the removed article is still listed, the added one not yet.
    const before = new Map(store.listComparisons().map((s) => [s.id, s.title]));
    expect(before.has(removed.id)).toBe(true);
    expect(before.has(added.id)).toBe(false);
    await store.whenIndexChecked();
    const after = new Map(store.listComparisons().map((s) => [s.id, s.title]));
    expect(after.get(changed.id)).toBe('Changed while closed');
    expect(after.has(removed.id)).toBe(false);
    expect(after.get(added.id)).toBe(added.title);
    expect(after.size).toBe(comparisons.length - 1);
    expect(heard.map((c) => [c.id, c.change]).sort()).toEqual(
      [
        [changed.id, 'changed'],
        [removed.id, 'removed'],
        [added.id, 'added'],
      ].sort(),
    );
    expect(heard.find((c) => c.id === removed.id)?.label).toBe(removed.title);
    // The cache follows on close: the next open needs no re-read.
    await store.close();
    const next = JSON.parse(await readFile(join(dir, '.versus-desk', 'index.json'), 'utf8')) as { comparisons: Record<string, { summary: { title: string } }> };
    expect(next.comparisons[changed.id]?.summary.title).toBe('Changed while closed');
    expect(next.comparisons[removed.id]).toBeUndefined();
    expect(next.comparisons[added.id]?.summary.title).toBe(added.title);
  });

  it('serves the disk version of a stale entry and refuses a save based on the cached revision, without waiting for the check', async () => {
    const { dir, comparisons } = await workspaceOf(6);
    const target = comparisons[3] as Comparison;
    await editBehind(dir, target, 'Edited by hand');
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    const listed = store.listComparisons().find((s) => s.id === target.id);
    const got = await store.getComparison(target.id);
    expect(got.title).toBe('Edited by hand');
    expect(got.revision).toBe((listed?.revision ?? 0) + 1);
    await expect(store.saveComparison({ ...got, revision: listed?.revision ?? 1 }, listed?.revision ?? 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    const saved = await store.saveComparison(got, got.revision);
    expect(saved.revision).toBe(got.revision + 1);
    await store.whenIndexChecked();
    expect(store.listComparisons().find((s) => s.id === target.id)?.revision).toBe(saved.revision);
    await store.close();
  });

  it('quarantines a file damaged while the app was closed, with a notice in info() and to onNotice', async () => {
    const { dir, comparisons } = await workspaceOf(4);
    const bad = comparisons[1] as Comparison;
    await writeFile(fileOf(dir, bad.id), '{"format": 1, "title": ');
    const notices: string[] = [];
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000, onNotice: (n) => notices.push(n.message) });
    const heard: OutsideChange[] = [];
    store.onOutsideChanges((changes) => heard.push(...changes));
    await store.whenIndexChecked();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read \(it is not valid JSON/);
    expect(store.info().notices.map((n) => n.message)).toEqual(notices);
    expect(store.listComparisons().map((s) => s.id)).not.toContain(bad.id);
    expect(heard).toMatchObject([{ id: bad.id, change: 'removed' }]);
    await store.close();
  });

  it('keeps changes found before anyone listens, and Services sends them to the page as workspace.outsideChange', async () => {
    const { dir, comparisons } = await workspaceOf(5);
    const target = comparisons[0] as Comparison;
    await editBehind(dir, target, 'Changed before opening');
    const events: Array<{ event: string; payload: unknown }> = [];
    const services = await Services.create({
      workspaceDir: dir,
      indexDelayMs: 60_000,
      chooseFolder: async () => null,
      openExternal: async () => undefined,
      emit: (event, payload) => events.push({ event, payload }),
    });
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.event === 'workspace.outsideChange') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e.event === 'workspace.outsideChange').map((e) => e.payload)).toEqual([
      { changes: [{ kind: 'comparison', id: target.id, change: 'changed', label: 'Changed before opening', revision: target.revision + 1 }] },
    ]);
    await services.close();
  });

  it('stops the check when closed, and never reads the folder after the lock is gone', async () => {
    const { dir } = await workspaceOf(8);
    const calls: FsCall[] = [];
    const warn = vi.spyOn(console, 'warn');
    try {
      const store = await WorkspaceStore.open(dir, { fs: recordingFs(calls), indexDelayMs: 60_000 });
      await store.close();
      const after = calls.length;
      await store.whenIndexChecked();
      await new Promise((r) => setTimeout(r, 50));
      expect(calls.length).toBe(after);
      // Closing mid-check is quiet: no "could not remove leftover temp files" from a closed queue.
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
