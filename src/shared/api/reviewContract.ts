import { z } from 'zod';
import { comparisonSchema } from '../model/comparison';
import { idSchema } from '../model/ids';
import { personSchema } from '../model/person';
import { SECTIONS } from '../review/parts';
import { commentAnchorSchema, COMMENT_MAX, partKeySchema, profileSchema } from '../review/reviewModel';

export const profileViewSchema = profileSchema.extend({ name: z.string().nullable() });
export type ProfileView = z.infer<typeof profileViewSchema>;

const base = { id: idSchema, baseRevision: z.number().int().min(1) };
const commentText = z.string().trim().min(1, 'Write a comment first').max(COMMENT_MAX, `A comment holds at most ${COMMENT_MAX} characters`);
const reviewAction = z.enum(['submit', 'approve', 'request_changes', 'sign_off']);

/** Review channels (issue 3): who is acting, part review, sign-off, comments. */
export const reviewContract = {
  /** The profile of this copy of the app (who is using it, as writer or editor); null until chosen. */
  'profile.get': { input: z.strictObject({}), output: profileViewSchema.nullable() },
  'profile.set': { input: profileSchema, output: profileViewSchema },
  /**
   * A review action on an article by the current profile: submit (writer), approve or request
   * changes on parts and whole sections, sign off (editor; never the author). Returns the saved article.
   */
  'review.comparison': {
    input: z.strictObject({
      ...base,
      action: reviewAction,
      parts: z.array(partKeySchema).max(2000).default([]),
      sections: z.array(z.enum(SECTIONS)).max(SECTIONS.length).default([]),
    }),
    output: comparisonSchema,
  },
  /** The same for a person's bio (one part, `bio`). */
  'review.person': {
    input: z.strictObject({ ...base, action: reviewAction }),
    output: personSchema,
  },
  'comments.add': {
    input: z.strictObject({ ...base, part: partKeySchema, anchor: commentAnchorSchema.nullable().default(null), text: commentText }),
    output: comparisonSchema,
  },
  'comments.reply': { input: z.strictObject({ ...base, thread: idSchema, text: commentText }), output: comparisonSchema },
  'comments.resolve': { input: z.strictObject({ ...base, thread: idSchema, resolved: z.boolean() }), output: comparisonSchema },
} as const;
