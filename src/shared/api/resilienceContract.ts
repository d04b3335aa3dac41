import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../model/ids';
import { journalDocSchema, journalEntrySchema } from '../model/journal';
import { personDraftSchema, personJournalEntrySchema, personJournalKeySchema } from '../model/personJournal';

/** Schemas of the hot-exit journal channels (wired into `contract` in contract.ts). */
export const journalContract = {
  /** Stores the open article's unsaved edits (durably) so they survive a crash; `stamp` grows per write. */
  'journal.write': {
    input: z.strictObject({ doc: journalDocSchema, stamp: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    output: z.strictObject({ id: idSchema, writtenAt: isoDateTimeSchema, written: z.boolean() }),
  },
  /** Removes the journal once the save covering it is acknowledged: only if its stamp is not newer than `stamp`. */
  'journal.clear': {
    input: z.strictObject({ id: idSchema, stamp: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    output: z.strictObject({ cleared: z.boolean() }),
  },
  /** The journals left by an earlier session (all, or the one of `id`), newest first. */
  'journal.list': {
    input: z.strictObject({ id: idSchema.optional() }),
    output: z.array(journalEntrySchema),
  },
  /** Stores the person form's unsaved edits (key: the person's id, or `new-person`); `stamp` grows per write. */
  'journal.writePerson': {
    input: z.strictObject({ key: personJournalKeySchema, draft: personDraftSchema, stamp: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    output: z.strictObject({ key: personJournalKeySchema, writtenAt: isoDateTimeSchema, written: z.boolean() }),
  },
  /** Removes a person form's journal (saved or cancelled): only if its stamp is not newer than `stamp`. */
  'journal.clearPerson': {
    input: z.strictObject({ key: personJournalKeySchema, stamp: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    output: z.strictObject({ cleared: z.boolean() }),
  },
  /** The person-form journals left by an earlier session (all, or the one of `key`), newest first. */
  'journal.listPeople': {
    input: z.strictObject({ key: personJournalKeySchema.optional() }),
    output: z.array(personJournalEntrySchema),
  },
} as const;

/** One record another program added, changed or deleted in the workspace folder. */
export const outsideChangeSchema = z.strictObject({
  kind: z.enum(['comparison', 'person']),
  id: idSchema,
  change: z.enum(['added', 'changed', 'removed']),
  /** The title (or person's name) as last known, for notices. */
  label: z.string(),
  /** The stored revision now (null when removed). */
  revision: z.number().int().nullable(),
});
export type OutsideChange = z.infer<typeof outsideChangeSchema>;

/** Payload of the `workspace.outsideChange` event: changes noticed together. */
export interface OutsideChangePayload {
  changes: OutsideChange[];
}
