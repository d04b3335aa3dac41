import { z } from 'zod';
import { comparisonSchema } from '../model/comparison';
import { idSchema } from '../model/ids';
import { personSchema } from '../model/person';
import { blockDocSchema } from '../model/richText';
import type { Channel } from './channels';
import { reviewContract } from './reviewContract';
import { historyContract } from './historyContract';
import { journalContract, type OutsideChangePayload } from './resilienceContract';
import {
  exportRunInputSchema,
  exportRunOutputSchema,
  importApplyInputSchema,
  importApplyOutputSchema,
  importPlanOutputSchema,
  importSourceKindSchema,
  previewOutputSchema,
  type ExportProgress,
  type ImportProgress,
} from './publishContract';

export const noticeSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['quarantine', 'recovered', 'info', 'warning']),
  message: z.string(),
  file: z.string().optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const workspaceInfoSchema = z.strictObject({
  path: z.string(),
  name: z.string(),
  notices: z.array(noticeSchema),
  counts: z.strictObject({ comparisons: z.number().int(), people: z.number().int() }),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

import { comparisonStatusSchema } from '../review/reviewModel';
export { comparisonStatusSchema };
export type ComparisonStatus = z.infer<typeof comparisonStatusSchema>;

export const comparisonSummarySchema = z.strictObject({
  id: idSchema,
  slug: z.string(),
  title: z.string(),
  terms: z.array(z.string()),
  status: comparisonStatusSchema,
  updatedAt: z.string(),
  revision: z.number().int(),
  /** Review facts for the list filters and the dashboard (optional: older callers may omit them). */
  authorId: idSchema.nullable().optional(),
  editorId: idSchema.nullable().optional(),
  /** When the longest-waiting part still awaiting review was submitted. */
  waitingSince: z.string().nullable().optional(),
  openComments: z.number().int().min(0).optional(),
});
export type ComparisonSummary = z.infer<typeof comparisonSummarySchema>;

const empty = z.strictObject({});
const termNames = z
  .array(z.string().trim().min(1, 'A term needs a name').max(120))
  .min(2, 'A comparison needs 2 to 4 terms')
  .max(4, 'A comparison needs 2 to 4 terms');

/** The most summaries one paged `comparisons.list` call may ask for. */
export const LIST_LIMIT_MAX = 1000;

/** Every channel: its input and output schema. Main validates input against it on every call. */
export const contract = {
  'workspace.info': { input: empty, output: workspaceInfoSchema },
  /** Shows the native folder picker in main; the renderer never hands main a path. */
  'workspace.choose': {
    input: z.strictObject({ mode: z.enum(['open', 'create']) }),
    output: workspaceInfoSchema.nullable(),
  },
  'comparisons.list': {
    /**
     * `limit`: only the first `limit` summaries, in the same order (the first screen's page);
     * fewer than `limit` back means that is the whole list.
     */
    input: z.strictObject({ query: z.string().max(500).optional(), limit: z.number().int().min(1).max(LIST_LIMIT_MAX).optional() }),
    output: z.array(comparisonSummarySchema),
  },
  'comparisons.get': { input: z.strictObject({ id: idSchema }), output: comparisonSchema },
  'comparisons.create': { input: z.strictObject({ terms: termNames }), output: comparisonSchema },
  'comparisons.save': {
    input: z.strictObject({ comparison: comparisonSchema, baseRevision: z.number().int().min(1) }),
    output: comparisonSchema,
  },
  'comparisons.delete': {
    input: z.strictObject({ id: idSchema, baseRevision: z.number().int().min(1) }),
    output: z.strictObject({ id: idSchema }),
  },
  'people.list': { input: empty, output: z.array(personSchema) },
  'people.get': { input: z.strictObject({ id: idSchema }), output: personSchema },
  'people.create': {
    input: z.strictObject({
      name: z.string().trim().min(1, 'A person needs a name').max(200),
      credentials: z.string().max(500),
      bio: blockDocSchema,
    }),
    output: personSchema,
  },
  'people.save': {
    input: z.strictObject({ person: personSchema, baseRevision: z.number().int().min(1) }),
    output: personSchema,
  },
  'people.delete': { input: z.strictObject({ id: idSchema }), output: z.strictObject({ id: idSchema }) },
  'shell.openExternal': {
    input: z.strictObject({ url: z.string().max(2048) }),
    output: z.strictObject({ opened: z.boolean() }),
  },
  /** The renderer's answer to the `app.flush` event: pending edits are saved, the window may close. */
  'app.flushed': { input: empty, output: empty },
  ...reviewContract,
  /** Asks where with a native save dialog in main, exports with `export.progress` events, then shows the result in its folder. */
  'export.run': { input: exportRunInputSchema, output: exportRunOutputSchema },
  /** Stops the running export; nothing of it is left on disk. */
  'export.cancel': { input: empty, output: z.strictObject({ cancelled: z.boolean() }) },
  /** Asks for a bundle (zip or .md file, or a folder) with a native open dialog, reads and checks it, and plans; writes nothing. */
  'import.plan': { input: z.strictObject({ source: importSourceKindSchema }), output: importPlanOutputSchema },
  /** Applies the planned import all-or-nothing with a choice per item (theirs, mine, both, or per part). */
  'import.apply': { input: importApplyInputSchema, output: importApplyOutputSchema },
  /**
   * Stops a bundle being read (its `import.plan` answers null), lets go of a plan not applied, and
   * stops an import being written, taking back all it wrote (its plan stays); `writing: true`: only the last.
   */
  'import.cancel': { input: z.strictObject({ writing: z.literal(true).optional() }), output: z.strictObject({ cancelled: z.boolean() }) },
  /** The stored article rendered as it will publish: HTML and its exported Markdown. */
  'comparisons.preview': { input: z.strictObject({ id: idSchema }), output: previewOutputSchema },
  ...journalContract,
  ...historyContract,
} as const satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

/** Payloads of main -> renderer events. */
export interface EventPayloads {
  'workspace.changed': WorkspaceInfo;
  notice: Notice;
  'app.flush': Record<string, never>;
  /** A native menu item the renderer acts on (the menu lives in main, the views in the page). */
  'menu.command': { command: MenuCommand };
  /** Articles read so far by the running export, of all it will write. */
  'export.progress': ExportProgress;
  /** How far the import being planned (reading) or applied (writing) has got. */
  'import.progress': ImportProgress;
  /** Another program added, changed or deleted records in the workspace folder (src/main/watch). */
  'workspace.outsideChange': OutsideChangePayload;
}

export const MENU_COMMANDS = ['new-comparison', 'show-people', 'show-comparisons', 'show-dashboard', 'export', 'import'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
