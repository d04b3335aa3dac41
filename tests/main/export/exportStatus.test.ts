import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBundle, READER_FROM, type ExportOptions } from '../../../src/main/bundle/exportBundle';
import { readZipEntries } from '../../../src/main/bundle/import/zipEntries';
import { resolveLimits } from '../../../src/main/bundle/import/bundleLimits';
import { validateBundle } from '../../../src/main/bundle/import/readBundle';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import type { OutsideChange } from '../../../src/shared/api/resilienceContract';
import type { ArticleExport, Manifest } from '../../../src/shared/export/exportSchemas';
import type { Comparison } from '../../../src/shared/model/comparison';
import { synthWorkspace } from '../../../bench/synth';
import { tempDir } from '../storeTestKit';
import { FIXED_NOW, memorySource, seedRecords } from './exportTestKit';

const base = (out: string): ExportOptions => ({ out, format: 'zip', status: 'signed-off', createdBy: 'Test', appVersion: '0.1.0', now: FIXED_NOW });
const stores: WorkspaceStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/**
 * A workspace of signed-off articles but two drafts, whose index cache (.versus-desk/index.json)
 * was then edited to list the drafts as signed off: the files keep their size and mtime, so a
 * warm open trusts the cache, as it would one restored from a backup or synced from elsewhere.
 */
async function misListedWorkspace(articles: number) {
  const dir = join(await tempDir(), 'ws');
  const { comparisons, people } = synthWorkspace({ articles, people: 4, seed: 7, signOff: true });
  const drafts = [comparisons[1], comparisons[articles - 2]].map((c) => c as Comparison);
  let store = await WorkspaceStore.open(dir, { create: true, seed: false });
  await store.withRecordWriter(async (w) => {
    for (const p of people) await w.placePerson(p, null);
    for (const c of comparisons) {
      if (drafts.includes(c)) {
        const { review: _review, ...draft } = c;
        await w.putComparison(draft);
      } else await w.putComparison(c);
    }
  });
  await store.close();
  const indexFile = join(dir, '.versus-desk', 'index.json');
  const index = JSON.parse(await readFile(indexFile, 'utf8')) as { comparisons: Record<string, { summary: { status: string } }> };
  for (const d of drafts) {
    expect(index.comparisons[d.id]?.summary.status).toBe('draft');
    (index.comparisons[d.id] as { summary: { status: string } }).summary.status = 'signed_off';
  }
  await writeFile(indexFile, JSON.stringify(index));
  store = await WorkspaceStore.open(dir);
  stores.push(store);
  await store.whenIndexChecked();
  return { store, drafts, comparisons };
}

describe('an export whose list (the index cache) says more than the records', () => {
  it.each([
    ['read through the store', READER_FROM - 4],
    ['read by the reader thread', READER_FROM + 8],
  ])('leaves out articles listed as signed off that are not, says which, and corrects the list (%s)', async (_how, articles) => {
    const { store, drafts, comparisons } = await misListedWorkspace(articles);
    // The premise: the list believed the cache.
    expect(store.listComparisons().filter((s) => s.status === 'signed_off')).toHaveLength(articles);
    const told: OutsideChange[] = [];
    store.onOutsideChanges((changes) => told.push(...changes));

    const out = join(await tempDir(), 'publish.zip');
    const result = await exportBundle(store, base(out));

    expect(result.items).toBe(articles - 2);
    const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : 1);
    expect(result.leftOut.sort(bySlug)).toEqual(drafts.map((d) => ({ slug: d.slug, title: d.title, status: 'draft' })).sort(bySlug));
    const files = await readZipEntries(out, resolveLimits());
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.items.map((i) => i.slug).sort()).toEqual(comparisons.filter((c) => !drafts.includes(c)).map((c) => c.slug).sort());
    expect(manifest.items.every((i) => i.status === 'signed_off' && i.signOff !== null)).toBe(true);
    for (const d of drafts) expect(files.has(`comparisons/${d.slug}.json`)).toBe(false);
    expect(await validateBundle(out)).toMatchObject({ ok: true, items: articles - 2 });

    // The list now shows the drafts as they are, and the app was told.
    for (const d of drafts) expect(store.listComparisons().find((s) => s.id === d.id)?.status).toBe('draft');
    expect(told.map((c) => [c.id, c.change]).sort()).toEqual(drafts.map((d) => [d.id, 'changed']).sort());
    // A second export finds nothing to leave out.
    expect((await exportBundle(store, base(join(await tempDir(), 'again.zip')))).leftOut).toEqual([]);
  });

  it('labels each article of an export of every article with the status its record has', async () => {
    const { comparison, author, editor } = seedRecords();
    const source = memorySource([comparison], [author, editor], 'signed_off');
    const recheck = vi.fn(async () => undefined);
    const out = join(await tempDir(), 'all.zip');
    const result = await exportBundle({ ...source, recheckComparisons: recheck }, { ...base(out), status: 'any' });
    expect(result).toMatchObject({ items: 1, leftOut: [] });
    const files = await readZipEntries(out, resolveLimits());
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.items[0]).toMatchObject({ status: 'draft', signOff: null });
    const article = JSON.parse(files.get(`comparisons/${comparison.slug}.json`)!.toString('utf8')) as ArticleExport;
    expect(article.review).toMatchObject({ status: 'draft', signedOffBy: null, signedOffAt: null });
    expect(recheck).toHaveBeenCalledWith([comparison.id]);
    expect(await validateBundle(out)).toMatchObject({ ok: true, items: 1 });
  });
});
