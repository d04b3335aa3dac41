import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { seedRecords } from '../export/exportTestKit';
import { openReadLimit, tempDir } from '../storeTestKit';

describe('listing a long history', () => {
  it('lists every one of 300 snapshots, reading a few files at a time, where a process may have only 64 files open', async () => {
    const dir = await tempDir();
    const { comparison } = seedRecords();
    const writer = new HistoryStore(dir);
    const at = Date.parse('2024-01-01T00:00:00Z');
    await writer.snapshotMany(
      Array.from({ length: 300 }, (_, i) => ({ kind: 'comparison' as const, record: { ...comparison, revision: i + 1, title: `${comparison.title} (draft ${i + 1})` }, reason: 'autosave' as const, by: 'Ann', at: new Date(at + i * 300_000) })),
      [],
    );
    const limited = openReadLimit(64);
    const entries = await new HistoryStore(dir, limited.fs).list(comparison.id);
    expect(entries.map((e) => e.revision)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(limited.peak()).toBeLessThanOrEqual(32);
    // The common base, which walks the same listing, finds the oldest one too.
    const base = await new HistoryStore(dir, openReadLimit(64).fs).commonBase(comparison.id, [entries[0]?.contentHash as string]);
    expect(base?.revision).toBe(1);
  });
});
