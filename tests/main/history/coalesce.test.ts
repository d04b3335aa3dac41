import { describe, expect, it } from 'vitest';
import { AUTOSAVE_SNAPSHOT_INTERVAL_MS as FIVE_MIN, maySnapshot, shouldSnapshotBeforeSave } from '../../../src/main/history/coalesce';

const stored = (revision: number, hash = `h${revision}`) => ({ revision, contentHash: () => hash });
const T = Date.parse('2026-01-01T10:00:00Z');

describe('autosave snapshot coalescing (one per 5 minutes of editing, keeping the pre-edit state)', () => {
  it('takes one at the first save when the record has no snapshot yet', () => {
    expect(shouldSnapshotBeforeSave(null, stored(1), T)).toBe(true);
    expect(maySnapshot(null, 1, T)).toBe(true);
  });

  it('takes none within 5 minutes of the last snapshot, one at 5 minutes', () => {
    const last = { at: T, revision: 3, contentHash: 'h3' };
    expect(shouldSnapshotBeforeSave(last, stored(4), T + 1000)).toBe(false);
    expect(shouldSnapshotBeforeSave(last, stored(9), T + FIVE_MIN - 1)).toBe(false);
    expect(shouldSnapshotBeforeSave(last, stored(9), T + FIVE_MIN)).toBe(true);
    expect(maySnapshot(last, 9, T + FIVE_MIN - 1)).toBe(false);
    expect(maySnapshot(last, 9, T + FIVE_MIN)).toBe(true);
  });

  it('takes none when that revision, or the same content, is already the last snapshot', () => {
    const last = { at: T, revision: 3, contentHash: 'h3' };
    expect(shouldSnapshotBeforeSave(last, stored(3), T + 10 * FIVE_MIN)).toBe(false);
    expect(maySnapshot(last, 3, T + 10 * FIVE_MIN)).toBe(false);
    expect(shouldSnapshotBeforeSave(last, stored(8, 'h3'), T + 10 * FIVE_MIN)).toBe(false);
  });

  it('hashes the stored content only when the time rule allows a snapshot', () => {
    let hashed = 0;
    const s = { revision: 5, contentHash: () => (hashed++, 'h5') };
    shouldSnapshotBeforeSave({ at: T, revision: 3, contentHash: 'h3' }, s, T + 1000);
    expect(hashed).toBe(0);
    shouldSnapshotBeforeSave({ at: T, revision: 3, contentHash: 'h3' }, s, T + FIVE_MIN);
    expect(hashed).toBe(1);
  });

  it('takes one after the clock went backwards', () => {
    expect(shouldSnapshotBeforeSave({ at: T, revision: 3, contentHash: 'h3' }, stored(4), T - 60_000)).toBe(true);
  });

  it('over 30 minutes of saves every 10 seconds, takes one every 5 minutes: 6 in all', () => {
    let last: { at: number; revision: number; contentHash: string } | null = null;
    let taken = 0;
    for (let t = 0, rev = 1; t < 30 * 60_000; t += 10_000, rev++) {
      if (shouldSnapshotBeforeSave(last, stored(rev), T + t)) {
        taken++;
        last = { at: T + t, revision: rev, contentHash: `h${rev}` };
      }
    }
    expect(taken).toBe(6);
  });
});
