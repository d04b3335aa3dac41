import { z } from 'zod';
import { comparisonSchema, termSchema } from './comparison';
import { idSchema, isoDateTimeSchema } from './ids';
import { SLUG_MAX } from './slug';

export const JOURNAL_FORMAT = 1;

/**
 * An article as the writer left it, saved or not: the stored schema, except that the fields the
 * editor lets a writer leave invalid for a while (an empty term name or title, a half-typed slug)
 * may be so. Rich text is still checked as strictly as in a record: a journal holds no markup.
 */
export const journalDocSchema = comparisonSchema.safeExtend({
  terms: z
    .array(termSchema.safeExtend({ name: z.string().max(120) }))
    .min(2)
    .max(4),
  title: z.string().max(300),
  slug: z.string().max(SLUG_MAX),
});
export type JournalDoc = z.infer<typeof journalDocSchema>;

/**
 * The hot-exit journal of one article (`.versus-desk/journal/<id>.json`): the writer's latest
 * edits, written within a second of idle and removed once a save covering them is acknowledged.
 * `doc.revision` is the stored revision the edits are based on. `stamp` grows with every write
 * from the page, so clearing up to a stamp never removes a newer journal.
 */
export const journalEntrySchema = z
  .strictObject({
    format: z.literal(JOURNAL_FORMAT),
    id: idSchema,
    stamp: z.number().int().min(0),
    writtenAt: isoDateTimeSchema,
    doc: journalDocSchema,
  })
  .refine((entry) => entry.doc.id === entry.id, { message: 'The journal names another article', path: ['doc', 'id'] });
export type JournalEntry = z.infer<typeof journalEntrySchema>;
