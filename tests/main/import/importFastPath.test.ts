import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { synthWorkspace } from '../../../bench/synth';
import { buildBundleFiles } from '../../../src/main/bundle/exportBundle';
import { comparisonFromArticle } from '../../../src/main/bundle/import/articleRecord';
import { canonicalCopy } from '../../../src/shared/util/canonicalCopy';
import { readBundle } from '../../../src/main/bundle/import/readBundle';
import { stableStringify as storeStringify } from '../../../src/main/store/durableWrite';
import type { Manifest } from '../../../src/shared/export/exportSchemas';
import { articleExportSchema } from '../../../src/shared/export/exportSchemas';
import { comparisonSchema } from '../../../src/shared/model/comparison';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import { tempDir } from '../storeTestKit';
import { FIXED_NOW, memorySource, seedRecords } from '../export/exportTestKit';
import { entriesOf, validFiles, writeTemp, zipBuffer } from './hostileBundles';

/**
 * The bundle reader's fast path (records rebuilt with sorted keys, checked by the hand-written
 * comparison check instead of a zod pass) gives exactly the records the zod path gives.
 */

const READ_AT = new Date('2024-06-02T08:00:00.000Z');

describe('canonicalCopy', () => {
  it('is equal to the value, written to the same text, and in the order JSON.stringify writes as stableStringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = canonicalCopy(value);
        expect(copy).toEqual(value);
        expect(stableStringify(copy)).toBe(stableStringify(value));
        // Keys starting with a digit may enumerate as array indices whatever the order they are set in.
        if (!/"\d[^"]*":/.test(JSON.stringify(value))) expect(`${JSON.stringify(copy, null, 2)}\n`).toBe(stableStringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a "__proto__" key as data (never as the prototype) and leaves non-JSON objects as they are', () => {
    const hostile = JSON.parse('{"b": 1, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copy = canonicalCopy(hostile);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const date = new Date(0);
    expect(canonicalCopy({ at: date }).at).toBe(date);
  });
});

describe('readBundle fast path', () => {
  it('gives every article the record the zod path gives (same value, same file text), checked and frozen', async () => {
    const synth = synthWorkspace({ articles: 12, people: 4, seed: 7 });
    const seed = seedRecords();
    const comparisons = [...synth.comparisons, seed.comparison];
    const { files } = await buildBundleFiles(memorySource(comparisons, [...synth.people, seed.author, seed.editor]), {
      status: 'any',
      createdBy: 't',
      appVersion: '0',
      now: FIXED_NOW,
    });
    const zip = await writeTemp(await tempDir(), 'b.zip', await zipBuffer(entriesOf(files)));
    const contents = await readBundle(zip, undefined, READ_AT);
    expect(contents.articles).toHaveLength(comparisons.length);
    for (const article of contents.articles) {
      const exported = articleExportSchema.parse(JSON.parse(files.get(`comparisons/${article.item.slug}.json`)!.toString('utf8')));
      const reference = comparisonSchema.parse(comparisonFromArticle(exported, READ_AT));
      expect(article.record).toEqual(reference);
      expect(stableStringify(article.record)).toBe(stableStringify(reference));
      // Keys sorted at every depth: the text stableStringify writes is the engine's JSON.stringify.
      expect(`${JSON.stringify(article.record, null, 2)}\n`).toBe(stableStringify(reference));
      expect(Object.isFrozen(article.record)).toBe(true);
      expect(Object.isFrozen(article.record.keyDifferences[0])).toBe(true);
    }
    // The articles come back as they went out (bookkeeping aside).
    const byId = new Map(comparisons.map((c) => [c.id, c]));
    for (const { record } of contents.articles) {
      const source = byId.get(record.id)!;
      expect({ ...record, createdAt: '', updatedAt: '' }).toEqual({ ...source, createdAt: '', updatedAt: '' });
    }
  });
});

describe('readBundle lets each article file go once read', () => {
  it('still refuses a second manifest item naming an article file already read', async () => {
    const files = await validFiles();
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    const first = manifest.items[0]!;
    manifest.items.push({ ...first, id: '01HK153X0ZZZZZZZZZZZZZZZZZ' });
    files.set('manifest.json', Buffer.from(storeStringify(manifest)));
    const zip = await writeTemp(await tempDir(), 'twice.zip', await zipBuffer(entriesOf(files)));
    await expect(readBundle(zip)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { entry: `comparisons/${first.slug}.json`, reason: 'its id, slug or revision differs from the manifest' },
    });
  });
});
