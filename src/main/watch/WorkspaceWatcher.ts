import { basename, dirname, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { OutsideChange } from '../../shared/api/resilienceContract';
import { idSchema } from '../../shared/model/ids';

export type RecordKind = OutsideChange['kind'];

/** The part of the store the watcher needs (WorkspaceStore implements it). */
export interface SyncTarget {
  readonly comparisonsDir: string;
  readonly peopleDir: string;
  /** Re-reads one record file; the change as the app sees it, or null when nothing changed for it (its own write, say). */
  syncFromDisk(kind: RecordKind, id: string): Promise<OutsideChange | null>;
}

export interface WatcherOptions {
  /** Quiet time after the last file event before the batch is synced (default 100 ms). */
  debounceMs?: number;
  /** A file must keep its size this long before it is read, so a half-written file is never read (default 150 ms). */
  stableMs?: number;
}

/**
 * Which record a path in the workspace is, or null for anything else: temp files (dot names),
 * other extensions, names that are not record ids, files in other folders.
 */
export function recordOfPath(target: Pick<SyncTarget, 'comparisonsDir' | 'peopleDir'>, path: string): { kind: RecordKind; id: string } | null {
  const name = basename(path);
  if (name.startsWith('.') || !name.endsWith('.json')) return null;
  const id = name.slice(0, -'.json'.length);
  if (!idSchema.safeParse(id).success) return null;
  const folder = resolve(dirname(path));
  if (folder === resolve(target.comparisonsDir)) return { kind: 'comparison', id };
  if (folder === resolve(target.peopleDir)) return { kind: 'person', id };
  return null;
}

/**
 * Collects record keys from file events and hands them out in batches once events pause:
 * a `git pull` touching 50 files gives one batch, not 50 reloads. Pure timing, no file system.
 */
export class ChangeBatcher {
  private readonly pending = new Map<string, { kind: RecordKind; id: string }>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly onBatch: (records: Array<{ kind: RecordKind; id: string }>) => void,
  ) {}

  add(record: { kind: RecordKind; id: string }): void {
    this.pending.set(`${record.kind}:${record.id}`, record);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Hands out what is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const records = [...this.pending.values()];
    this.pending.clear();
    this.onBatch(records);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}

/**
 * Watches a workspace's record folders for changes made by other programs (a `git pull`, a sync
 * tool, an editor) and syncs the store with each changed file. The store tells its own writes
 * apart (see WorkspaceStore.syncFromDisk), so saves from the app never come back as "changed
 * outside". `onChanges` gets each batch of real outside changes.
 */
export class WorkspaceWatcher {
  private closed = false;
  private syncing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly watcher: FSWatcher,
    private readonly batcher: ChangeBatcher,
  ) {}

  static async start(target: SyncTarget, onChanges: (changes: OutsideChange[]) => void, options: WatcherOptions = {}): Promise<WorkspaceWatcher> {
    const holder: { self?: WorkspaceWatcher } = {};
    const batcher = new ChangeBatcher(options.debounceMs ?? 100, (records) => holder.self?.sync(target, records, onChanges));
    const watcher = watch([target.comparisonsDir, target.peopleDir], {
      ignoreInitial: true,
      depth: 0,
      // Temp files of durable writes (ours and steno's) are dot files.
      ignored: (path: string) => basename(path).startsWith('.'),
      awaitWriteFinish: { stabilityThreshold: options.stableMs ?? 150, pollInterval: 50 },
    });
    const onFile = (path: string) => {
      const record = recordOfPath(target, path);
      if (record) batcher.add(record);
    };
    watcher.on('add', onFile).on('change', onFile).on('unlink', onFile);
    watcher.on('error', (error: unknown) => console.warn('Versus Desk: watching the workspace failed', error));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    holder.self = new WorkspaceWatcher(watcher, batcher);
    return holder.self;
  }

  private sync(target: SyncTarget, records: Array<{ kind: RecordKind; id: string }>, onChanges: (changes: OutsideChange[]) => void): void {
    this.syncing = this.syncing.then(async () => {
      if (this.closed) return;
      const changes: OutsideChange[] = [];
      for (const { kind, id } of records) {
        try {
          const change = await target.syncFromDisk(kind, id);
          if (change) changes.push(change);
        } catch (error) {
          console.warn(`Versus Desk: could not re-read ${kind} ${id} after an outside change`, error);
        }
      }
      if (changes.length > 0 && !this.closed) onChanges(changes);
    });
  }

  /** Stops watching; a sync already running finishes first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.batcher.dispose();
    await this.watcher.close();
    await this.syncing.catch(() => undefined);
  }
}
