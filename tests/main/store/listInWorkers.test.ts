import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildNodeEntry } from '../../nodeBuild';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Comparison } from '../../../src/shared/model/comparison';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { listInWorkers, setListWorkerScript, WORKERS_FROM } from '../../../src/main/store/listInWorkers';
import { synthWorkspace } from '../../../bench/synth';
import { recordingFs, tempDir, type FsCall } from '../storeTestKit';

/**
 * The cold open's worker threads, with the worker built as the app builds it (one bundle of
 * src/main/store/listWorker.ts): the list they give must be the main thread's list, file for
 * file, whatever the folder holds, and a worker that fails must cost nothing but time.
 */
let workerScript = '';
let buildDir = '';

beforeAll(async () => {
  ({ dir: buildDir, file: workerScript } = await buildNodeEntry('listWorker', 'src/main/store/listWorker.ts'));
}, 60_000);

afterEach(() => setListWorkerScript(null));
afterAll(() => rm(buildDir, { recursive: true, force: true }));

const N = 330;

/**
 * A workspace of N articles written straight to disk (as another program or a restored backup
 * would leave it, with no index cache), in every state the list tells apart, plus files the
 * workers must leave to the main thread: damaged, empty, needing a trim, named for another id,
 * and a folder with a record's name.
 */
async function mixedWorkspace(): Promise<{ dir: string; ids: string[]; odd: string[] }> {
  const dir = join(await tempDir(), 'ws');
  await (await WorkspaceStore.open(dir, { create: true, seed: false })).close();
  const signed = synthWorkspace({ articles: N / 2, people: 10, seed: 11 }).comparisons;
  const drafts = synthWorkspace({ articles: N / 2, people: 10, seed: 12, signOff: false }).comparisons;
  const all: Comparison[] = [...signed, ...drafts];
  // Approvals gone stale: content edited after sign-off, on every 7th signed-off article.
  for (let i = 0; i < signed.length; i += 7) {
    const c = all[i] as Comparison;
    all[i] = { ...c, title: `${c.title} (edited)`, titleEdited: true };
  }
  // A part waiting for review on some drafts.
  for (let i = signed.length; i < all.length; i += 9) {
    const c = all[i] as Comparison;
    const by = '01HWWWWWWWWWWWWWWWWWWWWWWW';
    all[i] = { ...c, review: { parts: { summary: { state: 'submitted', by, at: '2024-06-01T10:00:00.000Z', hash: 'a'.repeat(64) } }, comments: [], signOff: null } };
  }
  const file = (id: string) => join(dir, 'comparisons', `${id}.json`);
  await Promise.all(all.map((c) => writeFile(file(c.id), stableStringify(c))));
  const ids = all.map((c) => c.id);
  // Spread over several chunks of work (and the first and last file in name order).
  const sorted = [...ids].sort();
  const odd = [sorted[0], sorted[40], sorted[129], sorted[200], sorted[sorted.length - 1]] as string[];
  await writeFile(file(odd[0] as string), '{"format": 1, "id": "trunc');
  await writeFile(file(odd[1] as string), '');
  const untrimmed = all.find((c) => c.id === odd[2]) as Comparison;
  await writeFile(file(untrimmed.id), stableStringify({ ...untrimmed, title: `  ${untrimmed.title}  ` }));
  const other = all.find((c) => c.id === odd[3]) as Comparison;
  await writeFile(file(other.id), stableStringify({ ...other, id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }));
  await writeFile(file(odd[4] as string), stableStringify({ not: 'a comparison' }));
  // A record reached through a symlink: the main thread follows it (after a stat), a worker does not.
  const linked = sorted[250] as string;
  await rename(file(linked), join(dir, 'elsewhere.json'));
  await symlink(join(dir, 'elsewhere.json'), file(linked));
  await mkdir(join(dir, 'comparisons', '01HYYYYYYYYYYYYYYYYYYYYYYY.json'));
  // A FIFO with a record's name: opening it must not wait for a writer that never comes.
  execFileSync('mkfifo', [join(dir, 'comparisons', '01HVVVVVVVVVVVVVVVVVVVVVVV.json')]);
  return { dir, ids, odd };
}

/** Everything the list shows and the notices, after a cold open (the index cache removed first). */
async function coldOpen(dir: string) {
  await rm(join(dir, '.versus-desk', 'index.json'), { force: true });
  const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
  try {
    const repo = (store as unknown as { comparisons: { lastListing: { files: number; inWorkers: number } | null } }).comparisons;
    return {
      list: store.listComparisons(),
      // Without the quarantine's time stamp; sorted (files of one batch are quarantined as their reads finish).
      notices: store
        .info()
        .notices.map((n) => n.message.replace(/quarantine\/[\dTZ-]+-/, 'quarantine/<time>-'))
        .sort(),
      listing: repo.lastListing,
    };
  } finally {
    await store.close();
  }
}

