import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { zodIssuesAsData, zodIssuesInWords } from '../services/zodIssuesInWords';
import { stableStringify, syncFolder } from './durableWrite';
import type { FileHandleLike, FsLayer } from './fsLayer';
import { findForbiddenKey } from './secureJsonParse';

/** Files written (and fsynced) at a time: the file system commits concurrent fsyncs together. */
export const BATCH_WRITE_CONCURRENCY = 64;

/**
 * writeFileDurable for many files at once (an import): every file goes to a unique temp file
 * beside its target, written and fsynced `BATCH_WRITE_CONCURRENCY` at a time; then all are
 * renamed into place and each folder involved is fsynced once. The same guarantee per file as
 * writeFileDurable — once this resolves every file survives a crash, until then each target
 * holds its old content or the new one whole — at a fraction of the cost, since concurrent
 * fsyncs share the journal commit and the folder is synced once instead of once per file.
 *
 * On failure the temp files not yet renamed are removed and the error is rethrown; targets
 * already renamed keep their new content (the caller, which saved the old content, puts it
 * back: see applyImport's rollback).
 */
export async function writeFilesDurable(files: ReadonlyArray<{ path: string; data: string }>, fs: FsLayer): Promise<void> {
  const temps = files.map(({ path }) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`));
  const renamed = new Set<number>();
  try {
    for (let start = 0; start < files.length; start += BATCH_WRITE_CONCURRENCY) {
      const slice = files.slice(start, start + BATCH_WRITE_CONCURRENCY);
      const results = await Promise.allSettled(slice.map((file, k) => writeSynced(temps[start + k] as string, file.data, fs)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    for (let start = 0; start < files.length; start += BATCH_WRITE_CONCURRENCY) {
      const slice = files.slice(start, start + BATCH_WRITE_CONCURRENCY);
      const results = await Promise.allSettled(
        slice.map(async (file, k) => {
          await fs.rename(temps[start + k] as string, file.path);
          renamed.add(start + k);
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    await Promise.all([...new Set(files.map((f) => dirname(f.path)))].map((folder) => syncFolder(folder, fs)));
  } catch (error) {
    await Promise.all(temps.map((temp, i) => (renamed.has(i) ? undefined : fs.unlink(temp).catch(() => undefined))));
    throw error;
  }
}

async function writeSynced(path: string, data: string, fs: FsLayer): Promise<void> {
  let handle: FileHandleLike | null = await fs.open(path, 'wx');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    const closing = handle;
    handle = null;
    await closing.close();
  } finally {
    if (handle) await handle.close().catch(() => undefined);
  }
}

/**
 * A record checked for writing as DurableAdapter.write checks it (schema, no forbidden key),
 * with its file text; a failure is INVALID_INPUT in the words writeRecord uses.
 */
export function checkedRecord<T>(schema: z.ZodType<T>, data: T, label: string): { data: T; text: string } {
  const checked = schema.safeParse(data);
  if (!checked.success) {
    throw new ServiceError('INVALID_INPUT', `Could not save “${label}”: ${zodIssuesInWords(checked.error.issues)}`, { issues: zodIssuesAsData(checked.error.issues) });
  }
  const forbidden = findForbiddenKey(checked.data);
  if (forbidden) throw new ServiceError('INVALID_INPUT', `Could not save “${label}”: it contains the forbidden key "${forbidden}"`, { issues: [] });
  return { data: checked.data, text: stableStringify(checked.data) };
}
