import { z } from 'zod';
import { idSchema } from '../model/ids';
import { comparisonStatusSchema } from '../review/reviewModel';

/**
 * The schemas of the publishing channels (export, import, preview), kept beside the contract
 * so contract.ts only names them.
 */

export const exportFormatSchema = z.enum(['zip', 'folder']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** Which articles: signed-off ones (publishing, the default), all, or the chosen ids. */
export const exportSelectionSchema = z.enum(['signed-off', 'all', 'chosen']);
export type ExportSelection = z.infer<typeof exportSelectionSchema>;

export const exportRunInputSchema = z
  .strictObject({
    selection: exportSelectionSchema,
    ids: z.array(idSchema).max(5000).optional(),
    format: exportFormatSchema,
  })
  .refine((x) => x.selection !== 'chosen' || (x.ids?.length ?? 0) > 0, { message: 'Choose at least one article to export', path: ['ids'] });

/** null: the user closed the save dialog without choosing where. */
export const exportRunOutputSchema = z
  .discriminatedUnion('outcome', [
    z.strictObject({
      outcome: z.literal('exported'),
      path: z.string(),
      items: z.number().int(),
      bytes: z.number().int(),
      /** Listed as signed off, left out because the article's file says otherwise (the list was out of date). */
      leftOut: z.array(
        z.strictObject({
          slug: z.string(),
          title: z.string(),
          status: comparisonStatusSchema,
          bio: z.strictObject({ role: z.enum(['author', 'editor']), name: z.string().nullable() }).optional(),
        }),
      ),
    }),
    z.strictObject({ outcome: z.literal('cancelled') }),
  ])
  .nullable();
export type ExportRunOutput = z.output<typeof exportRunOutputSchema>;

/** `export.progress`: articles read so far of all chosen. */
export interface ExportProgress {
  done: number;
  total: number;
}

/** `import.progress`: articles read and checked (planning) or written (applying) so far, of all in the bundle or to write. */
export interface ImportProgress {
  step: 'reading' | 'writing';
  done: number;
  total: number;
}

export const importSourceKindSchema = z.enum(['file', 'folder']);
export type ImportSourceKind = z.infer<typeof importSourceKindSchema>;

export const importActionSchema = z.enum(['new', 'updated', 'unchanged', 'conflicting']);
export type ImportActionName = z.infer<typeof importActionSchema>;

/** One differing part, with both sides as text so they can be shown side by side (null: that side has no such part). */
export const importPartSchema = z.strictObject({
  partId: z.string(),
  label: z.string(),
  state: z.enum(['theirs-only', 'mine-only', 'both', 'same']),
  mine: z.string().nullable(),
  theirs: z.string().nullable(),
});
export type ImportPart = z.output<typeof importPartSchema>;

export const importPlanItemSchema = z.strictObject({
  kind: z.enum(['comparison', 'person']),
  id: idSchema,
  slug: z.string().nullable(),
  title: z.string(),
  action: importActionSchema,
  parts: z.array(importPartSchema),
  localRevision: z.number().int().nullable(),
  incomingRevision: z.number().int(),
  newSlug: z.string().optional(),
  notes: z.array(z.string()),
});
export type ImportPlanItemView = z.output<typeof importPlanItemSchema>;

/** null: the user closed the open dialog. `planId` names the read bundle main holds for `import.apply`. */
export const importPlanOutputSchema = z
  .strictObject({
    planId: z.string(),
    source: z.string(),
    items: z.array(importPlanItemSchema),
    report: z.array(z.string()),
  })
  .nullable();
export type ImportPlanView = NonNullable<z.output<typeof importPlanOutputSchema>>;

const partIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,100}$/, 'Not a valid part id');
export const importChoiceSchema = z.union([
  z.enum(['theirs', 'mine', 'both']),
  z.strictObject({ parts: z.record(partIdSchema, z.enum(['theirs', 'mine'])) }),
]);
export type ImportChoiceInput = z.output<typeof importChoiceSchema>;

export const importApplyInputSchema = z.strictObject({
  planId: z.string().min(1).max(100),
  choices: z.record(idSchema, importChoiceSchema),
});

export const importApplyOutputSchema = z.strictObject({
  written: z.array(
    z.strictObject({
      kind: z.enum(['comparison', 'person']),
      id: idSchema,
      slug: z.string().nullable(),
      title: z.string(),
      outcome: z.enum(['created', 'updated', 'copied']),
    }),
  ),
  skipped: z.number().int(),
  /** What the importer could not place (Markdown imports), kept here in full. */
  report: z.array(z.string()),
});
export type ImportApplyOutput = z.output<typeof importApplyOutputSchema>;

export const previewOutputSchema = z.strictObject({
  title: z.string(),
  slug: z.string(),
  /** A whole HTML document built from the export's sanitized pieces (no scripts). */
  html: z.string(),
  /** The article's exported Markdown, byte for byte. */
  markdown: z.string(),
});
export type PreviewOutput = z.output<typeof previewOutputSchema>;
