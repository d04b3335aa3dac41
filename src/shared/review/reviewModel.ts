import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../model/ids';

/**
 * Review, as data (DESIGN.md section 2). A part's record stores who acted, when, and the hash of
 * the part's content at that moment; an approval counts only while the content still hashes to
 * it. Status is derived from these records (see status.ts), never stored.
 */

/** An article's review status as derived (status.ts: ReviewStatus), where data carries it. */
export const comparisonStatusSchema = z.enum(['draft', 'in_review', 'changes_requested', 'approved', 'signed_off']);

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a sha256 hash');

/** `header`, `summary`, `byline`, `bio`, or `<kind>:<item id>` for list items (kd, chart, def, faq). */
export const partKeySchema = z.string().regex(/^(header|summary|byline|bio|(kd|chart|def|faq):[0-9A-HJKMNP-TV-Z]{26})$/, 'Not a part of an article');
export type PartKey = string;

export const PART_REVIEW_STATES = ['submitted', 'changes_requested', 'approved'] as const;
export const partReviewSchema = z.strictObject({
  state: z.enum(PART_REVIEW_STATES),
  /** The person who acted (a person id of the workspace). */
  by: idSchema,
  at: isoDateTimeSchema,
  /** The part's content hash when they acted. */
  hash: sha256HexSchema,
});
export type PartReview = z.infer<typeof partReviewSchema>;

export const signOffRecordSchema = z.strictObject({
  by: idSchema,
  at: isoDateTimeSchema,
  /** The hash of the whole article's (or person's) content at sign-off. */
  hash: sha256HexSchema,
});
export type SignOffRecord = z.infer<typeof signOffRecordSchema>;

export const COMMENT_MAX = 5000;

export const commentMessageSchema = z.strictObject({
  id: idSchema,
  by: idSchema,
  at: isoDateTimeSchema,
  text: z.string().trim().min(1, 'A comment cannot be empty').max(COMMENT_MAX),
});
export type CommentMessage = z.infer<typeof commentMessageSchema>;

/** A text range inside one rich-text field of the part, with the quoted text to find it again. */
export const commentAnchorSchema = z.strictObject({
  /** The field inside the part: `text` (key difference, definition), `summary`, `answer`. */
  field: z.enum(['text', 'summary', 'answer']),
  /** Plain-text offsets into the field's text (docToText). */
  from: z.number().int().min(0).max(1_000_000),
  to: z.number().int().min(0).max(1_000_000),
  quote: z.string().min(1).max(1000),
});
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

export const commentThreadSchema = z.strictObject({
  id: idSchema,
  part: partKeySchema,
  anchor: commentAnchorSchema.nullable(),
  resolved: z.strictObject({ by: idSchema, at: isoDateTimeSchema }).nullable(),
  messages: z.array(commentMessageSchema).min(1).max(500),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const reviewRecordSchema = z.strictObject({
  parts: z.record(partKeySchema, partReviewSchema).default({}),
  signOff: signOffRecordSchema.nullable().default(null),
  comments: z.array(commentThreadSchema).max(5000).default([]),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export function emptyReview(): ReviewRecord {
  return { parts: {}, signOff: null, comments: [] };
}

export const ROLES = ['writer', 'editor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Who is using this copy of the app: a person of the workspace and their role. */
export const profileSchema = z.strictObject({ personId: idSchema, role: roleSchema });
export type Profile = z.infer<typeof profileSchema>;
