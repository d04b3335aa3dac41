import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { errnoCode, type FsLayer } from '../../store/fsLayer';
import { syncFolder, writeFileDurable } from '../../store/durableWrite';
import { quarantineFile } from '../../store/quarantine';
import type { WorkspaceLayout } from '../../store/workspaceLayout';

/**
 * What an import is about to write, on disk before it writes it, so that an import cut short by
 * a crash, a kill or a power cut is taken back the next time the workspace opens (an import is
 * all or nothing: taken back in the same process when it fails, and by this log when the process
 * died first, or died while taking it back).
 *
 * `.versus-desk/import-undo/<n>.json`, one file per group of records written together (the
 * people, then each batch of articles), each written durably before the group's records. The
 * folder is removed once the import is in place, or once it has been taken back.
 */

/** One record the import writes: what its file held before, and what the import puts there. */
export interface UndoEntry {
  kind: 'comparison' | 'person';
  id: string;
  /** The file's text before the import; null when the import creates the file. */
  original: string | null;
  /** The file as the import writes it: the sha256 of its text and the record's revision. */
  written: { sha256: string; revision: number };
}

/** What identifies the text an import writes (see UndoEntry.written). */
export function writtenDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const FORMAT = 1;

export function undoDirOf(layout: WorkspaceLayout): string {
  return join(layout.derivedDir, 'import-undo');
}

/** The log of one import being written. */
export class ImportUndoLog {
  private next = 0;

  private constructor(
    private readonly fs: FsLayer,
    private readonly dir: string,
  ) {}

  /**
   * Starts a log. None may be left (the caller takes back a log an earlier import left first):
   * one left here is refused, so it is never overwritten nor removed with this import's.
   */
  static async begin(fs: FsLayer, layout: WorkspaceLayout): Promise<ImportUndoLog> {
    const dir = undoDirOf(layout);
    await fs.mkdir(dir);
    const left = await fs.readdir(dir);
    if (left.length > 0) throw new Error(`an earlier import's log is still in ${dir}`);
    return new ImportUndoLog(fs, dir);
  }

  /** Records a group of writes, durably, before they are made. */
  async add(entries: UndoEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const name = `${String(this.next++).padStart(6, '0')}.json`;
    await writeFileDurable(join(this.dir, name), `${JSON.stringify({ format: FORMAT, entries })}\n`, this.fs);
  }

  /**
   * The import is in place: marked so, durably (from then on a recovery only removes the log),
   * then the log goes. A failure to mark it fails the import (which is then taken back); a
   * failure to remove the marked log only leaves it for the next open to remove.
   */
  async commit(): Promise<void> {
    await writeFileDurable(join(this.dir, COMMITTED), '', this.fs);
    await removeLog(this.fs, this.dir).catch((error: unknown) => console.warn('Versus Desk: could not remove the log of an import done', error));
  }

  /** The import was taken back whole, in this process: the log goes. */
  async end(): Promise<void> {
    await removeLog(this.fs, this.dir);
  }
}

/** In the log's folder once the import is in place. */
const COMMITTED = 'committed';

async function removeLog(fs: FsLayer, dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return [] as string[];
    throw error;
  });
  // The groups in reverse, so a crash in between leaves the earlier ones (whose records a
  // recovery would still take back), never a gap; the commit mark last, so a log left half
  // removed is still known to be done.
  const groups = names.filter((n) => n !== COMMITTED).sort().reverse();
  for (const name of [...groups, ...names.filter((n) => n === COMMITTED)]) await fs.unlink(join(dir, name));
  await fs.rm(dir).catch((error: unknown) => {
    if (errnoCode(error) !== 'ENOENT') throw error;
  });
  await syncFolder(join(dir, '..'), fs);
}

function readEntries(text: string): UndoEntry[] | null {
  try {
    const value = JSON.parse(text) as { format?: unknown; entries?: unknown };
    if (value.format !== FORMAT || !Array.isArray(value.entries)) return null;
    const ok = (e: UndoEntry) =>
      (e.kind === 'comparison' || e.kind === 'person') &&
      typeof e.id === 'string' &&
      /^[0-9A-Za-z]{1,64}$/.test(e.id) &&
      (e.original === null || typeof e.original === 'string') &&
      typeof e.written?.sha256 === 'string' &&
      typeof e.written?.revision === 'number';
    const entries = value.entries as UndoEntry[];
    return entries.every(ok) ? entries : null;
  } catch {
    return null;
  }
}

export interface RecoveredImport {
  /** Records put back as they were before the import (files restored, or removed when it created them). */
  restored: number;
  /** Records changed since the import wrote them (by another program, or by the user after a failed rollback): left as they are. */
  leftAlone: number;
  /**
   * Groups of the log that could not be understood (each is written whole, temp file then rename,
   * so only damage does this): moved to quarantine, and their records may still hold what the
   * import wrote.
   */
  unreadable: number;
  /** People the import added that were kept: an article names them now (only known with `RecoveryHooks.personNamed`). */
  keptNamed: number;
}

/** What the app holding the workspace adds to a recovery run while it is open (applyImport's takeBackLeftover). */
export interface RecoveryHooks {
  /** Called once each record's file is settled (put back, removed or left), so the app's memory follows it as it goes. */
  settled?(kind: 'comparison' | 'person', id: string): Promise<void>;
  /** True while an article names this person (asked after every article is settled): a person the import added is then kept. */
  personNamed?(id: string): boolean;
}

