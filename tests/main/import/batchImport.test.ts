import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
import type { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { errnoError } from '../storeTestKit';
import { applyImport, planImport, readBundle } from '../../../src/main/bundle/import';
import { bundleOf, expectImportUndone, exportTo, importAll as importInto, opened, openStore } from './importKit';

const importAll = (into: WorkspaceStore, bundle: string) => importInto(into, bundle, { now: NOW });

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const NOW = new Date(Date.UTC(2024, 5, 2));
/** More than one write batch of files (64) and of snapshots. */
const ARTICLES = 70;
/** One bundle for every test, kept in a folder of this file's own (test temp folders go after each test). */
let keep: string;
let bundle: string;
beforeAll(async () => {
  keep = await mkdtemp(join(tmpdir(), 'vd-batch-import-'));
  bundle = join(keep, 'many.zip');
  await copyFile(await bundleOf(ARTICLES), bundle);
});
afterAll(async () => {
  await rm(keep, { recursive: true, force: true });
});

/** Files whose names mark them as a durable write's temp file. */
async function tempFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const folder of ['comparisons', 'people']) out.push(...(await readdir(join(root, folder))).filter((n) => n.endsWith('.tmp')));
  return out;
}

describe('importing many articles in durable batches', () => {
  it('plans and applies a bundle of edits against a workspace holding the articles, in the bundle\'s order across analysis windows', async () => {
    // Two workspaces with the same 70 articles; four edited in one (either side of the 64-article window) come back to the other.
    // Reads of the bundle's first article are slow in the target, so its analysis ends last.
    let slow = '';
    const fs: FsLayer = {
      ...nodeFs,
      readFile: async (path) => {
        if (slow && path.endsWith(`${slow}.json`)) await new Promise((done) => setTimeout(done, 40));
        return nodeFs.readFile(path);
      },
    };
    const [edited, target] = [await openStore(), await openStore({ fs })];
    await importAll(edited, bundle);
    await importAll(target, bundle);
    const bySlug = edited.listComparisons().sort((a, b) => (a.slug < b.slug ? -1 : 1));
    const changed = [2, 63, 64, 69].map((i) => bySlug[i]?.id as string);
    for (const id of changed) {
      const c = await edited.getComparison(id);
      await edited.saveComparison({ ...c, summary: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Edited ${id}` }] }] } }, c.revision);
    }
    const contents = await readBundle(await exportTo(edited, 'edits.zip', { status: 'any' }));
    slow = contents.articles[0]?.record.id as string;
    const history = HistoryStore.forStore(target);
    const plan = await planImport(target, contents, history);
    const articles = plan.items.filter((i) => i.kind === 'comparison');
    expect(articles.map((i) => i.id)).toEqual(contents.articles.map((a) => a.record.id));
    expect(articles.filter((i) => i.action === 'updated').map((i) => i.id)).toEqual(contents.articles.map((a) => a.record.id).filter((id) => changed.includes(id)));
    expect(articles.filter((i) => i.action === 'unchanged')).toHaveLength(ARTICLES - changed.length);
    const result = await applyImport(target, contents, plan, {}, { by: 'tester', now: NOW, history });
    expect(result.written.map((w) => [w.id, w.outcome])).toEqual(articles.filter((i) => i.action === 'updated').map((i) => [i.id, 'updated']));
    for (const id of changed) expect(JSON.stringify((await target.getComparison(id)).summary)).toContain(`Edited ${id}`);
  });

  it('writes every article, lists and reads each back, and gives each its import snapshot', async () => {
    const into = await openStore();
    const result = await importAll(into, bundle);
    expect(result.written.filter((w) => w.outcome === 'created')).toHaveLength(ARTICLES);
    expect(into.listComparisons()).toHaveLength(ARTICLES);
    const history = HistoryStore.forStore(into);
    for (const summary of into.listComparisons()) {
      const c = await into.getComparison(summary.id);
      expect(c.title).toBe(summary.title);
      expect((await history.list(c.id)).map((e) => e.reason)).toEqual(['import']);
    }
    expect(result.snapshots).toBe(ARTICLES);
    expect(await tempFiles(into.path)).toEqual([]);
  });

  it('counts the articles written a batch at a time, each count once that batch and its snapshots are on disk', async () => {
    const into = await openStore();
    const counts: Array<[number, number]> = [];
    const onDisk: number[] = [];
    await importInto(into, bundle, {
      now: NOW,
      articleBatch: 32,
      onProgress: async (done, total) => {
        counts.push([done, total]);
        onDisk.push((await readdir(join(into.path, 'history'))).length);
      },
    });
    expect(counts).toEqual([[0, ARTICLES], [32, ARTICLES], [64, ARTICLES], [ARTICLES, ARTICLES]]);
    // Each count's articles have their snapshots on disk by then (and no later batch has begun its own).
    expect(onDisk).toEqual([0, 32, 64, ARTICLES]);
  });

  it.each([
    ['putting a new article file in place (a hard link) in the second write batch', 'link', 68],
    ['an fsync of an article file in the second batch', 'sync', 66],
    ['an import snapshot after every article was written', 'open-history', 67],
  ] as const)('puts the workspace back byte for byte when %s fails', async (_label, what, nth) => {
    let count = 0;
    let armed = false;
    const fail = () => armed && ++count === nth;
    const fs: FsLayer = {
      ...nodeFs,
      link: async (from, to) => {
        if (what === 'link' && from.includes('comparisons') && fail()) throw errnoError('ENOSPC');
        return nodeFs.link?.(from, to);
      },
      // A full disk fails the check-and-rename that follows a failed link as well.
      rename: async (from, to) => {
        if (what === 'link' && count >= nth && from.includes('comparisons')) throw errnoError('ENOSPC');
        return nodeFs.rename(from, to);
      },
      open: async (path, flags) => {
        if (what === 'open-history' && flags === 'wx' && path.includes('history') && fail()) throw errnoError('EIO');
        const handle = await nodeFs.open(path, flags);
        if (what !== 'sync' || flags !== 'wx' || !path.includes('comparisons')) return handle;
        return {
          writeFile: (data, encoding) => handle.writeFile(data, encoding),
          close: () => handle.close(),
          sync: async () => {
            if (fail()) throw errnoError('EIO');
            return handle.sync();
          },
        };
      },
    };
    const into = await expectImportUndone(fs, () => (armed = true), (store) => importAll(store, bundle));
    expect(count).toBeGreaterThanOrEqual(nth);
    expect(await tempFiles(into.path)).toEqual([]);
  });
});
