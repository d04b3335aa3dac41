import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { zodIssuesAsData, zodIssuesInWords } from '../services/zodIssuesInWords';
import { stableStringify, syncFolder } from './durableWrite';
import { errnoCode, type FileHandleLike, type FsLayer } from './fsLayer';
import { findForbiddenKey } from './secureJsonParse';

/** Files written (and fsynced) at a time: the file system commits concurrent fsyncs together. */
export const BATCH_WRITE_CONCURRENCY = 64;

/** One file for writeFilesDurable. */
export interface DurableFile {
  path: string;
  data: string;
  /**
   * The file is new: it was not there when the caller looked. It is put in place with a hard
   * link, which fails when the name is taken, so a file another program created meanwhile is not
   * replaced: it fails the batch with CONFLICT and is left as it is. Where a link cannot be made
   * (FAT and exFAT have no hard links; some network shares refuse them), the name is checked just
   * before a rename instead: a much narrower window, not none.
   */
  create?: boolean;
  /**
   * The text the file held when the caller read it (to put back on a rollback): the file is
   * replaced only while it still holds exactly that, checked just before the rename (a narrow
   * window, as a save's check is). A file another program changed meanwhile fails the batch with
   * CONFLICT and is left as it is.
   */
  holds?: string;
}

/**
 * writeFileDurable for many files at once (an import): every file goes to a unique temp file
 * beside its target, written and fsynced `BATCH_WRITE_CONCURRENCY` at a time (pooled); then all are
 * put in place (renamed; a new file linked: DurableFile.create) and each folder involved is fsynced once. The same guarantee per file as
 * writeFileDurable — once this resolves every file survives a crash, until then each target
 * holds its old content or the new one whole — at a fraction of the cost, since concurrent
 * fsyncs share the journal commit and the folder is synced once instead of once per file.
 *
 * On failure the temp files not yet renamed are removed and the error is rethrown; targets
 * already renamed keep their new content (the caller, which saved the old content, puts it
 * back: see applyImport's rollback).
 */
