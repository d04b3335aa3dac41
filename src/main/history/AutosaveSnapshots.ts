import { join } from 'node:path';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { contentHash } from '../bundle/contentHash';
import { errnoCode, type FsLayer } from '../store/fsLayer';
import type { WorkspaceStore } from '../store/WorkspaceStore';
import { maySnapshot, shouldSnapshotBeforeSave, type LastSnapshot } from './coalesce';
import { HistoryStore, personContentHash } from './HistoryStore';

type Kind = 'comparison' | 'person';

/**
 * Autosave snapshots around ordinary saves (`comparisons.save`, `people.save`), coalesced by
 * the rule in coalesce.ts: before the first save of a burst, the stored revision is kept in
 * history. Cost on the save's acknowledgement: for most saves one comparison of times in memory,
 * no I/O. At most once per 5 minutes per record (and at the first save of a record per session):
 * a read of the newest snapshot and of the stored record before the save, and the snapshot
 * write (one small file, fsynced) after the save is durable and before it answers. Awaiting that
 * rare write keeps every write inside the call that caused it (no late writes after close or
 * after the answer); a failed snapshot is reported as a notice and never fails the save.
 */
export class AutosaveSnapshots {
  /** Newest known snapshot per `<workspace>\n<id>`; undefined = not looked up yet. */
  private readonly last = new Map<string, LastSnapshot | null>();

  constructor(
    private readonly store: () => WorkspaceStore,
    private readonly now: () => Date,
    /** The acting person's id (the profile), or null. */
    private readonly by: () => string | null,
    private readonly warn: (message: string) => void,
  ) {}

  /** Runs `save`; when the rule says so, snapshots the stored revision it replaced (after answering). */
  async around<T extends Comparison | Person>(kind: Kind, id: string, baseRevision: number, save: () => Promise<T>): Promise<T> {
    const store = this.store();
    const key = `${store.path}\n${id}`;
    const at = this.now();
    let before: Comparison | Person | null = null;
    try {
      before = await this.storedIfDue(store, kind, key, id, baseRevision, at.getTime());
    } catch {
      // History is a convenience on this path: the save itself decides and reports errors.
      before = null;
    }
    const saved = await save();
    if (before) await this.write(store, kind, key, before, at);
    return saved;
  }

  /** Tells the rule about a snapshot taken elsewhere (review actions, restore), so autosave counts it. */
  noteSnapshot(store: WorkspaceStore, id: string, last: LastSnapshot): void {
    this.last.set(`${store.path}\n${id}`, last);
  }

  private async storedIfDue(store: WorkspaceStore, kind: Kind, key: string, id: string, baseRevision: number, now: number): Promise<Comparison | Person | null> {
    let last = this.last.get(key);
    if (last !== undefined && !maySnapshot(last, baseRevision, now)) return null;
    // Due by what this session knows: check the newest snapshot on disk (others write history too).
    last = await newestSnapshot(store, id);
    this.last.set(key, last);
    if (!maySnapshot(last, baseRevision, now)) return null;
    const stored = kind === 'comparison' ? await store.getComparison(id) : await store.getPerson(id);
    if (stored.revision !== baseRevision) return null; // the save will refuse it as stale
    const hash = () => (kind === 'comparison' ? contentHash(stored as Comparison) : personContentHash(stored as Person));
    if (!shouldSnapshotBeforeSave(last, { revision: stored.revision, contentHash: hash }, now)) {
      // Same content as the newest snapshot: it is kept already; look again in 5 minutes.
      this.last.set(key, { at: now, revision: stored.revision, contentHash: last?.contentHash ?? '' });
      return null;
    }
    return stored;
  }

  private async write(store: WorkspaceStore, kind: Kind, key: string, record: Comparison | Person, at: Date): Promise<void> {
    const hash = kind === 'comparison' ? contentHash(record as Comparison) : personContentHash(record as Person);
    this.last.set(key, { at: at.getTime(), revision: record.revision, contentHash: hash });
    const by = this.by() ?? 'unknown';
    try {
      const history = HistoryStore.forStore(store);
      if (kind === 'comparison') await history.snapshot({ kind, record: record as Comparison, reason: 'autosave', by, at });
      else await history.snapshot({ kind, record: record as Person, reason: 'autosave', by, at });
    } catch (error) {
      this.warn(`Your edit was saved, but its history snapshot could not be written: ${(error as Error).message}`);
    }
  }
}

/** The newest snapshot of a record (one directory listing and one file read), or null. */
export async function newestSnapshot(store: { path: string; fsLayer: FsLayer }, id: string): Promise<LastSnapshot | null> {
  let names: string[];
  try {
    names = await store.fsLayer.readdir(join(store.path, 'history', id));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  const history = HistoryStore.forStore(store);
  const revisions = names
    .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
    .filter((r): r is string => r !== undefined)
    .map(Number)
    .sort((x, y) => y - x);
  for (const revision of revisions) {
    const s = await history.read(id, revision).catch(() => null);
    if (s) return { at: Date.parse(s.at), revision, contentHash: s.contentHash };
  }
  return null;
}
