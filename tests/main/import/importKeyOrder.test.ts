import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/main/bundle/import/readBundle';
import { isCheckedArticleExport } from '../../../src/shared/export/articleExportCheck';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import { tempDir } from '../storeTestKit';
import { entriesOf, replaceFile, validFiles, writeTemp, zipBuffer } from './hostileBundles';

/**
 * The bundle reader takes an article file its hand-written check vouches for as it was parsed
 * (no zod copy, no sorted copy). A file written by another tool with its keys in another order
 * passes that check too: its record must still be the same record, written as the same text.
 */

const READ_AT = new Date('2024-06-02T08:00:00.000Z');

/** The same JSON value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('an article file with its keys in another order', () => {
  it('gives the same record and the same file text as the file as exported, checked and frozen', async () => {
    const files = await validFiles();
    const path = [...files.keys()].find((k) => k.startsWith('comparisons/') && k.endsWith('.json'))!;
    const parsed = JSON.parse(files.get(path)!.toString('utf8')) as unknown;
    const shuffled = reversed(parsed);
    expect(isCheckedArticleExport(shuffled)).toBe(true);
    const dir = await tempDir();
    const plain = await readBundle(await writeTemp(dir, 'plain.zip', await zipBuffer(entriesOf(files))), undefined, READ_AT);
    const other = await readBundle(await writeTemp(dir, 'other.zip', await zipBuffer(entriesOf(replaceFile(files, path, Buffer.from(JSON.stringify(shuffled, null, 2)))))), undefined, READ_AT);
    const [a] = plain.articles;
    const [b] = other.articles;
    expect(b!.record).toEqual(a!.record);
    expect(stableStringify(b!.record)).toBe(stableStringify(a!.record));
    expect(b!.lineage).toEqual(a!.lineage);
    expect(Object.isFrozen(b!.record.summary)).toBe(true);
    expect(Object.isFrozen(b!.record.review?.parts)).toBe(true);
  });
});
