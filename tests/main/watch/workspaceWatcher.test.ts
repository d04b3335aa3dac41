import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Services } from '../../../src/main/services/Services';
import { ChangeBatcher, recordOfPath } from '../../../src/main/watch/WorkspaceWatcher';
import type { OutsideChange } from '../../../src/shared/api/resilienceContract';
import type { Comparison } from '../../../src/shared/model/comparison';
import { tempDir } from '../storeTestKit';

describe('recordOfPath', () => {
  const dirs = { comparisonsDir: '/ws/comparisons', peopleDir: '/ws/people' };
  const id = '01HZY6Q4ZK5V8X3M2N1P0R9S7T';
  it.each([
    [`/ws/comparisons/${id}.json`, { kind: 'comparison', id }],
    [`/ws/people/${id}.json`, { kind: 'person', id }],
    [`/ws/comparisons/.${id}.json.123.abc.tmp`, null],
    [`/ws/comparisons/.${id}.json.tmp`, null],
    [`/ws/comparisons/${id}.json~`, null],
    ['/ws/comparisons/notes.json', null],
    [`/ws/history/${id}.json`, null],
    [`/ws/comparisons/sub/${id}.json`, null],
  ])('%s -> %o', (path, expected) => {
    expect(recordOfPath(dirs, path)).toEqual(expected);
  });
});

describe('ChangeBatcher', () => {
  afterEach(() => vi.useRealTimers());
  it('hands out one batch per pause, each record once', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const batcher = new ChangeBatcher(100, (records) => batches.push(records.map((r) => `${r.kind}:${r.id}`)));
    batcher.add({ kind: 'comparison', id: 'A' });
    vi.advanceTimersByTime(60);
    batcher.add({ kind: 'comparison', id: 'A' });
    batcher.add({ kind: 'person', id: 'B' });
    vi.advanceTimersByTime(60);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([['comparison:A', 'person:B']]);
    batcher.add({ kind: 'comparison', id: 'C' });
    batcher.dispose();
    vi.advanceTimersByTime(500);
    expect(batches).toHaveLength(1);
  });
});

/** A watched workspace with the events main would send to the page. */
async function watched() {
  const dir = join(await tempDir(), 'ws');
  const events: OutsideChange[][] = [];
  const notices: unknown[] = [];
  const services = await Services.create({
    workspaceDir: dir,
    create: true,
    seed: true,
    indexDelayMs: 60_000,
    watch: true,
    chooseFolder: async () => null,
    openExternal: async () => undefined,
    emit: (event, payload) => {
      if (event === 'workspace.outsideChange') events.push((payload as { changes: OutsideChange[] }).changes);
      if (event === 'notice') notices.push(payload);
    },
  } as Parameters<typeof Services.create>[0]);
  const store = services.store;
  const doc = await store.getComparison(store.listComparisons()[0].id);
  const file = (id: string) => join(dir, 'comparisons', `${id}.json`);
  const all = () => events.flat();
  /** Waits for an outside change matching `match`, up to the 2 s the app promises (plus slack for a busy machine). */
  const waitFor = async (match: Partial<OutsideChange>) => {
    const started = Date.now();
    await vi.waitFor(
      () => {
        expect(all()).toContainEqual(expect.objectContaining(match));
      },
      { timeout: 4000, interval: 25 },
    );
    return Date.now() - started;
  };
  return { dir, services, store, doc, file, events, notices, all, waitFor };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('watching the workspace for outside changes', () => {
  it('tells changed, added and removed articles apart, follows them in the list, and ignores its own saves', async () => {
    const { services, store, doc, file, all, waitFor } = await watched();

    // The app's own saves, creates and deletes never come back as outside changes.
    const saved = await store.saveComparison({ ...doc, title: 'Saved in the app', titleEdited: true }, doc.revision);
    const created = await store.createComparison(['Cats', 'Dogs']);
    await store.deleteComparison(created.id, created.revision);
    await sleep(700);
    expect(all()).toEqual([]);

    // Changed by another program (a git pull brings the next revision).
    const theirs: Comparison = { ...saved, revision: saved.revision + 1, title: 'Pulled from git', titleEdited: true };
    await writeFile(file(doc.id), JSON.stringify(theirs, null, 2));
    const ms = await waitFor({ id: doc.id, change: 'changed', label: 'Pulled from git', revision: saved.revision + 1 });
    console.log(`outside change noticed after ${ms} ms`);
    expect(store.listComparisons().find((s) => s.id === doc.id)?.title).toBe('Pulled from git');

    // Added: a new file appears.
    const newId = ulid();
    await writeFile(file(newId), JSON.stringify({ ...theirs, id: newId, slug: 'from-a-sync-tool', title: 'Synced in', revision: 1 }));
    await waitFor({ id: newId, change: 'added', label: 'Synced in' });
    expect(store.listComparisons().map((s) => s.title)).toContain('Synced in');

    // Removed.
    await rm(file(newId));
    await waitFor({ id: newId, change: 'removed', label: 'Synced in', revision: null });
    expect(store.listComparisons().map((s) => s.id)).not.toContain(newId);
    expect(all().filter((c) => c.change === 'removed')).toHaveLength(1);
    await services.close();
  });

  it('quarantines a file damaged outside with a notice and drops it from the list', async () => {
    const { dir, services, store, doc, file, notices, waitFor } = await watched();
    await writeFile(file(doc.id), '{"format":1,"id":');
    await waitFor({ id: doc.id, change: 'removed' });
    expect(store.listComparisons()).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ kind: 'quarantine' })]);
    expect(await readdir(join(dir, '.versus-desk', 'quarantine'))).toHaveLength(1);
    await services.close();
  });

  it('follows people changed outside, not its own person saves', async () => {
    const { dir, services, store, all, waitFor } = await watched();
    const person = store.listPeople()[0];
    await store.savePerson({ ...person, credentials: 'Edited in the app' }, person.revision);
    await sleep(600);
    expect(all()).toEqual([]);
    const path = join(dir, 'people', `${person.id}.json`);
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...onDisk, name: 'Renamed Elsewhere', revision: onDisk.revision + 1 }));
    await waitFor({ kind: 'person', id: person.id, change: 'changed', label: 'Renamed Elsewhere' });
    expect(store.listPeople().find((p) => p.id === person.id)?.name).toBe('Renamed Elsewhere');
    await services.close();
  });

  it('stops watching on close: later changes reach no one', async () => {
    const { services, doc, file, all } = await watched();
    await services.close();
    await writeFile(file(doc.id), JSON.stringify({ ...doc, revision: doc.revision + 1, title: 'After close', titleEdited: true }));
    await sleep(600);
    expect(all()).toEqual([]);
  });
});
