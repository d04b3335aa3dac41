import { hostname } from 'node:os';
import { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { errnoCode, type FsLayer } from './fsLayer';
import { sameFile } from './batchWrite';
import { syncFolder, tempNameFor, writeNewFile } from './durableWrite';
import { dirname } from 'node:path';

const lockSchema = z.object({ pid: z.number().int(), hostname: z.string(), startedAt: z.string() });
export type LockInfo = z.infer<typeof lockSchema>;

/** True when a process with that id exists on this machine (EPERM: it exists, under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

export interface LockResult {
  lock: LockInfo;
  /** The stale lock that was taken over, if any. */
  tookOver: LockInfo | null;
}

/** A lock file that cannot be read younger than this may be one being written (an older version made it in two steps). */
const UNREADABLE_GRACE_MS = 10_000;
/** Rounds of create, look, take over: each failed round means another process moved meanwhile. */
const ATTEMPTS = 4;

/**
 * One writer process per workspace. Where the drive has hard links, the lock file appears whole
 * (written to a temp file, then linked to its name, which fails when the name is taken), so no
 * other process reads it empty; elsewhere it is created exclusively, then written, and a young
 * unreadable lock is left to its maker. A lock left by a process that no longer runs on this host is taken over, a live one is
 * refused. The takeover is safe against another process taking it over at the same moment: the
 * stale file is first renamed away (only one process's rename can move it), and what was moved
 * is checked to be the stale lock that was read; a fresh lock moved by mistake is put back and
 * the open is refused.
 */
export async function acquireLock(fs: FsLayer, path: string, pid: number, now: Date): Promise<LockResult> {
  const lock: LockInfo = { pid, hostname: hostname(), startedAt: now.toISOString() };
  const text = `${JSON.stringify(lock)}\n`;
  let tookOver: LockInfo | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createLock(fs, path, text)) return { lock, tookOver };
    const holder = await readLock(fs, path);
    if (holder === undefined) continue; // gone meanwhile: try to create it again
    if (holder && holder.hostname !== lock.hostname) {
      throw new ServiceError(
        'LOCKED',
        `This workspace is already open in another Versus Desk on ${holder.hostname} (process ${holder.pid}). If it is no longer running there, delete .versus-desk/lock.`,
        { holder },
      );
    }
    if (holder && isProcessAlive(holder.pid)) {
      throw new ServiceError('LOCKED', `This workspace is already open in another Versus Desk (process ${holder.pid})`, { holder });
    }
    // An unreadable lock may be one being made (in two steps: a drive without hard links, or an
    // older version): young, it is left to its maker.
    const young = async (file: string) => holder === null && (await fs.stat(file).then((st) => now.getTime() - st.mtimeMs < UNREADABLE_GRACE_MS, () => false));
    if (await young(path)) throw new ServiceError('LOCKED', 'This workspace is being opened by another Versus Desk right now. Try again in a moment.');
    // The holder died without releasing (or left an unreadable lock): take it over.
    const moved = await moveAway(fs, path);
    if (moved === null) continue; // another process moved it first
    const was = await readLock(fs, moved);
    // What was moved is checked again, age included: two unreadable locks look the same, and the
    // one moved may be another process's new lock, made since the look above.
    if (!sameLock(was ?? null, holder) || (await young(moved))) {
      // Not the stale lock read above: another process took over and locked in between. Its lock
      // goes back (never over a newer one) and this open is refused.
      await restore(fs, moved, path);
      throw new ServiceError('LOCKED', `This workspace was just opened by another Versus Desk${was ? ` (process ${was.pid})` : ''}.`, { holder: was ?? null });
    }
    await fs.unlink(moved).catch(() => undefined);
    tookOver = holder ?? { pid: 0, hostname: lock.hostname, startedAt: '' };
  }
  throw new ServiceError('LOCKED', 'This workspace is being opened by other processes at the same time. Try again in a moment.');
}

/** Creates the lock file with its whole text at once; false when the name is taken. */
async function createLock(fs: FsLayer, path: string, text: string): Promise<boolean> {
  if (fs.link) {
    const temp = tempNameFor(path);
    await writeNewFile(fs, temp, text);
    let linked: boolean | null;
    try {
      await fs.link(temp, path);
      linked = true;
    } catch (error) {
      const code = errnoCode(error);
      // EEXIST: the name is taken, unless a network file system answered a retried link that did
      // succeed (then the name is ours). ENOENT: our temp file was removed as a leftover by the
      // process that holds the workspace, so the name is taken too. Anything else: no hard links
      // on this drive (FAT, exFAT, some shares; Windows reports FAT's refusal as EISDIR).
      linked = code === 'EEXIST' ? await sameFile(temp, path, fs) : code === 'ENOENT' ? false : null;
    } finally {
      await fs.unlink(temp).catch(() => undefined);
    }
    if (linked === false) return false;
    if (linked) {
      await syncFolder(dirname(path), fs);
      return true;
    }
  }
  // No hard links: exclusive create, then the text (another process may read it empty meanwhile,
  // which is why an unreadable young lock is refused rather than taken over).
  try {
    await writeNewFile(fs, path, text);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  await syncFolder(dirname(path), fs);
  return true;
}

/** Renames the lock to a name of its own; null when it was gone (another process moved it first). */
async function moveAway(fs: FsLayer, path: string): Promise<string | null> {
  const to = tempNameFor(path, 'stale');
  try {
    await fs.rename(path, to);
    return to;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Puts a lock moved by mistake back under its name, unless a newer one is there already. */
async function restore(fs: FsLayer, moved: string, path: string): Promise<void> {
  const linked = fs.link
    ? await fs.link(moved, path).then(
        () => true,
        (error: unknown) => errnoCode(error) === 'EEXIST',
      )
    : false;
  if (!linked && !(await fs.stat(path).then(() => true, () => false))) await fs.rename(moved, path).catch(() => undefined);
  await fs.unlink(moved).catch(() => undefined);
}

function sameLock(a: LockInfo | null, b: LockInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;
}

/** Removes the lock file if it is still ours. */
export async function releaseLock(fs: FsLayer, path: string, lock: LockInfo): Promise<void> {
  const holder = await readLock(fs, path).catch(() => null);
  if (holder && holder.pid === lock.pid && holder.startedAt === lock.startedAt && holder.hostname === lock.hostname) {
    await fs.unlink(path);
  }
}

/** The lock's holder; null when the file cannot be read as a lock, undefined when there is none. */
async function readLock(fs: FsLayer, path: string): Promise<LockInfo | null | undefined> {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(await fs.readFile(path)));
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
