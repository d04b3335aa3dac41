import { basename } from 'node:path';
import type { OutsideChange } from '../../shared/api/resilienceContract';
import type { FsLayer } from './fsLayer';

/** What the background check of the index cache needs from the store. */
export interface IndexCheckTarget {
  fs: FsLayer;
  comparisonsDir: string;
  fileOf(id: string): string;
  /** The entries as the index holds them now (size and mtime of each file when last read). */
  entries: ReadonlyMap<string, { size: number; mtimeMs: number }>;
  /** Re-reads one record in the store's serial queue; the change to tell, if any (WorkspaceStore.syncFromDisk). */
  sync(id: string): Promise<OutsideChange | null>;
  /** Removes the temp files interrupted writes left among these names of comparisons/ (open leaves that to the check). */
  removeTempFiles?(names: string[]): Promise<void>;
}

export interface IndexCheckOptions {
  /** Stats in flight at once (default 64: keeps the thread pool busy without flooding it). */
  batch?: number;
  /** True once the store closes: the check stops at the next batch. */
  stopped(): boolean;
  /** Told of changes found, at most every `reportMs` and once at the end. */
  report(changes: OutsideChange[]): void;
  reportMs?: number;
}

/**
 * After a warm open (the list came from the index cache alone), compares every comparison file
 * with its entry by size and mtime, as opening used to do before the list was shown, and brings
 * the ones that differ in line: changed, added (no entry) and removed (no file) records are
 * re-read through `sync`, so the list, the cache and search follow, and the changes are
 * reported like any other outside change. Stats go out in batches; each batch waits on the
 * thread pool, so the event loop (saves, lists, searches) keeps running in between.
 */
export async function runIndexCheck(target: IndexCheckTarget, opts: IndexCheckOptions): Promise<void> {
  const batchSize = opts.batch ?? 64;
  const reportMs = opts.reportMs ?? 250;
  let pending: OutsideChange[] = [];
  let lastReport = performance.now();
  const flush = (force: boolean) => {
    if (pending.length === 0 || (!force && performance.now() - lastReport < reportMs)) return;
    opts.report(pending);
    pending = [];
    lastReport = performance.now();
  };
  const sync = async (ids: string[]) => {
    for (const id of ids) {
      if (opts.stopped()) return;
      try {
        const change = await target.sync(id);
        if (change) pending.push(change);
      } catch (error) {
        // One file that cannot be read now (EACCES, EISDIR …) does not stop the check; it is
        // tried again on its next use or the next open.
        console.warn(`Versus Desk: could not check ${target.fileOf(id)}`, error);
      }
    }
    flush(false);
  };

  let names: string[];
  try {
    names = await target.fs.readdir(target.comparisonsDir);
  } catch {
    names = [];
  }
  // Closed while listing (a store opened and closed at once): nothing more to do, and its queue refuses work.
  if (opts.stopped()) return;
  if (target.removeTempFiles) {
    await target.removeTempFiles(names).catch((error: unknown) => console.warn('Versus Desk: could not remove leftover temp files', error));
  }
  const onDisk = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => basename(n, '.json'));
  const present = new Set<string>();
  for (let start = 0; start < onDisk.length; start += batchSize) {
    if (opts.stopped()) return;
    const ids = onDisk.slice(start, start + batchSize);
    const stats = await Promise.all(ids.map((id) => target.fs.stat(target.fileOf(id)).catch(() => null)));
    const stale: string[] = [];
    ids.forEach((id, i) => {
      const stat = stats[i];
      if (!stat?.isFile()) return;
      present.add(id);
      const entry = target.entries.get(id);
      if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) stale.push(id);
    });
    await sync(stale);
  }
  if (opts.stopped()) return;
  await sync([...target.entries.keys()].filter((id) => !present.has(id)));
  flush(true);
}
