import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { HistoryStore, snapshotHeader } from '../../../src/main/history/HistoryStore';
import type { Comparison } from '../../../src/shared/model/comparison';
import { seedRecords } from '../export/exportTestKit';
import { tempDir } from '../storeTestKit';

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);

async function historyWithTwoSnapshots(): Promise<{ history: HistoryStore; c: Comparison; dir: string }> {
  const dir = await tempDir();
  const history = new HistoryStore(dir);
  const { comparison } = seedRecords();
  // A title that looks like the key the header ends at, inside a string.
  const c: Comparison = { ...comparison, title: 'Tea, "record": vs. Coffee' };
  await history.snapshot({ kind: 'comparison', record: c, reason: 'import', by: 'Ann, "record": x', at: new Date('2024-01-01T00:00:00Z'), lineage: [hashA, hashB] });
  await history.snapshot({ kind: 'comparison', record: { ...c, revision: c.revision + 1 }, reason: 'sign-off', by: 'Bo', at: new Date('2024-01-02T00:00:00Z') });
  return { history, c, dir };
}

describe('snapshotHeader (export lineage reads only the header of each snapshot)', () => {
  it('reads the same header from a snapshot file as parsing the whole file does', async () => {
    const { c, dir } = await historyWithTwoSnapshots();
    const text = await readFile(join(dir, 'history', c.id, `${c.revision}.json`), 'utf8');
    const { record: _record, ...whole } = JSON.parse(text) as Record<string, unknown>;
    expect(snapshotHeader(text)).toEqual(whole);
    expect(whole).toMatchObject({ by: 'Ann, "record": x', lineage: [hashA, hashB] });
    // Compact JSON with the same key order reads the same.
    expect(snapshotHeader(JSON.stringify(JSON.parse(text)))).toEqual(whole);
  });

  it('gives null (the caller parses the whole file) when the record comes first, the header is damaged or incomplete', () => {
    const header = { at: '2024-01-01T00:00:00.000Z', by: 'x', contentHash: hashA, kind: 'comparison', reason: 'export' };
    expect(snapshotHeader(JSON.stringify({ ...header, record: { a: 1 } }))).toEqual(header);
    expect(snapshotHeader(JSON.stringify({ record: { b: 2, record: 3 }, ...header }))).toBeNull();
    expect(snapshotHeader(JSON.stringify({ by: 'x', record: {} }))).toBeNull();
    expect(snapshotHeader(JSON.stringify({ ...header, contentHash: 'not a hash', record: {} }))).toBeNull();
    expect(snapshotHeader(`{"at": "2024-01-01T00:00:00.000Z", "by": , "record": {}}`)).toBeNull();
    expect(snapshotHeader(JSON.stringify({ ...header, extra: 1, record: {} }))).toBeNull();
    expect(snapshotHeader('no json at all')).toBeNull();
  });

  it('gives the lineage newest first, with each snapshot’s own lineage, and the newest hash', async () => {
    const { history, c } = await historyWithTwoSnapshots();
    const first = contentHash(c);
    const second = contentHash({ ...c, revision: c.revision + 1 });
    const current = 'c'.repeat(64);
    expect(await history.exportLineage(c, current)).toEqual({ lineage: [current, ...new Set([second, first, hashA, hashB])], newest: second });
  });

  it('leaves out a snapshot cut short (a crash mid-write), as list() does, though its header is whole', async () => {
    const { history, c, dir } = await historyWithTwoSnapshots();
    const file = join(dir, 'history', c.id, `${c.revision}.json`);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length - 40));
    const { lineage } = await history.exportLineage(c, 'c'.repeat(64));
    expect(lineage).not.toContain(hashA);
    // list() parses whole files, as it always did: the damaged one is left out there.
    expect((await history.list(c.id)).map((e) => e.reason)).toEqual(['sign-off']);
  });
});
