import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';
import { blockDocSchema } from './richText';
import { reviewRecordSchema } from '../review/reviewModel';

export const PERSON_FORMAT = 1;

export const personSchema = z.strictObject({
  format: z.literal(PERSON_FORMAT),
  id: idSchema,
  revision: z.number().int().min(1),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  name: z.string().trim().min(1, 'A person needs a name').max(200),
  credentials: z.string().max(500),
  bio: blockDocSchema,
  /** The bio's review: one part (`bio`), its sign-off and comments. */
  review: reviewRecordSchema.optional(),
});
export type Person = z.infer<typeof personSchema>;
