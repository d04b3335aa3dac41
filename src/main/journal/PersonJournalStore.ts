import { join } from 'node:path';
import { ServiceError } from '../../shared/api/errors';
import { PERSON_JOURNAL_FORMAT, personJournalEntrySchema, personJournalKeySchema, type PersonDraft, type PersonJournalEntry } from '../../shared/model/personJournal';
import { stableStringify, syncFolder, writeFileDurable } from '../store/durableWrite';
import { errnoCode } from '../store/fsLayer';
import { ioError } from '../store/ioError';
import { secureJsonParse } from '../store/secureJsonParse';
import { zodIssuesInWords } from '../services/zodIssuesInWords';
import type { JournalStoreOptions } from './JournalStore';

const PREFIX = 'person-';

/**
 * Hot-exit journals of the person form: `person-<id>.json` (or `person-new-person.json` for a
 * person not created yet) next to the article journals, written durably like them. The article
 * journal ignores these files (their names are not article ids). Operations run one at a time.
 */
export class PersonJournalStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: JournalStoreOptions) {}

  fileOf(key: string): string {
    // An id or `new-person` (checked again here: a journal path can never leave its folder).
    if (!personJournalKeySchema.safeParse(key).success) throw new ServiceError('INVALID_INPUT', 'Not a valid person id.', { key });
    return join(this.opts.dir, `${PREFIX}${key}.json`);
  }

  /** Stores the form as the user has it now; an older stamp than the stored one is ignored. */
  write(key: string, draft: PersonDraft, stamp: number): Promise<{ key: string; writtenAt: string; written: boolean }> {
    return this.serial(async () => {
      const file = this.fileOf(key);
      const current = await this.readOne(key);
      const writtenAt = this.opts.now().toISOString();
      if (current && current.stamp > stamp) return { key, writtenAt: current.writtenAt, written: false };
      const checked = personJournalEntrySchema.safeParse({ format: PERSON_JOURNAL_FORMAT, key, stamp, writtenAt, draft });
      if (!checked.success) throw new ServiceError('INVALID_INPUT', `The journal was not written: ${zodIssuesInWords(checked.error.issues)}`);
      try {
        await this.opts.fs.mkdir(this.opts.dir);
        await writeFileDurable(file, stableStringify(checked.data), this.opts.fs);
      } catch (error) {
        throw ioError('Could not write the unsaved-edits journal', error);
      }
      return { key, writtenAt, written: true };
    });
  }

  /** Removes the journal once its save is acknowledged or the edit cancelled (only up to `stamp`). */
  clear(key: string, stamp: number): Promise<{ cleared: boolean }> {
    return this.serial(async () => {
      const current = await this.readOne(key);
      if (!current || current.stamp > stamp) return { cleared: false };
      await this.remove(key);
      return { cleared: true };
    });
  }

  /** Removes a person's journal whatever its stamp (the person was deleted in the app). */
  discard(key: string): Promise<void> {
    return this.serial(() => this.remove(key));
  }

  /** Every readable person journal (or the one of `key`), newest first; damaged ones go to quarantine. */
  list(key?: string): Promise<PersonJournalEntry[]> {
    return this.serial(async () => {
      let keys: string[];
      if (key !== undefined) keys = [key];
      else {
        let names: string[];
        try {
          names = await this.opts.fs.readdir(this.opts.dir);
        } catch (error) {
          if (errnoCode(error) === 'ENOENT') return [];
          throw ioError('Could not list the unsaved-edits journals', error);
        }
        keys = names
          .filter((n) => n.startsWith(PREFIX) && n.endsWith('.json'))
          .map((n) => n.slice(PREFIX.length, -'.json'.length))
          .filter((k) => personJournalKeySchema.safeParse(k).success);
      }
      const entries: PersonJournalEntry[] = [];
      for (const one of keys) {
        const entry = await this.readOne(one);
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => b.stamp - a.stamp || a.key.localeCompare(b.key));
    });
  }

  /** The journal of `key`, or null when there is none; a damaged one is quarantined and counts as none. */
  private async readOne(key: string): Promise<PersonJournalEntry | null> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await this.opts.fs.readFile(file);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw ioError('Could not read the unsaved-edits journal', error);
    }
    let reason: string;
    try {
      const parsed = personJournalEntrySchema.safeParse(secureJsonParse(text));
      if (parsed.success && parsed.data.key === key) return parsed.data;
      reason = parsed.success ? `it names another person (${parsed.data.key})` : `it is not a valid journal: ${zodIssuesInWords(parsed.error.issues)}`;
    } catch (error) {
      reason = text.trim() === '' ? 'it is empty' : `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    await this.opts.quarantine(file, reason);
    return null;
  }

  private async remove(key: string): Promise<void> {
    try {
      await this.opts.fs.unlink(this.fileOf(key));
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