/** The outcome in words, as the notice and the import's message give it. */
export function recoveredInWords(r: RecoveredImport): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const out = [`${count(r.restored, 'record', 'records')} put back as ${r.restored === 1 ? 'it was' : 'they were'} before it.`];
  if (r.leftAlone > 0) out.push(`${count(r.leftAlone, 'record', 'records')} changed since the import ${r.leftAlone === 1 ? 'was' : 'were'} left as ${r.leftAlone === 1 ? 'it is' : 'they are'}.`);
  if (r.keptNamed > 0) out.push(`${count(r.keptNamed, 'person', 'people')} it added ${r.keptNamed === 1 ? 'was' : 'were'} kept: articles name them now.`);
  if (r.unreadable > 0) {
    out.push(
      `${count(r.unreadable, 'part', 'parts')} of its undo log could not be read (moved to .versus-desk/quarantine/): the articles or people ${r.unreadable === 1 ? 'it names' : 'they name'} may still hold what the import wrote.`,
    );
  }
  return out.join(' ');
}

/**
 * Takes back an import a dead process left half written (see the top of this file), before the
 * workspace is listed. Each record is put back only while its file holds what the import wrote
 * (the same text, by its sha256; a file another program changed since is left), and the import's
 * snapshot of its revision goes too: a snapshot of a revision the record does not hold would be
 * taken for the local copy by history and by the next import's lineage. Null when there was
 * nothing to take back. Safe to run again if it is itself cut short. A group of the log that
 * cannot be read (an I/O error) fails it and leaves the log for the next try.
 */
export async function recoverInterruptedImport(fs: FsLayer, layout: WorkspaceLayout, at: Date = new Date(), hooks: RecoveryHooks = {}): Promise<RecoveredImport | null> {
  const dir = undoDirOf(layout);
  const names = await fs.readdir(dir).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  });
  if (names === null) return null;
  if (names.includes(COMMITTED)) {
    // The import was in place; only its log was left.
    await removeLog(fs, dir);
    return null;
  }
  const out: RecoveredImport = { restored: 0, leftAlone: 0, unreadable: 0, keptNamed: 0 };
  const groups: UndoEntry[][] = [];
  for (const name of names.filter((n) => /^\d+\.json$/.test(n)).sort()) {
    const file = join(dir, name);
    const entries = readEntries(await fs.readFile(file));
    if (entries) groups.push(entries);
    else {
      // Damaged: kept for whoever can make sense of it, and said.
      await quarantineFile(fs, layout, file, 'a damaged part of an import\'s undo log', at);
      out.unreadable++;
    }
  }
  // Newest first, articles before the people they name.
  for (const entries of groups.reverse()) {
    for (const entry of [...entries].reverse()) {
      const file = entry.kind === 'comparison' ? layout.comparisonFile(entry.id) : layout.personFile(entry.id);
      const now = await fs.readFile(file).catch((error: unknown) => {
        if (errnoCode(error) === 'ENOENT') return null;
        throw error;
      });
      const holdsWritten = now !== null && writtenDigest(now) === entry.written.sha256;
      if (holdsWritten && entry.kind === 'person' && entry.original === null && hooks.personNamed?.(entry.id)) {
        // Added by the import, and named by an article since (the app went on after a failed
        // rollback): removing it would leave that byline naming nobody.
        out.keptNamed++;
      } else if (holdsWritten) {
        if (entry.original === null) {
          await fs.unlink(file);
          await syncFolder(join(file, '..'), fs);
        } else {
          await writeFileDurable(file, entry.original, fs);
        }
        out.restored++;
      } else if (now !== entry.original) {
        // Neither what the import wrote nor what was there before (or the write never happened and
        // the file is gone since): another program's, left as it is.
        if (now !== null || entry.original !== null) out.leftAlone++;
      }
      // The import's snapshot of the revision it wrote, unless the record holds that revision now
      // or a later one saved on top of it (then the snapshot is that record's history).
      const current = await fs.readFile(file).then(revisionOf, () => null);
      if (current === null || current < entry.written.revision || (current === entry.written.revision && !holdsWritten)) {
        await removeImportSnapshot(fs, layout, entry.id, entry.written.revision);
      }
      await hooks.settled?.(entry.kind, entry.id);
    }
  }
  await removeLog(fs, dir);
  return out;
}

function revisionOf(text: string): number | null {
  try {
    const revision = (JSON.parse(text) as { revision?: unknown }).revision;
    return typeof revision === 'number' ? revision : null;
  } catch {
    return null;
  }
}

/** `history/<id>/<revision>.json` when an import wrote it (its reason), and its folder when that is left empty. */
async function removeImportSnapshot(fs: FsLayer, layout: WorkspaceLayout, id: string, revision: number): Promise<void> {
  const folder = join(layout.historyDir, id);
  const file = join(folder, `${revision}.json`);
  const text = await fs.readFile(file).catch(() => null);
  if (text === null) return;
  let reason: unknown;
  try {
    reason = (JSON.parse(text) as { reason?: unknown }).reason;
  } catch {
    return;
  }
  if (reason !== 'import') return;
  await fs.unlink(file);
  const left = await fs.readdir(folder).catch(() => ['?']);
  if (left.length === 0) await fs.rm(folder).catch(() => undefined);
  await syncFolder(folder, fs).catch(() => syncFolder(layout.historyDir, fs));
}
