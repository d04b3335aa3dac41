/**
 * The workspace lock under races: two processes taking over the same stale lock at once, and a
 * lock read while its holder is still creating it. The races are forced with a file-system layer
 * that pauses one side at the worst moment.
 */
import { mkdtemp, readdir, readFile, writeFile, utimes } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
import { acquireLock } from '../../../src/main/store/workspaceLock';

const DEAD_PID = 999_999;

/** A gate: the first `pauseOnce` waits there until `release`; `reachedAt` resolves when it got there. */
function gate() {
  let reached!: () => void;
  let release!: () => void;
  const reachedAt = new Promise<void>((r) => (reached = r));
  const released = new Promise<void>((r) => (release = r));
  let used = false;
  const pauseOnce = async () => {
    if (used) return;
    used = true;
    reached();
    await released;
  };
  return { reachedAt, pauseOnce, release: () => release() };
}

/** The lock, or the error it was refused with. */
function settled(taking: Promise<Awaited<ReturnType<typeof acquireLock>>>) {
  return taking.then(
    (r) => ({ ok: true as const, r }),
    (e: unknown) => ({ ok: false as const, e }),
  );
}

async function staleLock(): Promise<{ dir: string; lock: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'versus-desk-lock-'));
  const lock = join(dir, 'lock');
  await writeFile(lock, JSON.stringify({ pid: DEAD_PID, hostname: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }));
  return { dir, lock };
}

describe('the workspace lock', () => {
  it('lets only one of two processes take over the same stale lock', async () => {
    const { dir, lock } = await staleLock();
    // B reads the stale lock, then is paused before it acts on what it read.
    const g = gate();
    const slow: FsLayer = {
      ...nodeFs,
      readFile: async (p) => {
        const text = await nodeFs.readFile(p);
        if (p === lock) await g.pauseOnce();
        return text;
      },
    };
    // B's pid must look alive once it holds the lock: this process's own.
    const b = settled(acquireLock(slow, lock, process.pid, new Date()));
    await g.reachedAt;
    const a = await acquireLock(nodeFs, lock, process.pid, new Date(Date.now() + 1));
    expect(a.tookOver).toMatchObject({ pid: DEAD_PID });
    g.release();
    const bResult = await b;
    // B is refused, and the lock is still A's.
    expect(bResult.ok).toBe(false);
    expect(!bResult.ok && (bResult.e as { code?: string }).code).toBe('LOCKED');
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid, startedAt: a.lock.startedAt });
    expect((await readdir(dir)).sort()).toEqual(['lock']);
  });

  it('never shows a lock half made: the file appears with its whole text', async () => {
    const { dir } = await staleLock();
    const lock = join(dir, 'fresh-lock');
    const seen: string[] = [];
    // Every state of the lock's name while A creates it, as B would read it.
    const watching: FsLayer = {
      ...nodeFs,
      open: async (p, flags) => {
        seen.push(await nodeFs.readFile(lock).catch(() => '(none)'));
        const handle = await nodeFs.open(p, flags);
        seen.push(await nodeFs.readFile(lock).catch(() => '(none)'));
        return handle;
      },
      link: async (from, to) => {
        seen.push(await nodeFs.readFile(lock).catch(() => '(none)'));
        await nodeFs.link!(from, to);
        seen.push(await nodeFs.readFile(lock).catch(() => '(none)'));
      },
    };
    const a = await acquireLock(watching, lock, process.pid, new Date());
    const halfMade = seen.filter((s) => s !== '(none)' && !s.includes(`"pid":${a.lock.pid}`));
    expect(halfMade).toEqual([]);
    expect(seen.at(-1)).not.toBe('(none)');
  });

  it('refuses a lock it cannot read while it is young (being made by another version), and takes over an old one', async () => {
    const { dir } = await staleLock();
    const lock = join(dir, 'lock');
    await writeFile(lock, '');
    await expect(acquireLock(nodeFs, lock, process.pid, new Date())).rejects.toMatchObject({ code: 'LOCKED' });
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const taken = await acquireLock(nodeFs, lock, process.pid, new Date());
    expect(taken.tookOver).toMatchObject({ pid: 0 });
    expect(JSON.parse(await readFile(lock, 'utf8')).pid).toBe(process.pid);
  });

  it('takes the lock on a drive without hard links (FAT, exFAT, some shares), and a second open there is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'versus-desk-lock-'));
    const lock = join(dir, 'lock');
    const noLinks: FsLayer = {
      ...nodeFs,
      link: async () => {
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
      },
    };
    const a = await acquireLock(noLinks, lock, process.pid, new Date());
    expect(a.tookOver).toBeNull();
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(acquireLock(noLinks, lock, process.pid, new Date())).rejects.toMatchObject({ code: 'LOCKED' });
    // No temp file is left beside it.
    expect(await readdir(dir)).toEqual(['lock']);
  });

  it('on a drive without hard links, of two opens taking over the same unreadable old lock, one is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'versus-desk-lock-'));
    const lock = join(dir, 'lock');
    await writeFile(lock, Buffer.alloc(30));
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const noLinks = { ...nodeFs, link: undefined } as FsLayer;
    // B has looked at the garbled lock and is paused just before it moves it away.
    const gb = gate();
    const fsB: FsLayer = {
      ...noLinks,
      rename: async (from, to) => {
        await gb.pauseOnce();
        return nodeFs.rename(from, to);
      },
    };
    // A takes the lock over and is paused with its new lock created but still empty.
    const ga = gate();
    const fsA: FsLayer = {
      ...noLinks,
      open: async (p, flags) => {
        const handle = await nodeFs.open(p, flags);
        if (p === lock && flags === 'wx') await ga.pauseOnce();
        return handle;
      },
    };
    const b = settled(acquireLock(fsB, lock, process.pid, new Date()));
    await gb.reachedAt;
    const a = acquireLock(fsA, lock, process.pid, new Date(Date.now() + 5));
    await ga.reachedAt;
    gb.release();
    const bResult = await b;
    ga.release();
    const aResult = await a;
    expect(aResult.tookOver).toMatchObject({ pid: 0 });
    expect(bResult.ok).toBe(false);
    expect(!bResult.ok && (bResult.e as { code?: string }).code).toBe('LOCKED');
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid, startedAt: aResult.lock.startedAt });
    expect((await readdir(dir)).sort()).toEqual(['lock']);
  });
});