describe('a cold open lists on worker threads', () => {
  it('gives the same list and quarantines the same files as the main thread alone', async () => {
    const a = await mixedWorkspace();
    const b = await mixedWorkspace();
    setListWorkerScript(null);
    const alone = await coldOpen(a.dir);
    setListWorkerScript(workerScript);
    const workers = await coldOpen(b.dir);

    expect(alone.listing).toEqual({ files: N + 2, inWorkers: 0 });
    // Every readable file came from a worker (the untrimmed title through zod there, as on the
    // main thread); the four damaged ones, the symlink, the folder and the FIFO were left to the main thread.
    expect(workers.listing).toEqual({ files: N + 2, inWorkers: N - 5 });
    expect(workers.list).toEqual(alone.list);
    expect(workers.list).toHaveLength(N - 4);
    expect(workers.list.find((s) => s.id === a.odd[2])?.title).not.toMatch(/^\s/);
    expect(workers.list.some((s) => s.id === [...a.ids].sort()[250])).toBe(true);
    expect(workers.notices).toEqual(alone.notices);
    expect(workers.notices).toHaveLength(4);
    // The list tells the states apart, so the comparison above covers each of them.
    expect(new Set(workers.list.map((s) => s.status))).toEqual(new Set(alone.list.map((s) => s.status)));
    expect(new Set(workers.list.map((s) => s.status)).size).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('does not start workers for a small workspace', async () => {
    const dir = join(await tempDir(), 'ws');
    const store = await WorkspaceStore.open(dir, { create: true, seed: false });
    await store.withRecordWriter(async (w) => {
      for (const c of synthWorkspace({ articles: 5, people: 10, seed: 3 }).comparisons) await w.putComparison(c);
    });
    await store.close();
    setListWorkerScript(workerScript);
    const opened = await coldOpen(dir);
    expect(5).toBeLessThan(WORKERS_FROM);
    expect(opened.listing).toEqual({ files: 5, inWorkers: 0 });
    expect(opened.list).toHaveLength(5);
  });

  it('lists on the main thread alone when a file system layer stands between the store and the disk', async () => {
    const { dir } = await mixedWorkspace();
    setListWorkerScript(workerScript);
    const calls: FsCall[] = [];
    await rm(join(dir, '.versus-desk', 'index.json'), { force: true });
    const store = await WorkspaceStore.open(dir, { fs: recordingFs(calls), indexDelayMs: 60_000 });
    try {
      const repo = (store as unknown as { comparisons: { lastListing: { files: number; inWorkers: number } | null } }).comparisons;
      expect(repo.lastListing).toEqual({ files: N + 2, inWorkers: 0 });
      // Every record file was read through the layer (a failing-disk test sees every read).
      const read = new Set(calls.filter((c) => c.op === 'readFile' && c.path.includes('comparisons')).map((c) => c.path));
      expect(read.size).toBeGreaterThanOrEqual(N - 1);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('still lists every file when the worker cannot start, or stops part way', async () => {
    const { dir, ids } = await mixedWorkspace();
    setListWorkerScript(null);
    const expected = (await coldOpen(dir)).list;
    const { ids: ids2, dir: dir2 } = await mixedWorkspace();
    expect(ids2).toEqual(ids);

    const broken = join(buildDir, 'broken.mjs');
    await writeFile(broken, "throw new Error('cannot start');\n");
    // Answers its first request (all left to the main thread) and then exits.
    const quitter = join(buildDir, 'quitter.mjs');
    await writeFile(
      quitter,
      "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', ({ seq, ids }) => { parentPort.postMessage({ seq, entries: ids.map(() => null) }); setTimeout(() => process.exit(3), 10); });\n",
    );
    for (const script of [broken, quitter, join(buildDir, 'missing.mjs')]) {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        setListWorkerScript(script);
        const opened = await coldOpen(dir2);
        expect(opened.list).toEqual(expected);
        expect(opened.listing?.inWorkers).toBe(0);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('worker threads failed'), expect.any(Error));
      } finally {
        warn.mockRestore();
      }
    }
  }, 60_000);

  it('hands back entries aligned with the ids asked for, across chunks and workers', async () => {
    const { dir, ids, odd } = await mixedWorkspace();
    const sorted = [...ids].sort();
    // Ids that do not exist, between real ones, must stay unanswered in place.
    const asked = sorted.flatMap((id, i) => (i % 50 === 0 ? [id, `01HXXXXXXXXXXXXXXXXXXXX${String(i).padStart(3, '0')}`] : [id]));
    const result = await listInWorkers(workerScript, join(dir, 'comparisons'), asked, 3);
    expect(result.failure).toBeNull();
    asked.forEach((id, i) => {
      const entry = result.entries[i];
      if (id.startsWith('01HXXX') || (odd.includes(id) && id !== odd[2]) || id === sorted[250]) expect(entry).toBeUndefined();
      else expect(entry?.summary.id).toBe(id);
    });
    // The damaged four and the symlinked one are left; the untrimmed one is listed (checked by zod in the worker).
    expect(result.listed).toBe(sorted.length - 5);
  }, 60_000);
});
