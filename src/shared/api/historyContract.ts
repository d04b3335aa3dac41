import { z } from 'zod';
import { comparisonSchema } from '../model/comparison';
import { idSchema } from '../model/ids';
import { personSchema } from '../model/person';
import type { DocDiff } from '../review/diff';

/** Why a snapshot was taken, in words. */
export const REASON_WORDS: Record<string, string> = {
  autosave: 'Autosave',
  submit: 'Submitted for review',
  approve: 'Approval',
  'request-changes': 'Changes requested',
  'sign-off': 'Signed off',
  restore: 'Restored',
  'before-restore': 'Before a restore',
  import: 'Imported',
  'before-import': 'Before an import',
  export: 'Exported',
};

const kind = z.enum(['comparison', 'person']);
const revision = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const historyEntrySchema = z.strictObject({
  revision: z.number().int(),
  at: z.string(),
  /** The person id who acted (or 'unknown' when no profile was chosen). */
  by: z.string(),
  /** Their name among the workspace's people; null when unknown. */
  byName: z.string().nullable(),
  /** import, before-import, autosave, submit, approve, request-changes, sign-off, restore, before-restore. */
  reason: z.string(),
});
export type HistoryEntryView = z.infer<typeof historyEntrySchema>;

/** One side of a diff: a snapshot, or the stored record now (`current`). */
export const versionInfoSchema = z.strictObject({
  revision: z.number().int(),
  current: z.boolean(),
  at: z.string(),
  by: z.string().nullable(),
  byName: z.string().nullable(),
  reason: z.string().nullable(),
  /** "Revision 4 · approve by Ed Editor · 30 Nov 2026 07:40" or "Now (revision 9)". */
  description: z.string(),
});
export type VersionInfo = z.infer<typeof versionInfoSchema>;

/** The diff is derived data computed in main (src/shared/review/diff.ts), typed here, not re-validated. */
const docDiffSchema = z.custom<DocDiff>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { sections?: unknown }).sections));

/** History channels (issue 3): snapshots of an article or person, diffs between them, restore. */
export const historyContract = {
  /** Snapshots of a record, newest first. */
  'history.list': { input: z.strictObject({ kind, id: idSchema }), output: z.array(historyEntrySchema) },
  /**
   * The schema-shaped diff between two versions: `from` a snapshot revision or 'last-review'
   * (the newest snapshot at which the current profile approved, requested changes or signed
   * off); `to` a snapshot revision or 'current' (the stored record).
   */
  'history.diff': {
    input: z.strictObject({
      kind,
      id: idSchema,
      from: z.union([revision, z.literal('last-review')]),
      to: z.union([revision, z.literal('current')]).default('current'),
    }),
    output: z.strictObject({ from: versionInfoSchema, to: versionInfoSchema, diff: docDiffSchema }),
  },
  /**
   * Restores a snapshot's content as a new revision (the current one is snapshotted first; the
   * review records stay as they are, so approvals of parts that now differ lapse). Returns the saved record.
   */
  'history.restore': {
    input: z.strictObject({ kind, id: idSchema, revision, baseRevision: revision }),
    output: z.union([comparisonSchema, personSchema]),
  },
} as const;
