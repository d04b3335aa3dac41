import { z } from 'zod';

/** Record and item ids: ULIDs (26 chars of Crockford base32) — never an index, never a path. */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Not a valid id');
/** Term keys name the chart columns and definitions' terms: one of a–d. */
export const termKeySchema = z.enum(['a', 'b', 'c', 'd']);
export type TermKey = z.infer<typeof termKeySchema>;
export const TERM_KEYS: readonly TermKey[] = ['a', 'b', 'c', 'd'];
export const isoDateTimeSchema = z.iso.datetime();
export const isoDateSchema = z.iso.date();
