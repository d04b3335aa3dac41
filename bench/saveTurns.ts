/**
 * One workspace's timed saves, a turn at a time, so that the saves of two workspaces (100 and
 * 10,000 articles) can take turns: both then see the same disk and the same machine load, and
 * the "10,000 vs 100" ratio compares like with like. Run measured one workspace after the other,
 * minutes apart, that ratio moved between 0.9× and 1.25× on the same code.
 *
 * `openSaveTurns` runs them in this process (the smoke test); the CLI runs each workspace in a
 * child process of its own (saveChild.ts, `childSaveTurns`), so neither store's heap and garbage
 * collection weighs on the other's saves.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Comparison } from '../src/shared/model/comparison';
import { docFromText } from '../src/shared/model/richText';
import { stableStringify } from '../src/main/store/durableWrite';
import { WorkspaceStore } from '../src/main/store/WorkspaceStore';

/** One save, call to durable acknowledgement, and its floor: a bare durable write of the same bytes, just before or just after it. */
export interface SaveTurn {
  save: number;
  floor: number;
}

export interface SaveTurns {
  /**
   * Saves article number `i` (a one-word edit) and writes the floor, the floor first when
   * `floorFirst` (the caller alternates: whatever comes second meets the disk still busy with the
   * first one's writes, and the two must share that equally); times in ms.
   */
  turn(i: number, floorFirst: boolean): Promise<SaveTurn>;
  close(): Promise<void>;
}

/** open, write, fsync, close, rename, fsync the folder: the floor of a durable save. */
export async function durableWriteFloor(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx');
  await handle.writeFile(text, 'utf8');
  await handle.sync();
  await handle.close();
  await rename(temp, file);
  const dir = await open(join(file, '..'), 'r');
  await dir.sync();
  await dir.close();
}

/** A one-word edit in the summary, keeping the article's size. */
export function edited(c: Comparison, i: number): Comparison {
  const words = ['quickly', 'plainly', 'briefly', 'clearly'];
  const text = c.summary.content[0]?.content?.map((n) => (n.type === 'text' ? n.text : '')).join('') ?? '';
  const replaced = text.replace(/^\S+/, words[i % words.length] as string);
  return { ...c, summary: docFromText(replaced) };
}

/** The article the i-th save edits (spread over the workspace). */
export function pickArticle(ids: readonly string[], i: number): string {
  return ids[(i * 7919) % ids.length] as string;
}

/** Saves in this process. */
export async function openSaveTurns(dir: string): Promise<SaveTurns> {
  const store = await WorkspaceStore.open(dir);
  // Steady state, as when a writer saves a while after opening: the open's background work (the
  // check of the files against the index cache, the word index fill) is done before timing, so
  // neither competes with the saves for the disk and the CPU (the open rows measure that work).
  await store.whenIndexChecked();
  await store.searchReady();
  const ids = store.listComparisons().map((s) => s.id);
  const floorFile = join(dir, 'comparisons', '.bench-floor.json');
  return {
    async turn(i, floorFirst) {
      const c = edited(await store.getComparison(pickArticle(ids, i)), i);
      const floorWrite = async (text: string) => {
        const t = performance.now();
        await durableWriteFloor(floorFile, text);
        return performance.now() - t;
      };
      // First: the bytes the save will write, but for its date (same length).
      const floor = floorFirst ? await floorWrite(stableStringify({ ...c, revision: c.revision + 1 })) : 0;
      const t0 = performance.now();
      const saved = await store.saveComparison(c, c.revision);
      const save = performance.now() - t0;
      // The work a save leaves for just after its acknowledgement (the word index) is done before
      // the next step: it must not land in the floor's time and flatter the ratio.
      await new Promise((resolve) => setImmediate(resolve));
      return { save, floor: floorFirst ? floor : await floorWrite(stableStringify(saved)) };
    },
    async close() {
      await store.close();
      await unlink(floorFile).catch(() => undefined);
    },
  };
}

/** Saves in a child process of their own (script: the built saveChild.mjs). */
export async function childSaveTurns(script: string, dir: string): Promise<SaveTurns> {
  const child = fork(script, [dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  let ended: Error | null = null;
  const fail = (error: Error) => {
    ended ??= error;
    waiting?.reject(error);
    waiting = null;
  };
  child.on('message', (message: { error?: string }) => {
    const w = waiting;
    waiting = null;
    if (message.error !== undefined) w?.reject(new Error(`the save child for ${dir} failed: ${message.error}`));
    else w?.resolve(message);
  });
  child.on('error', fail);
  child.on('exit', (code, signal) => fail(new Error(`the save child for ${dir} exited (${code ?? signal})`)));
  const ask = (message: object) =>
    new Promise<unknown>((resolve, reject) => {
      if (ended) return reject(ended);
      waiting = { resolve, reject };
      child.send(message);
    });
  try {
    await ask({ kind: 'open' });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    turn: async (i, floorFirst) => (await ask({ kind: 'turn', i, floorFirst })) as SaveTurn,
    close: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      await ask({ kind: 'close' });
      await exited;
    },
  };
}
