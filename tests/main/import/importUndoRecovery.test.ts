/**
 * The import undo log's edges: a failed import whose rollback was incomplete followed by another
 * import in the same process, a file that changed to something of the same size and revision
 * since the import wrote it, a damaged part of the log, and a part that cannot be read.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writtenDigest } from '../../../src/main/bundle/import/importUndoLog';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
import { docFromText, type InlineDoc } from '../../../src/shared/model/richText';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { errnoError } from '../storeTestKit';
import { bundleOf, exportTo, importAll, openStore, opened, treeHash } from './importKit';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A seeded workspace, closed, with a copy of its article under a new id as a killed import would have left it, and that import's log. */
async function leftByAKilledImport(writtenText?: (text: string) => string) {
  const store = await openStore({ seed: true });
  const dir = store.path;
  await store.close();
  opened.splice(opened.indexOf(store), 1);
  const [name] = (await readdir(join(dir, 'comparisons'))).filter((n) => n.endsWith('.json'));
  const record = JSON.parse(await readFile(join(dir, 'comparisons', name!), 'utf8')) as { slug: string; revision: number };
  const id = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
  const written = `${JSON.stringify({ ...record, id, slug: `${record.slug}-imported` }, null, 2)}\n`;
  const file = join(dir, 'comparisons', `${id}.json`);
  await writeFile(file, writtenText ? writtenText(written) : written);
  const log = join(dir, '.versus-desk', 'import-undo');
  await mkdir(log);
  const entries = [{ kind: 'comparison', id, original: null, written: { sha256: writtenDigest(written), revision: record.revision } }];
  await writeFile(join(log, '000000.json'), JSON.stringify({ format: 1, entries }));
  return { dir, file, log };
}

/**
 * A disk whose unlinks in these folders fail while armed, and an import that fails at its end and
 * arms it, so that taking the import back cannot finish (its log stays) and the app goes on.
 */
function failingRollback(folders: string[]) {
  let armed = false;
  const failing = (path: string) => armed && folders.some((f) => path.includes(`${sep}${f}${sep}`));
  const fs: FsLayer = {
    ...nodeFs,
    unlink: async (path) => {
      if (failing(path)) throw errnoError('EIO');
      return nodeFs.unlink(path);
    },
    rm: async (path) => {
      if (failing(path)) throw errnoError('EIO');
      return nodeFs.rm(path);
    },
  };
  const failImport = async (into: WorkspaceStore, bundle: string) => {
    const failing = importAll(into, bundle, {
      now: new Date(Date.UTC(2026, 0, 1)),
      onProgress: async (done, total) => {
        if (total > 0 && done === total) {
          armed = true;
          throw new Error('disk full (test)');
        }
      },
    });
    await expect(failing).rejects.toThrow(/could not be fully undone here; the rest is taken back/);
    armed = false;
  };
  return { fs, failImport };
}

async function open(dir: string, fs?: FsLayer): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000, fs });
  opened.push(store);
  return store;
}

