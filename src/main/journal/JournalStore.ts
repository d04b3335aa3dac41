import { basename, join } from 'node:path';
import { ServiceError } from '../../shared/api/errors';
import { idSchema } from '../../shared/model/ids';
import { JOURNAL_FORMAT, journalEntrySchema, type JournalDoc, type JournalEntry } from '../../shared/model/journal';
import { stableStringify, syncFolder, writeFileDurable } from '../store/durableWrite';
import { errnoCode, type FsLayer } from '../store/fsLayer';
import { ioError } from '../store/ioError';
import { secureJsonParse } from '../store/secureJsonParse';
import { zodIssuesInWords } from '../services/zodIssuesInWords';
import { PersonJournalStore } from './PersonJournalStore';

export interface JournalStoreOptions {
  fs: FsLayer;
  /** `.versus-desk/journal` */
  dir: string;
  now: () => Date;
  /** Moves an unreadable file to quarantine (with a notice), as the store does for records. */
  quarantine: (file: string, reason: string) => Promise<void>;
}

/**
 * Hot-exit journals: one file per article with unsaved edits, written durably (temp file, fsync,
 * rename, folder fsync) so edits typed within the autosave delay, or not saveable yet, survive a
 * crash of the page or the app. Writes, clears and reads of one journal run one at a time.
 */
export class JournalStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** The person form's journals (`person-<id>.json` in the same folder). */
  readonly people: PersonJournalStore;

  constructor(private readonly opts: JournalStoreOptions) {
    this.people = new PersonJournalStore(opts);
  }

  fileOf(id: string): string {
    // The id is a ULID (checked again here: a journal path can never leave its folder).
    if (!idSchema.safeParse(id).success) throw new ServiceError('INVALID_INPUT', 'Not a valid article id.', { id });
    return join(this.opts.dir, `${id}.json`);
  }

  /** Stores the article as the writer has it now; an older stamp than the stored one is ignored. */
  write(doc: JournalDoc, stamp: number): Promise<{ id: string; writtenAt: string; written: boolean }> {
    return this.serial(async () => {
      const file = this.fileOf(doc.id);
      const current = await this.readOne(doc.id);
      const writtenAt = this.opts.now().toISOString();
      if (current && current.stamp > stamp) return { id: doc.id, writtenAt: current.writtenAt, written: false };
      const entry: JournalEntry = { format: JOURNAL_FORMAT, id: doc.id, stamp, writtenAt, doc };
      const checked = journalEntrySchema.safeParse(entry);
      if (!checked.success) throw new ServiceError('INVALID_INPUT', `The journal was not written: ${zodIssuesInWords(checked.error.issues)}`);
      try {
        await this.opts.fs.mkdir(this.opts.dir);
        await writeFileDurable(file, stableStringify(checked.data), this.opts.fs);
      } catch (error) {
        throw ioError('Could not write the unsaved-edits journal', error);
      }
      return { id: doc.id, writtenAt, written: true };
    });
  }

  /** Removes the journal once a save covering it was acknowledged (only up to `stamp`: a newer one stays). */
  clear(id: string, stamp: number): Promise<{ cleared: boolean }> {
    return this.serial(async () => {
      const current = await this.readOne(id);
      if (!current || current.stamp > stamp) return { cleared: false };
      await this.remove(id);
      return { cleared: true };
    });
  }

  /** Removes an article's journal whatever its stamp (the article was deleted in the app). */
  discard(id: string): Promise<void> {
    return this.serial(() => this.remove(id));
  }

  /** Every readable journal (or the one of `id`), newest first; damaged ones go to quarantine. */
  list(id?: string): Promise<JournalEntry[]> {
    return this.serial(async () => {
      let ids: string[];
      if (id !== undefined) ids = [id];
      else {
        let names: string[];
        try {
          names = await this.opts.fs.readdir(this.opts.dir);
        } catch (error) {
          if (errnoCode(error) === 'ENOENT') return [];
          throw ioError('Could not list the unsaved-edits journals', error);
        }
        ids = names
          .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
          .map((n) => basename(n, '.json'))
          .filter((n) => idSchema.safeParse(n).success);
      }
      const entries: JournalEntry[] = [];
      for (const one of ids) {
        const entry = await this.readOne(one);
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => b.stamp - a.stamp || a.id.localeCompare(b.id));
    });
  }

  /** The journal of `id`, or null when there is none; a damaged one is quarantined and counts as none. */
  private async readOne(id: string): Promise<JournalEntry | null> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await this.opts.fs.readFile(file);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw ioError('Could not read the unsaved-edits journal', error);
    }
    let reason: string;
    try {
      const parsed = journalEntrySchema.safeParse(secureJsonParse(text));
      if (parsed.success && parsed.data.id === id) return parsed.data;
      reason = parsed.success ? `it names another article (${parsed.data.id})` : `it is not a valid journal: ${zodIssuesInWords(parsed.error.issues)}`;
    } catch (error) {
      reason = text.trim() === '' ? 'it is empty' : `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    await this.opts.quarantine(file, reason);
    return null;
  }

  private async remove(id: string): Promise<void> {
    try {
      await this.opts.fs.unlink(this.fileOf(id));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return;
      throw ioError('Could not remove the unsaved-edits journal', error);
    }
    await syncFolder(this.opts.dir, this.opts.fs).catch(() => undefined);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
