import { PERSON_JOURNAL_FORMAT, personJournalEntrySchema, personJournalKeySchema, type PersonDraft, type PersonJournalEntry } from '../../shared/model/personJournal';
import { JournalFiles } from './JournalFiles';
import type { JournalStoreOptions } from './JournalStore';

/**
 * Hot-exit journals of the person form: `person-<id>.json` (or `person-new-person.json` for a
 * person not created yet) next to the article journals, written durably like them. The article
 * journal ignores these files (their names are not article ids). Operations run one at a time.
 */
export class PersonJournalStore {
  private readonly files: JournalFiles<PersonJournalEntry>;

  constructor(opts: JournalStoreOptions) {
    this.files = new JournalFiles(opts, {
      prefix: 'person-',
      isKey: (key) => personJournalKeySchema.safeParse(key).success,
      badKey: 'Not a valid person id.',
      schema: personJournalEntrySchema,
      keyOf: (entry) => entry.key,
      noun: 'person',
    });
  }

  fileOf(key: string): string {
    return this.files.fileOf(key);
  }

  /** Stores the form as the user has it now; an older stamp than the stored one is ignored. */
  async write(key: string, draft: PersonDraft, stamp: number): Promise<{ key: string; writtenAt: string; written: boolean }> {
    const result = await this.files.write(key, stamp, (writtenAt) => ({ format: PERSON_JOURNAL_FORMAT, key, stamp, writtenAt, draft }));
    return { key, ...result };
  }

  /** Removes the journal once its save is acknowledged or the edit cancelled (only up to `stamp`). */
  clear(key: string, stamp: number): Promise<{ cleared: boolean }> {
    return this.files.clear(key, stamp);
  }

  /** Removes a person's journal whatever its stamp (the person was deleted in the app). */
  discard(key: string): Promise<void> {
    return this.files.discard(key);
  }

  /** Every readable person journal (or the one of `key`), newest first; damaged ones go to quarantine. */
  list(key?: string): Promise<PersonJournalEntry[]> {
    return this.files.list(key);
  }
}
