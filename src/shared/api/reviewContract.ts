import { z } from 'zod';
import { comparisonSchema, type Comparison } from '../model/comparison';
import { idSchema } from '../model/ids';
import { personSchema, type Person } from '../model/person';
import { SECTIONS } from '../review/parts';
import { commentAnchorSchema, COMMENT_MAX, partKeySchema, profileSchema } from '../review/reviewModel';

export const profileViewSchema = profileSchema.extend({ name: z.string().nullable() });
export type ProfileView = z.infer<typeof profileViewSchema>;

const base = { id: idSchema, baseRevision: z.number().int().min(1) };
const commentText = z.string().trim().min(1, 'Write a comment first').max(COMMENT_MAX, `A comment holds at most ${COMMENT_MAX} characters`);
const reviewAction = z.enum(['submit', 'approve', 'request_changes', 'sign_off']);
/** What a comment is on: an article (the default, for existing callers) or a person's bio. */
const commented = { ...base, kind: z.enum(['comparison', 'person']).default('comparison') };
const commentedSchema = z.union([comparisonSchema, personSchema]);

/** The article a comment channel returned, for callers that commented on one (kind 'comparison'). */
export function commentedComparison(saved: Comparison | Person): Comparison {
  if ('title' in saved) return saved;
  throw new Error('Expected the article back, but the comment was saved on a person.');
}

/** The person a comment channel returned, for callers that commented on a bio (kind 'person'). */
export function commentedPerson(saved: Comparison | Person): Person {
  if (!('title' in saved)) return saved;
  throw new Error('Expected the person back, but the comment was saved on an article.');
}

/**
 * The updatedAt of the copy (article or bio) the reviewer saw: an approval or sign-off is refused
 * when the stored copy is another save (of the same revision, from another computer), not applied
 * to content nobody reviewed. Optional for older callers.
 */
const baseUpdatedAt = z.string().max(64).optional();

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
      baseUpdatedAt,
      action: reviewAction,
      parts: z.array(partKeySchema).max(2000).default([]),
      sections: z.array(z.enum(SECTIONS)).max(SECTIONS.length).default([]),
    }),
    output: comparisonSchema,
  },
  /** The same for a person's bio (one part, `bio`). */
  'review.person': {
    input: z.strictObject({ ...base, baseUpdatedAt, action: reviewAction }),
    output: personSchema,
  },
  /**
   * Comments on an article's part (`kind` 'comparison', the default) or on a person's bio (`kind`
   * 'person', part `bio`, no anchor). Returns the saved article or person.
   */
  'comments.add': {
    input: z.strictObject({ ...commented, part: partKeySchema, anchor: commentAnchorSchema.nullable().default(null), text: commentText }),
    output: commentedSchema,
  },
  'comments.reply': { input: z.strictObject({ ...commented, thread: idSchema, text: commentText }), output: commentedSchema },
  'comments.resolve': { input: z.strictObject({ ...commented, thread: idSchema, resolved: z.boolean() }), output: commentedSchema },
} as const;
