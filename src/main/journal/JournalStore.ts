import { idSchema } from '../../shared/model/ids';
import { JOURNAL_FORMAT, journalEntrySchema, type JournalDoc, type JournalEntry } from '../../shared/model/journal';
import type { FsLayer } from '../store/fsLayer';
import { JournalFiles } from './JournalFiles';
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
  private readonly files: JournalFiles<JournalEntry>;
  /** The person form's journals (`person-<id>.json` in the same folder). */
  readonly people: PersonJournalStore;

  constructor(opts: JournalStoreOptions) {
    this.files = new JournalFiles(opts, {
      prefix: '',
      isKey: (key) => idSchema.safeParse(key).success,
      badKey: 'Not a valid article id.',
      schema: journalEntrySchema,
      keyOf: (entry) => entry.id,
      noun: 'article',
    });
    this.people = new PersonJournalStore(opts);
  }

  fileOf(id: string): string {
    return this.files.fileOf(id);
  }

  /** Stores the article as the writer has it now; an older stamp than the stored one is ignored. */
  async write(doc: JournalDoc, stamp: number): Promise<{ id: string; writtenAt: string; written: boolean }> {
    const result = await this.files.write(doc.id, stamp, (writtenAt) => ({ format: JOURNAL_FORMAT, id: doc.id, stamp, writtenAt, doc }));
    return { id: doc.id, ...result };
  }

  /** Removes the journal once a save covering it was acknowledged (only up to `stamp`: a newer one stays). */
  clear(id: string, stamp: number): Promise<{ cleared: boolean }> {
    return this.files.clear(id, stamp);
  }

  /** Removes an article's journal whatever its stamp (the article was deleted in the app). */
  discard(id: string): Promise<void> {
    return this.files.discard(id);
  }

  /** Every readable journal (or the one of `id`), newest first; damaged ones go to quarantine. */
  list(id?: string): Promise<JournalEntry[]> {
    return this.files.list(id);
  }
}
