import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexFileSchema, INDEX_VERSION } from '../../../src/main/store/ComparisonIndex';
import { checkIndexCache } from '../../../src/main/store/indexCacheCheck';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { tempDir } from '../storeTestKit';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const OTHER = '01BX5ZZKBKACTAV9WEVGEMMVRZ';
const validEntry = () => ({
  size: 7000,
  mtimeMs: 1732950000123.456,
  summary: { id: ID, slug: 'a-vs-b', title: 'A vs. B', terms: ['A', 'B'], status: 'draft', updatedAt: '2026-01-01T00:00:00.000Z', revision: 3, authorId: null, editorId: OTHER, waitingSince: null, openComments: 0 },
  authorId: null,
  editorId: OTHER,
});
const validFile = () => ({ version: INDEX_VERSION, comparisons: { [ID]: validEntry() } as Record<string, unknown> });

/** Damage at one path of a valid cache: a wrong value, a missing key or an extra one. */
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(''),
  fc.constant('signed_off'),
  fc.constant(OTHER),
  fc.constant('not-an-id'),
  fc.constant([]),
  fc.constant(['A']),
  fc.constant({}),
  fc.constant(true),
);
const paths = [
  ['version'],
  ['comparisons'],
  ['comparisons', ID],
  ...['size', 'mtimeMs', 'summary', 'authorId', 'editorId', '__proto__', 'extra'].map((k) => ['comparisons', ID, k]),
  ...['id', 'slug', 'title', 'terms', 'status', 'updatedAt', 'revision', 'authorId', 'editorId', 'waitingSince', 'openComments', 'constructor', 'extra'].map((k) => ['comparisons', ID, 'summary', k]),
  ['comparisons', ID, 'summary', 'terms', '1'],
  ['comparisons', '__proto__'],
  ['comparisons', 'not-an-id'],
];

/** A valid cache damaged at one path, as JSON text: a wrong value, a missing key or an extra one ("__proto__" included). */
function damaged(path: string[], value: unknown): string {
  const base = validFile() as unknown as Record<string, unknown>;
  let node = base;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(base);
}

/** What readCache did before: the reviver-based secure parse, then the zod schema. */
function before(text: string): Record<string, unknown> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key: string, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error('forbidden');
      return value;
    });
  } catch {
    return null;
  }
  const parsed = indexFileSchema.safeParse(raw);
  return parsed.success ? parsed.data.comparisons : null;
}

describe('the index cache check', () => {
  it('accepts and rejects exactly what the secure parse and zod schema did', () => {
    expect(checkIndexCache(JSON.parse(JSON.stringify(validFile())), INDEX_VERSION)?.get(ID)).toEqual(validEntry());
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const text = damaged(path, value);
        const byHand = checkIndexCache(JSON.parse(text), INDEX_VERSION);
        const reference = before(text);
        expect(byHand !== null).toBe(reference !== null);
        if (byHand && reference) expect(Object.fromEntries(byHand)).toEqual(reference);
      }),
      { numRuns: 600 },
    );
  });

  it('refuses a __proto__ key anywhere, as the secure parse did', () => {
    const hostile = `{"version": ${INDEX_VERSION}, "comparisons": {"${ID}": ${JSON.stringify(validEntry()).replace('"size":', '"__proto__": {"polluted": true}, "size":')}}}`;
    expect(checkIndexCache(JSON.parse(hostile), INDEX_VERSION)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a damaged or hostile cache is set aside: the list is rebuilt from the files, and the cache rewritten', async () => {
    const dir = join(await tempDir(), 'ws');
    let store = await WorkspaceStore.open(dir, { create: true, seed: true });
    const seed = store.listComparisons()[0];
    await store.close();
    const indexFile = join(dir, '.versus-desk', 'index.json');
    const good = JSON.parse(await readFile(indexFile, 'utf8')) as { comparisons: Record<string, { summary: Record<string, unknown> }> };
    const entry = good.comparisons[seed?.id ?? ''];
    if (!entry) throw new Error('no entry');
    const variants = [
      // A title that is not a string, an unknown status, and a summary pointing at a forbidden key.
      JSON.stringify({ ...good, comparisons: { [seed?.id ?? '']: { ...entry, summary: { ...entry.summary, title: 42 } } } }),
      JSON.stringify({ ...good, comparisons: { [seed?.id ?? '']: { ...entry, summary: { ...entry.summary, status: 'published' } } } }),
      JSON.stringify(good).replace('"summary":', '"__proto__": {"x": 1}, "summary":'),
    ];
    for (const text of variants) {
      await writeFile(indexFile, text);
      store = await WorkspaceStore.open(dir);
      expect(store.listComparisons()).toEqual([seed]);
      expect(store.info().notices).toEqual([]);
      await store.close();
      const rewritten = JSON.parse(await readFile(indexFile, 'utf8')) as typeof good;
      expect(rewritten.comparisons[seed?.id ?? '']?.summary).toEqual(entry.summary);
    }
  });
});
