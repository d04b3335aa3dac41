import { ServiceError } from '../../shared/api/errors';
import { REASON_WORDS, type HistoryEntryView, type VersionInfo } from '../../shared/api/historyContract';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { diffComparisons, diffPeople, type DocDiff } from '../../shared/review/diff';
import { contentHash } from '../bundle/contentHash';
import type { WorkspaceStore } from '../store/WorkspaceStore';
import type { AutosaveSnapshots } from './AutosaveSnapshots';
import { HistoryStore, personContentHash, type HistoryEntry, type HistorySnapshot } from './HistoryStore';

type Kind = 'comparison' | 'person';

/** Snapshots at which a person acted as a reviewer ("Changes since my last review"). */
export const REVIEW_REASONS: ReadonlySet<string> = new Set(['approve', 'request-changes', 'sign-off']);


export interface DiffResult {
  from: VersionInfo;
  to: VersionInfo;
  diff: DocDiff;
}

/** The last-review pick: the newest entry at which `personId` approved, requested changes or signed off. */
export function lastReviewOf(entries: readonly HistoryEntry[], personId: string): HistoryEntry | null {
  let found: HistoryEntry | null = null;
  for (const e of entries) if (REVIEW_REASONS.has(e.reason) && e.by === personId && (!found || e.revision > found.revision)) found = e;
  return found;
}

/**
 * History of the open workspace's records: list, diff and restore (issue 3, "History and
 * diffs"). Snapshots are only ever added; restore writes a new revision.
 */
export class HistoryService {
  constructor(
    private readonly store: () => WorkspaceStore,
    private readonly profileId: () => string | null,
    private readonly now: () => Date,
    private readonly autosave: AutosaveSnapshots,
  ) {}

  private history(): HistoryStore {
    return HistoryStore.forStore(this.store());
  }

  private nameOf(id: string | null): string | null {
    if (!id) return null;
    return this.store().listPeople().find((p) => p.id === id)?.name ?? null;
  }

  private current(kind: Kind, id: string): Promise<Comparison | Person> {
    return kind === 'comparison' ? this.store().getComparison(id) : this.store().getPerson(id);
  }

  /** Snapshots newest first; NOT_FOUND when there is no such record (of that kind). */
  async list(kind: Kind, id: string): Promise<HistoryEntryView[]> {
    await this.current(kind, id);
    const entries = await this.entries(id);
    return entries
      .slice()
      .reverse()
      .map((e) => ({ revision: e.revision, at: e.at, by: e.by, byName: this.nameOf(e.by), reason: e.reason }));
  }

  async diff(kind: Kind, id: string, from: number | 'last-review', to: number | 'current'): Promise<DiffResult> {
    let fromRevision: number;
    if (from === 'last-review') {
      const entries = await this.entries(id);
      const me = this.profileId();
      if (!me) throw new ServiceError('FORBIDDEN', 'Choose who you are first: pick your name and role under Profile in the top bar.');
      const last = lastReviewOf(entries, me);
      if (!last) {
        throw new ServiceError('NOT_FOUND', `${this.nameOf(me) ?? 'You'} never approved, requested changes on or signed off this ${kind === 'comparison' ? 'article' : 'bio'}, so there is no last review to compare with.`, {
          id,
        });
      }
      fromRevision = last.revision;
    } else fromRevision = from;
    const a = await this.snapshot(kind, id, fromRevision);
    const fromInfo = this.describe(a.snapshot, fromRevision);
    let b: Comparison | Person;
    let toInfo: VersionInfo;
    if (to === 'current') {
      b = await this.current(kind, id);
      toInfo = { revision: b.revision, current: true, at: b.updatedAt, by: null, byName: null, reason: null, description: `Now (revision ${b.revision})` };
    } else {
      const s = await this.snapshot(kind, id, to);
      b = s.snapshot.record;
      toInfo = this.describe(s.snapshot, to);
    }
    const people = this.store().listPeople();
    const diff =
      kind === 'comparison' ? diffComparisons(a.snapshot.record as Comparison, b as Comparison, people) : diffPeople(a.snapshot.record as Person, b as Person);
    return { from: fromInfo, to: toInfo, diff };
  }

  /**
   * Puts a snapshot's content back as a new revision. The current revision is snapshotted first
   * (`before-restore`), so nothing is lost; the review records are kept as stored, so approvals
   * whose part content changes with the restore no longer count. The restored revision is
   * snapshotted with reason `restore`.
   */
  async restore(kind: Kind, id: string, revision: number, baseRevision: number): Promise<Comparison | Person> {
    const { snapshot } = await this.snapshot(kind, id, revision);
    const current = await this.current(kind, id);
    if (current.revision !== baseRevision) {
      throw new ServiceError('CONFLICT', `It was changed since you opened it (saved revision ${current.revision}, yours ${baseRevision}). Reload it and try again.`, {
        id,
        currentRevision: current.revision,
        baseRevision,
      });
    }
    const by = this.profileId() ?? 'unknown';
    const history = this.history();
    await history.snapshot(kind === 'comparison' ? { kind, record: current as Comparison, reason: 'before-restore', by, at: this.now() } : { kind, record: current as Person, reason: 'before-restore', by, at: this.now() });
    let saved: Comparison | Person;
    if (kind === 'comparison') {
      const old = snapshot.record as Comparison;
      const next: Comparison = { ...old, revision: current.revision, createdAt: current.createdAt, updatedAt: current.updatedAt };
      delete next.review;
      saved = await this.store().saveComparison(next, baseRevision);
    } else {
      const old = snapshot.record as Person;
      const next: Person = { ...old, revision: current.revision, createdAt: current.createdAt, updatedAt: current.updatedAt };
      delete next.review;
      saved = await this.store().savePerson(next, baseRevision);
    }
    const at = this.now();
    await history.snapshot(kind === 'comparison' ? { kind, record: saved as Comparison, reason: 'restore', by, at } : { kind, record: saved as Person, reason: 'restore', by, at });
    const hash = kind === 'comparison' ? contentHash(saved as Comparison) : personContentHash(saved as Person);
    this.autosave.noteSnapshot(this.store(), id, { at: at.getTime(), revision: saved.revision, contentHash: hash });
    return saved;
  }

  private entries(id: string): Promise<HistoryEntry[]> {
    return this.history().list(id);
  }

  private async snapshot(kind: Kind, id: string, revision: number): Promise<{ snapshot: HistorySnapshot }> {
    let snapshot: HistorySnapshot;
    try {
      snapshot = await this.history().read(id, revision);
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('NOT_FOUND', `The snapshot of revision ${revision} could not be read (${(error as Error).message.slice(0, 200)}).`, { id, revision });
    }
    if (snapshot.kind !== kind) throw new ServiceError('NOT_FOUND', `No snapshot of revision ${revision} of this ${kind === 'comparison' ? 'article' : 'person'}.`, { id, revision });
    return { snapshot };
  }

  private describe(s: HistorySnapshot, revision: number): VersionInfo {
    const byName = this.nameOf(s.by);
    const words = REASON_WORDS[s.reason] ?? s.reason;
    return { revision, current: false, at: s.at, by: s.by, byName, reason: s.reason, description: `Revision ${revision} · ${words}${byName ? ` by ${byName}` : ''}` };
  }
}
