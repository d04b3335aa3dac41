import { join } from 'node:path';
import type { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { stableStringify, syncFolder, writeFileDurable } from '../store/durableWrite';
import { errnoCode } from '../store/fsLayer';
import { ioError } from '../store/ioError';
import { secureJsonParse } from '../store/secureJsonParse';
import { zodIssuesInWords } from '../services/zodIssuesInWords';
import type { JournalStoreOptions } from './JournalStore';

/** What every journal entry has: a growing stamp (newer edits win) and when it was written. */
export interface StampedEntry {
  stamp: number;
  writtenAt: string;
}

export interface JournalKind<E extends StampedEntry> {
  /** File name prefix in the journal folder (`''` for articles, `person-` for people). */
  prefix: string;
  /** Keys are checked before any path is built: a journal path can never leave its folder. */
  isKey: (key: string) => boolean;
  /** The refusal for a bad key, e.g. "Not a valid article id." */
  badKey: string;
  schema: z.ZodType<E>;
  keyOf: (entry: E) => string;
  /** "article" or "person", for a file that names another record. */
  noun: string;
}

/**
 * One kind of hot-exit journal: `<prefix><key>.json` files written durably (temp file, fsync,
 * rename, folder fsync), cleared only up to the stamp a save covered, read through the schema,
 * a damaged one quarantined. Operations run one at a time.
 */
/** How far ahead of main's clock a stamp (the renderer's Date.now(), same machine) may be and still count. */
const FUTURE_SLACK_MS = 60_000;

export class JournalFiles<E extends StampedEntry> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly opts: JournalStoreOptions,
    private readonly kind: JournalKind<E>,
  ) {}

  fileOf(key: string): string {
    if (!this.kind.isKey(key)) throw new ServiceError('INVALID_INPUT', this.kind.badKey, { key });
    return join(this.opts.dir, `${this.kind.prefix}${key}.json`);
  }

  /**
   * Stores `build(writtenAt)` under `key`; an older stamp than the stored one is ignored, unless
   * the stored one lies in the future (see isAhead): then the new edits replace it.
   */
  write(key: string, stamp: number, build: (writtenAt: string) => E): Promise<{ writtenAt: string; written: boolean }> {
    return this.serial(async () => {
      const file = this.fileOf(key);
      const current = await this.readOne(key);
      if (current && current.stamp > stamp && !this.isAhead(current)) return { writtenAt: current.writtenAt, written: false };
      const writtenAt = this.opts.now().toISOString();
      const checked = this.kind.schema.safeParse(build(writtenAt));
      if (!checked.success) throw new ServiceError('INVALID_INPUT', `The journal was not written: ${zodIssuesInWords(checked.error.issues)}`);
      try {
        await this.opts.fs.mkdir(this.opts.dir);
        await writeFileDurable(file, stableStringify(checked.data), this.opts.fs);
      } catch (error) {
        throw ioError('Could not write the unsaved-edits journal', error);
      }
      return { writtenAt, written: true };
    });
  }

  /** Removes the journal once a save covering it was acknowledged (only up to `stamp`: a newer one stays). */
  clear(key: string, stamp: number): Promise<{ cleared: boolean }> {
    return this.serial(async () => {
      const current = await this.readOne(key);
      if (!current || current.stamp > stamp) return { cleared: false };
      await this.remove(key);
      return { cleared: true };
    });
  }

  /**
   * A stamp further ahead of the clock than any write now could be: the clock was set back since
   * it was written (or the file came from another computer). Such a journal must not stand above
   * every edit made until the clock catches up (those would not be journaled at all).
   */
  private isAhead(entry: E): boolean {
    return entry.stamp > this.opts.now().getTime() + FUTURE_SLACK_MS;
  }

  /** Removes a journal whatever its stamp (its record was deleted in the app). */
  discard(key: string): Promise<void> {
    return this.serial(() => this.remove(key));
  }

  /** Every readable journal of this kind (or the one of `key`), newest first; damaged ones go to quarantine. */
  list(key?: string): Promise<E[]> {
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
          .filter((n) => !n.startsWith('.') && n.startsWith(this.kind.prefix) && n.endsWith('.json'))
          .map((n) => n.slice(this.kind.prefix.length, -'.json'.length))
          .filter((k) => this.kind.isKey(k));
      }
      const entries: E[] = [];
      for (const one of keys) {
        const entry = await this.readOne(one);
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => b.stamp - a.stamp || this.kind.keyOf(a).localeCompare(this.kind.keyOf(b)));
    });
  }

  /** The journal of `key`, or null when there is none; a damaged one is quarantined and counts as none. */
  private async readOne(key: string): Promise<E | null> {
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
      const parsed = this.kind.schema.safeParse(secureJsonParse(text));
      if (parsed.success && this.kind.keyOf(parsed.data) === key) return parsed.data;
      reason = parsed.success
        ? `it names another ${this.kind.noun} (${this.kind.keyOf(parsed.data)})`
        : `it is not a valid journal: ${zodIssuesInWords(parsed.error.issues)}`;
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
