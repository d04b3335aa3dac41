import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';
import { blockDocSchema } from './richText';

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
  /** Review data lands with the review issue: a bio is reviewed as one part. */
  review: z.unknown().optional(),
});
export type Person = z.infer<typeof personSchema>;
