import { hostname } from 'node:os';
import { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { errnoCode, type FsLayer } from './fsLayer';
import { syncFolder } from './durableWrite';
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

/**
 * One writer process per workspace: the lock file is created exclusively (`wx`). A lock left
 * by a process that no longer runs on this host is taken over; a live one is refused.
 */
export async function acquireLock(fs: FsLayer, path: string, pid: number, now: Date): Promise<LockResult> {
  const lock: LockInfo = { pid, hostname: hostname(), startedAt: now.toISOString() };
  let tookOver: LockInfo | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(path, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(lock)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await syncFolder(dirname(path), fs);
      return { lock, tookOver };
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = await readLock(fs, path);
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
    // The holder died without releasing (or left an unreadable lock): take it over.
    tookOver = holder ?? { pid: 0, hostname: lock.hostname, startedAt: '' };
    await fs.unlink(path).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw error;
    });
  }
  throw new Error('unreachable');
}

/** Removes the lock file if it is still ours. */
export async function releaseLock(fs: FsLayer, path: string, lock: LockInfo): Promise<void> {
  const holder = await readLock(fs, path).catch(() => null);
  if (holder && holder.pid === lock.pid && holder.startedAt === lock.startedAt && holder.hostname === lock.hostname) {
    await fs.unlink(path);
  }
}

async function readLock(fs: FsLayer, path: string): Promise<LockInfo | null> {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(await fs.readFile(path)));
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
}