describe('the import undo log', () => {
  it('is taken back by the next import in the same process when a failed import could not be taken back whole; that import says to plan again', async () => {
    const bundle = await bundleOf(20);
    const disk = failingRollback(['comparisons']);
    const store = await openStore({ seed: true, fs: disk.fs });
    await store.flushIndex();
    const before = await treeHash(store.path);
    // The import fails at its end, and taking back the 20 articles it created fails too.
    await disk.failImport(store, bundle);
    expect(store.listComparisons()).toHaveLength(21);
    expect(await readdir(join(store.path, '.versus-desk', 'import-undo'))).not.toEqual([]);

    // The next import takes the first one back before it writes anything, and stops.
    await expect(importAll(store, bundle, { now: new Date(Date.UTC(2026, 0, 2)) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^An earlier import that could not be fully taken back was taken back now: 20 records put back as they were before it\. Nothing was imported\. Plan the import again\.$/),
    });
    expect(store.listComparisons()).toHaveLength(1);
    expect(await treeHash(store.path)).toBe(before);
    expect(await readdir(join(store.path, '.versus-desk'))).not.toContain('import-undo');

    // Planned again, it imports whole, and leaves no log.
    await importAll(store, bundle, { now: new Date(Date.UTC(2026, 0, 3)) });
    expect(store.listComparisons()).toHaveLength(21);
    expect(await readdir(join(store.path, '.versus-desk'))).not.toContain('import-undo');
  });

  it('leaves an article the writer saved on top of the failed import, with the import snapshot its history builds on', async () => {
    const bundle = await bundleOf(3);
    // Neither the articles nor their import snapshots can be taken back at once.
    const disk = failingRollback(['comparisons', 'history']);
    const store = await openStore({ seed: true, fs: disk.fs });
    const seedId = store.listComparisons()[0]!.id;
    await disk.failImport(store, bundle);
    // The writer goes on: edits one of the articles the failed import left.
    const importedIds = store.listComparisons().map((c) => c.id).filter((id) => id !== seedId);
    expect(importedIds).toHaveLength(3);
    const imported = store.listComparisons().find((c) => c.id !== seedId)!;
    const theirs = await store.getComparison(imported.id);
    const mine = await store.saveComparison({ ...theirs, summary: docFromText('Edited after the failed import.') as InlineDoc }, theirs.revision);

    // The next import (another bundle) takes the first one back.
    await expect(importAll(store, await bundleOf(1), { now: new Date(Date.UTC(2026, 0, 2)) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/taken back now: 2 records put back as they were before it\. 1 record changed since the import was left as it is\. Nothing was imported\./),
    });
    expect(store.listComparisons().map((c) => c.id).sort()).toEqual([seedId, imported.id].sort());
    expect((await store.getComparison(imported.id)).summary).toEqual(mine.summary);
    const history = HistoryStore.forStore(store);
    expect((await history.list(imported.id)).map((e) => [e.revision, e.reason])).toContainEqual([theirs.revision, 'import']);
    // The articles put back lose the import's snapshots with them.
    for (const id of importedIds.filter((i) => i !== imported.id)) expect(await history.list(id)).toEqual([]);
  });

  it('puts back a file that holds what the import wrote, and leaves one changed since, even to the same size and revision', async () => {
    const taken = await leftByAKilledImport();
    const store = await open(taken.dir);
    await expect(readFile(taken.file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(store.info().notices.find((n) => n.id === 'import-recovered')?.message).toMatch(/It was taken back: 1 record put back as it was before it\./);
    await store.close();

    // Another computer's save of the same revision, synced in after the kill: one letter differs.
    const sameSize = (text: string) => text.replace('-imported', '-imp0rted');
    const left = await leftByAKilledImport(sameSize);
    const kept = await readFile(left.file, 'utf8');
    const again = await open(left.dir);
    expect(await readFile(left.file, 'utf8')).toBe(kept);
    expect(again.info().notices.find((n) => n.id === 'import-recovered')?.message).toMatch(
      /It was taken back: 0 records put back as they were before it\. 1 record changed since the import was left as it is\./,
    );
    expect(await readdir(join(left.dir, '.versus-desk'))).not.toContain('import-undo');
  });

  it('moves a damaged part of the log to quarantine and says its records may still hold the import', async () => {
    const { dir, log } = await leftByAKilledImport();
    await writeFile(join(log, '000001.json'), '{"format": 1, "entries": [{"kind": "comparison", "id": "01J');
    const store = await open(dir);
    const message = store.info().notices.find((n) => n.id === 'import-recovered')?.message;
    expect(message).toMatch(/1 record put back as it was before it\. 1 part of its undo log could not be read \(moved to \.versus-desk\/quarantine\/\): the articles or people it names may still hold what the import wrote\./);
    const quarantined = await readdir(join(dir, '.versus-desk', 'quarantine'));
    expect(quarantined.filter((n) => n.endsWith('-000001.json'))).toHaveLength(1);
    expect(await readdir(join(dir, '.versus-desk'))).not.toContain('import-undo');
  });

  it('refuses to open when a part of the log cannot be read, and keeps the log for the next try', async () => {
    const { dir, file, log } = await leftByAKilledImport();
    const unreadable: FsLayer = {
      ...nodeFs,
      readFile: async (path) => {
        if (path.startsWith(log)) throw errnoError('EIO');
        return nodeFs.readFile(path);
      },
    };
    await expect(WorkspaceStore.open(dir, { indexDelayMs: 60_000, fs: unreadable })).rejects.toThrow();
    expect(await readdir(log)).toEqual(['000000.json']);
    expect(await readFile(file, 'utf8')).toContain('-imported');
    // Readable again: taken back.
    await open(dir);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps a person the failed import added once an article names them, and tells the app what it took back', async () => {
    const source = await openStore({ seed: true });
    const seeded = await exportTo(source, 'seed.zip');
    const other = await bundleOf(1);
    const disk = failingRollback(['comparisons', 'people']);
    const into = await openStore({ fs: disk.fs });
    await disk.failImport(into, seeded);
    const [imported] = into.listComparisons();
    const { authorId, editorId } = (await into.getComparison(imported!.id)).byline;
    // The writer goes on working: an article of their own, by the author the import brought.
    const mine = await into.createComparison(['Mine', 'Yours']);
    await into.saveComparison({ ...mine, byline: { ...mine.byline, authorId } }, mine.revision);
    const told: string[] = [];
    into.onOutsideChanges((changes) => told.push(...changes.map((c) => `${c.kind} ${c.change} ${c.id}`)));

    await expect(importAll(into, other, { now: new Date(Date.UTC(2026, 0, 2)) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/taken back now: 2 records put back as they were before it\. 1 person it added was kept: articles name them now\. Nothing was imported\./),
    });
    // The author stays (the writer's article names them); the rest of the import is gone.
    expect((await into.getPerson(authorId!)).id).toBe(authorId);
    await expect(into.getPerson(editorId!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(into.listComparisons().map((c) => c.id)).toEqual([mine.id]);
    // The app hears of it as of any change it did not make (its list drops the article and the editor).
    expect(told).toEqual(expect.arrayContaining([`comparison removed ${imported!.id}`, `person removed ${editorId}`]));
  });
});
