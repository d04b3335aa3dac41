import { createHash } from 'node:crypto';
import { readdir, readFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { exportBundle, type ExportOptions } from '../../../src/main/bundle/exportBundle';
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
