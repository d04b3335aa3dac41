import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';
import { blockDocSchema } from './richText';

export const PERSON_JOURNAL_FORMAT = 1;

/** The key of the journal of a person not created yet (the "New person" form). */
export const NEW_PERSON_KEY = 'new-person';

/** A person's journal key: the person's id, or `new-person` for the form of a person not created yet. */
export const personJournalKeySchema = z.union([idSchema, z.literal(NEW_PERSON_KEY)]);

/**
 * The person form as the user left it, saved or not. Lenient where the form lets a field be
 * invalid for a while (an empty name); the bio is checked as strictly as in a record.
 * `baseRevision` is the stored revision the edits are based on (0 for a person not created yet).
 */
export const personDraftSchema = z.strictObject({
  baseRevision: z.number().int().min(0),
  name: z.string().max(200),
  credentials: z.string().max(500),
  bio: blockDocSchema,
});
export type PersonDraft = z.infer<typeof personDraftSchema>;

/**
 * The hot-exit journal of one person's form (`.versus-desk/journal/person-<key>.json`), written
 * shortly after the user pauses and removed once "Save person" is acknowledged or the edit is
 * cancelled. `stamp` grows with every write, so clearing up to a stamp never removes a newer one.
 */
export const personJournalEntrySchema = z.strictObject({
  format: z.literal(PERSON_JOURNAL_FORMAT),
  key: personJournalKeySchema,
  stamp: z.number().int().min(0),
  writtenAt: isoDateTimeSchema,
  draft: personDraftSchema,
});
export type PersonJournalEntry = z.infer<typeof personJournalEntrySchema>;