export async function writeFilesDurable(files: readonly DurableFile[], fs: FsLayer): Promise<void> {
  const temps = files.map(({ path }) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`));
  const renamed = new Set<number>();
  const links = { usable: fs.link !== undefined };
  try {
    await pooled(files.length, BATCH_WRITE_CONCURRENCY, (i) => writeSynced(temps[i] as string, (files[i] as { data: string }).data, fs));
    await pooled(files.length, BATCH_WRITE_CONCURRENCY, async (i) => {
      const file = files[i] as DurableFile;
      if (file.create) await placeNew(temps[i] as string, file.path, fs, links);
      else {
        if (file.holds !== undefined) await checkHolds(file.path, file.holds, fs);
        await fs.rename(temps[i] as string, file.path);
      }
      renamed.add(i);
    });
    await Promise.all([...new Set(files.map((f) => dirname(f.path)))].map((folder) => syncFolder(folder, fs)));
  } catch (error) {
    await Promise.all(temps.map((temp, i) => (renamed.has(i) ? undefined : fs.unlink(temp).catch(() => undefined))));
    throw error;
  }
}

/** Puts a new file in place from its temp file, never over a file that appeared at `path` (see DurableFile.create). */
async function placeNew(temp: string, path: string, fs: FsLayer, links: { usable: boolean }): Promise<void> {
  if (fs.link && links.usable) {
    try {
      await fs.link(temp, path);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') {
        // No hard links here (Windows reports FAT's refusal as EISDIR), or none allowed: for the
        // rest of the batch, check the name, then rename. A failing disk fails the rename too.
        links.usable = false;
        return placeNew(temp, path, fs, links);
      }
      // A network file system may answer a retried link that did succeed with EEXIST: then the name is ours.
      if (!(await sameFile(temp, path, fs))) throw appeared(path);
    }
    // Its temp name goes (a crash before that leaves a temp file, removed on the next open).
    await fs.unlink(temp).catch(() => undefined);
    return;
  }
  const taken = await fs.stat(path).then(
    () => true,
    (error: unknown) => (errnoCode(error) === 'ENOENT' ? false : Promise.reject(error)),
  );
  if (taken) throw appeared(path);
  await fs.rename(temp, path);
}

/** True when both names are links to one file (the same inode, where the file system gives one). */
export async function sameFile(a: string, b: string, fs: FsLayer): Promise<boolean> {
  const [x, y] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  return x?.ino !== undefined && x.ino !== 0 && x.ino === y?.ino;
}

function appeared(path: string): ServiceError {
  return new ServiceError('CONFLICT', `another program created ${basename(dirname(path))}/${basename(path)} meanwhile; it was left as it is`, { path });
}

/** Refuses (CONFLICT) to replace a file that no longer holds `text`; a read that fails otherwise is a failing disk (rethrown). */
async function checkHolds(path: string, text: string, fs: FsLayer): Promise<void> {
  const now = await fs.readFile(path).catch((error: unknown) => (errnoCode(error) === 'ENOENT' ? null : Promise.reject(error)));
  if (now === text) return;
  const what = now === null ? 'removed' : 'changed';
  throw new ServiceError('CONFLICT', `another program ${what} ${basename(dirname(path))}/${basename(path)} meanwhile; it was left as it is`, { path });
}

/**
 * Runs `task(0 … count-1)` with at most `limit` running at once, each slot taking the next index
 * as soon as its task ends (no waiting for the slowest of a wave). After a failure no new task
 * starts; the running ones settle, then the first error is thrown.
 */
export async function pooled(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const slot = async (): Promise<void> => {
    while (failure === null && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, slot));
  if (failure) throw (failure as { error: unknown }).error;
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

/** A record checked for writing, with the file text serialized from exactly the checked value. */
export interface CheckedRecord<T> {
  readonly data: T;
  readonly text: string;
}

/** Values that passed a schema and were sealed right after (see sealChecked), by the schema they passed. */
const sealed = new WeakMap<object, z.ZodType<unknown>>();
/** The CheckedRecords checkedRecord made (insertMany writes only these without checking again). */
const issued = new WeakSet<object>();

/**
 * Marks `data`, the output of a successful `schema` parse, as checked for writing: refuses a
 * forbidden key (INVALID_INPUT), then deep-freezes it so it stays what was checked. Checking it
 * again for the same schema (checkForWrite, checkedRecord) then costs nothing: an import checks
 * each record once, when the bundle is read. Returns `data`.
 */
export function sealChecked<T>(schema: z.ZodType<T>, data: T, failure: (reason: string) => string = (reason) => `The record is not valid: ${reason}`): T {
  if (data === null || typeof data !== 'object') return data;
  const forbidden = findForbiddenKey(data);
  if (forbidden) throw new ServiceError('INVALID_INPUT', failure(`it contains the forbidden key "${forbidden}"`), { issues: [] });
  deepFreeze(data);
  sealed.set(data, schema as z.ZodType<unknown>);
  return data;
}

function deepFreeze(value: object): void {
  const stack: object[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const current = stack.pop() as object;
    if (seen.has(current)) continue;
    seen.add(current);
    Object.freeze(current);
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push(child);
  }
}

/**
 * A record checked for writing as DurableAdapter.write checks it (schema, no forbidden key),
 * sealed (see sealChecked); a failure is INVALID_INPUT in the words `failure` gives (by default
 * writeRecord's). A value already sealed for this schema is returned as it is.
 */
export function checkForWrite<T>(
  schema: z.ZodType<T>,
  data: T,
  label: string,
  failure: (reason: string) => string = (reason) => `Could not save “${label}”: ${reason}`,
): T {
  if (isSealed(schema, data)) return data;
  const checked = schema.safeParse(data);
  if (!checked.success) throw new ServiceError('INVALID_INPUT', failure(zodIssuesInWords(checked.error.issues)), { issues: zodIssuesAsData(checked.error.issues) });
  return sealChecked(schema, checked.data, failure);
}

/** checkForWrite, with the file text serialized from exactly the checked (and frozen) value. */
export function checkedRecord<T>(schema: z.ZodType<T>, data: T, label: string, failure?: (reason: string) => string): CheckedRecord<T> {
  const value = checkForWrite(schema, data, label, failure);
  const out: CheckedRecord<T> = Object.freeze({ data: value, text: stableStringify(value) });
  issued.add(out);
  return out;
}

function isSealed<T>(schema: z.ZodType<T>, data: T): boolean {
  return data !== null && typeof data === 'object' && sealed.get(data) === schema;
}

/** True for a CheckedRecord made by checkedRecord (not a look-alike built elsewhere). */
export function isCheckedRecord(value: unknown): value is CheckedRecord<unknown> {
  return value !== null && typeof value === 'object' && issued.has(value);
}
