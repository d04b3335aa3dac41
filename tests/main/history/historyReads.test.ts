import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore, type SnapshotWrite } from '../../../src/main/history/HistoryStore';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
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

describe('taking back an import\'s snapshots', () => {
  it('leaves a record\'s folder another writer made meanwhile, with that writer\'s snapshot in it', async () => {
    const dir = await tempDir();
    const { comparison } = seedRecords();
    const folder = join(dir, 'history', comparison.id);
    // Between the import's look for the folder and its mkdir, another writer makes the folder and writes a snapshot there.
    const fs: FsLayer = {
      ...nodeFs,
      mkdir: async (path) => {
        if (path === folder) {
          await nodeFs.mkdir(path);
          await writeFile(join(path, '1.json'), '{"theirs":true}\n');
        }
        return nodeFs.mkdir(path);
      },
    };
    const history = new HistoryStore(dir, fs);
    const writes: SnapshotWrite[] = [];
    await history.snapshotMany([{ kind: 'comparison', record: { ...comparison, revision: 2 }, reason: 'import', by: 'Ann', at: new Date(0) }], writes);
    expect(writes).toMatchObject([{ created: true, createdFolder: null }]);
    await history.undo(writes);
    expect(await readdir(folder)).toEqual(['1.json']);
  });

  it('removes a folder it made itself', async () => {
    const dir = await tempDir();
    const { comparison } = seedRecords();
    const history = new HistoryStore(dir);
    const writes: SnapshotWrite[] = [];
    await history.snapshotMany([{ kind: 'comparison', record: comparison, reason: 'import', by: 'Ann', at: new Date(0) }], writes);
    expect(writes[0]?.createdFolder).toBe(join(dir, 'history', comparison.id));
    await history.undo(writes);
    expect(await readdir(join(dir, 'history'))).toEqual([]);
  });
});
