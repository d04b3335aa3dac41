import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readdir, readFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { exportBundle, type ExportOptions } from '../../../src/main/bundle/exportBundle';
import { applyImport, planImport, readBundle } from '../../../src/main/bundle/import';
import type { ApplyOptions } from '../../../src/main/bundle/import/applyImport';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import type { FsLayer } from '../../../src/main/store/fsLayer';
import { tempDir } from '../storeTestKit';
import { FIXED_NOW } from '../export/exportTestKit';

export const opened: WorkspaceStore[] = [];

export async function openStore(opts: { seed?: boolean; fs?: FsLayer; dir?: string } = {}): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(opts.dir ?? join(await tempDir(), 'ws'), { create: true, seed: opts.seed ?? false, fs: opts.fs, indexDelayMs: 60_000 });
  opened.push(store);
  return store;
}

export function exportOpts(out: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return { out, format: 'zip', status: 'any', createdBy: 'Tester', appVersion: '0.1.0', now: FIXED_NOW, ...extra };
}

export async function exportTo(store: WorkspaceStore, name: string, extra: Partial<ExportOptions> = {}): Promise<string> {
  const out = join(await tempDir(), name);
  await exportBundle(store, exportOpts(out, { history: HistoryStore.forStore(store), ...extra }));
  return out;
}

/** A bundle of `count` new articles (two terms each), exported from a workspace of its own. */
export async function bundleOf(count: number): Promise<string> {
  const source = await openStore();
  for (let i = 0; i < count; i++) await source.createComparison([`Term ${i}`, `Other ${i}`]);
  return exportTo(source, 'many.zip');
}

/** Reads, plans and applies a bundle into `into` as the app does (taking every proposed change). */
export async function importAll(into: WorkspaceStore, bundle: string, opts: { now: Date; articleBatch?: number; onProgress?: ApplyOptions['onProgress'] }) {
  const contents = await readBundle(bundle);
  const history = HistoryStore.forStore(into);
  const plan = await planImport(into, contents, history);
  return applyImport(into, contents, plan, {}, { by: 'tester', history, ...opts });
}

/**
 * Opens a seeded workspace on `fs`, arms the fault, runs an import that must fail, and checks the
 * failure says nothing was changed and that the workspace (files and list) is exactly as before.
 */
export async function expectImportUndone(fs: FsLayer, arm: () => void, run: (into: WorkspaceStore) => Promise<unknown>): Promise<WorkspaceStore> {
  const into = await openStore({ fs, seed: true });
  await into.flushIndex();
  const before = await treeHash(into.path);
  const listed = into.listComparisons().length;
  arm();
  await expect(run(into)).rejects.toMatchObject({ code: 'IO', message: /nothing was changed/ });
  expect(await treeHash(into.path)).toBe(before);
  expect(into.listComparisons()).toHaveLength(listed);
  return into;
}

/**
 * sha256 over every file and folder of a workspace (paths and bytes), leaving out the derived
 * `.versus-desk/` folder (index cache and lock, rebuildable and rewritten on close).
 */
export async function treeHash(root: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      if (rel === '' && name === '.versus-desk') continue;
      const full = join(dir, name);
      const info = await lstat(full);
      hash.update(`${rel}/${name}\u0000${info.isDirectory() ? 'dir' : 'file'}\u0000`);
      if (info.isDirectory()) await walk(full, `${rel}/${name}`);
      else hash.update(await readFile(full));
    }
  };
  await walk(root, '');
  return hash.digest('hex');
}
