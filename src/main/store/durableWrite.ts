import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { nodeFs, type FileHandleLike, type FsLayer } from './fsLayer';

/**
 * Writes `data` to `path` so that once the promise resolves the new content survives a crash
 * or power loss, and until then the old content stays whole:
 * unique temp file in the same folder -> write -> fsync -> close -> rename over the target ->
 * fsync the folder (so the rename itself is on disk). A unique temp name (unlike steno's fixed
 * one) means two writers never share a temp file. On failure the temp file is removed and the
 * error rethrown; before the rename the target is untouched.
 */
export async function writeFileDurable(path: string, data: string, fs: FsLayer = nodeFs): Promise<void> {
  const folder = dirname(path);
  const temp = tempNameFor(path);
  let handle: FileHandleLike | null = null;
  let renamed = false;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    const closing = handle;
    handle = null;
    await closing.close();
    await fs.rename(temp, path);
    renamed = true;
    await syncFolder(folder, fs);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A unique dot name ending in .tmp beside `path` (`kind` before the suffix): one a crash leaves is removed on the next open. */
export function tempNameFor(path: string, kind = ''): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${kind ? `.${kind}` : ''}.tmp`);
}

/**
 * Creates a file that must not exist yet (EEXIST when it does) and makes its bytes durable: the
 * caller syncs the folder. Not atomic: until it resolves, the file may be seen empty or short.
 */
export async function writeNewFile(fs: FsLayer, path: string, data: string): Promise<void> {
  const handle = await fs.open(path, 'wx');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes a folder's entries (a rename, a new or removed file) durable. Windows cannot open a
 * folder as a file, and NTFS journals renames itself, so there is nothing to do there.
 */
export async function syncFolder(folder: string, fs: FsLayer = nodeFs): Promise<void> {
  if (process.platform === 'win32') return;
  const dir = await fs.open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** True for the temp files writeFileDurable (and steno) leave behind after a crash. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

export { stableStringify } from '../../shared/util/stableStringify';
