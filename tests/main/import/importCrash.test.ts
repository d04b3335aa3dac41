/**
 * An import is all or nothing even when the process dies while writing it (a crash, a kill, a
 * power cut) or while taking a failed one back: the next open of the workspace takes back what
 * it wrote (src/main/bundle/import/importUndoLog.ts) and says so.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planImport, readBundle } from '../../../src/main/bundle/import';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { docFromText, type InlineDoc } from '../../../src/shared/model/richText';
import { buildCrashWorker } from '../crash/crashLoop';
import { exportTo, importAll } from './importKit';

let root: string;
let workerFile: string;
const opened: WorkspaceStore[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'versus-desk-import-crash-'));
  workerFile = join(root, 'importCrashWorker.mjs');
  await buildCrashWorker(fileURLToPath(new URL('./importCrashWorker.ts', import.meta.url)), workerFile);
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

/** The records of a workspace (comparisons and people), hashed. */
async function recordsHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of ['comparisons', 'people']) {
    for (const name of (await readdir(join(dir, folder))).sort()) hash.update(`${folder}/${name}\u0000`).update(await readFile(join(dir, folder, name)));
  }
  return hash.digest('hex');
}

/** Every snapshot an import wrote (reason "import"), as `<id>/<revision>`. */
async function importSnapshots(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of await readdir(join(dir, 'history')).catch(() => [] as string[])) {
    for (const name of await readdir(join(dir, 'history', id))) {
      const text = await readFile(join(dir, 'history', id, name), 'utf8');
      if ((JSON.parse(text) as { reason: string }).reason === 'import') out.push(`${id}/${name}`);
    }
  }
  return out;
}

/**
 * A workspace holding the sample article, and a bundle from a colleague who changed it and wrote
 * 40 more: importing it updates one article and creates 40.
 */
async function workspaceAndBundle(name: string): Promise<{ dir: string; bundle: string }> {
  const dir = join(root, name, 'mine');
  const mine = await WorkspaceStore.open(dir, { create: true, seed: true, indexDelayMs: 60_000 });
  const shared = await exportTo(mine, 'shared.zip');
  const theirs = await WorkspaceStore.open(join(root, name, 'theirs'), { create: true, indexDelayMs: 60_000 });
  await importAll(theirs, shared, { now: new Date(Date.UTC(2025, 0, 1)) });
  const [seed] = theirs.listComparisons();
  const c = await theirs.getComparison(seed!.id);
  await theirs.saveComparison({ ...c, summary: docFromText('The colleague’s summary.') as InlineDoc }, c.revision);
  for (let i = 0; i < 40; i++) await theirs.createComparison([`Term ${i}`, `Other ${i}`]);
  const bundle = await exportTo(theirs, 'back.zip');
  await theirs.close();
  await mine.close();
  return { dir, bundle };
}

/** Runs the worker until it reports the point to kill it at, then kills it with SIGKILL. */
async function killAt(dir: string, bundle: string, mode: 'mid' | 'rollback'): Promise<void> {
  const child = fork(workerFile, [dir, bundle, mode], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const message = await new Promise<string>((resolve) => {
    child.once('message', (m: { type: string }) => resolve(m.type));
    void exited.then(() => resolve('exited'));
  });
  expect(message, stderr).toBe('reached');
  child.kill('SIGKILL');
  await exited;
}

async function actions(store: WorkspaceStore, bundle: string): Promise<Record<string, number>> {
  const plan = await planImport(store, await readBundle(bundle), HistoryStore.forStore(store));
  const count: Record<string, number> = {};
  for (const item of plan.items) count[`${item.kind}:${item.action}`] = (count[`${item.kind}:${item.action}`] ?? 0) + 1;
  return count;
}

describe('an import cut short by a kill', () => {
  it.each([
    ['half way through writing it', 'mid'],
    ['while a failed import was being taken back', 'rollback'],
  ] as const)('is taken back on the next open (%s), with a notice, and can be imported again', { timeout: 120_000 }, async (_when, mode) => {
    const { dir, bundle } = await workspaceAndBundle(mode);
    const before = await recordsHash(dir);
    const first = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    const planned = await actions(first, bundle);
    await first.close();
    expect(planned).toMatchObject({ 'comparison:updated': 1, 'comparison:new': 40 });

    await killAt(dir, bundle, mode);
    // The premise: the kill left the import half written, or its rollback half done (the records
    // put back, the import's snapshots not yet removed), and its undo log behind.
    if (mode === 'mid') expect(await recordsHash(dir)).not.toBe(before);
    else expect(await recordsHash(dir)).toBe(before);
    expect(await importSnapshots(dir)).not.toEqual([]);
    expect((await readdir(join(dir, '.versus-desk', 'import-undo'))).length).toBeGreaterThan(0);

    const store = await WorkspaceStore.open(dir, { pid: 999_999, indexDelayMs: 60_000 });
    opened.push(store);
    const notice = store.info().notices.find((n) => n.id === 'import-recovered');
    expect(notice?.message).toMatch(/^An import was cut short last time .* It was taken back: \d+ records put back as they were before it\. Import the bundle again to bring it in\.$/);
    expect(await recordsHash(dir)).toBe(before);
    expect(store.listComparisons()).toHaveLength(1);
    expect(await importSnapshots(dir)).toEqual([]);
    expect(await readdir(join(dir, '.versus-desk'))).not.toContain('import-undo');
    // The same bundle plans as it did before the kill (not "unchanged" from a left-over snapshot)…
    expect(await actions(store, bundle)).toEqual(planned);
    // …and imports whole.
    await importAll(store, bundle, { now: new Date(Date.UTC(2026, 0, 2)) });
    expect(store.listComparisons()).toHaveLength(41);
  });

  it('leaves an import that finished alone, and no log behind it', async () => {
    const { dir, bundle } = await workspaceAndBundle('done');
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    opened.push(store);
    await importAll(store, bundle, { now: new Date(Date.UTC(2026, 0, 2)) });
    expect(await readdir(join(dir, '.versus-desk'))).not.toContain('import-undo');
    const after = await recordsHash(dir);
    await store.close();
    opened.splice(opened.indexOf(store), 1);
    const again = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    opened.push(again);
    expect(again.info().notices.map((n) => n.id)).not.toContain('import-recovered');
    expect(await recordsHash(dir)).toBe(after);
  });
});
