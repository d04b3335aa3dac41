/**
 * When an ordinary save (autosave from the editor) also takes a history snapshot.
 *
 * The rule: "at most one autosave snapshot per 5 minutes of editing, per record", where each
 * autosave snapshot keeps the record AS IT WAS BEFORE the save that triggers it. So:
 *
 * - The first save of a burst of editing (nothing snapshotted in the last 5 minutes) snapshots
 *   the stored, pre-edit revision: the state before the burst can always be diffed against and
 *   restored, even if the burst later turns out to be a mistake.
 * - During a long burst, one more pre-edit snapshot every 5 minutes at most (the state 5 minutes
 *   into the burst, 10 minutes in, …); saves in between take none.
 * - Idle time takes no snapshots (nothing is saved), so "5 minutes of editing" is wall-clock
 *   time between snapshots, counted only when a save happens. The end of a burst is "now" (the
 *   stored record) until the next burst starts, whose first save snapshots it.
 * - Any snapshot counts, not only autosaves: right after a submit, approval or restore (which
 *   snapshot the record), editing takes no autosave snapshot for 5 minutes.
 * - Nothing is taken when that revision, or the same content, is already the last snapshot.
 * - A clock that went backwards (now before the last snapshot) takes one, and the rule restarts from it.
 */

export const AUTOSAVE_SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000;

/** The newest snapshot of a record, as far as the rule needs it. */
export interface LastSnapshot {
  /** Epoch milliseconds of its `at`. */
  at: number;
  revision: number;
  contentHash: string;
}

/** The stored record about to be replaced by a save. */
export interface StoredState {
  revision: number;
  /** Computed only when asked (hashing the whole article is the costly part). */
  contentHash: () => string;
}

/** True when this save should first snapshot the stored (pre-edit) revision. */
export function shouldSnapshotBeforeSave(last: LastSnapshot | null, stored: StoredState, now: number, interval = AUTOSAVE_SNAPSHOT_INTERVAL_MS): boolean {
  if (last === null) return true;
  if (last.revision === stored.revision) return false;
  const elapsed = now - last.at;
  if (elapsed >= 0 && elapsed < interval) return false;
  return last.contentHash !== stored.contentHash();
}

/** A cheap first check without the stored record: false means the save certainly takes no snapshot. */
export function maySnapshot(last: LastSnapshot | null, baseRevision: number, now: number, interval = AUTOSAVE_SNAPSHOT_INTERVAL_MS): boolean {
  if (last === null) return true;
  if (last.revision === baseRevision) return false;
  const elapsed = now - last.at;
  return !(elapsed >= 0 && elapsed < interval);
}
