import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { applyImport, type ImportChoice } from '../../bundle/import/applyImport';
import { planImport, type ImportPlan, type ImportPlanItem } from '../../bundle/import/planImport';
import { readBundle, type BundleContents } from '../../bundle/import/readBundle';
import { readArticleMarkdown } from '../../bundle/import/markdownContents';
import { HistoryStore } from '../../history/HistoryStore';
import { CliError, EXIT_INTERRUPTED, EXIT_OK } from '../CliError';
import type { CliIo } from '../CliIo';
import type { Command } from '../Command';
import { expectPositionals, oneOf, parseCommandArgs } from '../parseCommandArgs';
import { progressReporter } from '../progressReporter';
import { withWorkspace } from '../withWorkspace';
import { ServiceError } from '../../../shared/api/errors';
import type { WorkspaceStore } from '../../store/WorkspaceStore';

const CONFLICT_POLICIES = ['ask', 'theirs', 'mine', 'both'] as const;
type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

export const importCommand: Command = {
  name: 'import',
  summary: 'import bundles into a workspace (shows the plan first)',
  help: `Usage: versus-desk import <workspace> <bundle|folder|article.md>... [--dry-run]
                         [--on-conflict ask|theirs|mine|both]

Reads each bundle (zip file or folder) in full and checks it before anything is written,
then prints the plan: each article and person marked new, updated, unchanged or
conflicting (changed on both sides since the common revision). Applying is all-or-nothing
per bundle, after a history snapshot. Ctrl+C stops it: while reading, nothing is written;
while writing, the bundle being written is taken back whole (exit 130; a second Ctrl+C
quits at once).

Options:
  --dry-run             print the plan and write nothing
  --on-conflict <how>   what to do with a conflicting item:
                          ask     ask for each one (default; needs a terminal)
                          theirs  take the incoming version
                          mine    keep the workspace's version
                          both    keep mine and add theirs as a copy with a new slug
  -h, --help            show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('import', argv, {
      'dry-run': { type: 'boolean' },
      'on-conflict': { type: 'string' },
    });
    expectPositionals('import', positionals, ['workspace', 'bundle'], { variadicLast: true });
    const policy = oneOf('import', 'on-conflict', values['on-conflict'], CONFLICT_POLICIES, 'ask');
    const dryRun = values['dry-run'] === true;
    const [workspace, ...sources] = positionals.map((p) => resolve(p));
    // Ctrl+C stops the reading, or takes back the bundle being written: never half an import.
    const interrupt = new AbortController();
    const { signal } = interrupt;
    const stop = () => {
      if (interrupt.signal.aborted) return;
      io.err('\nStopping… (Ctrl+C again quits at once, which can leave an import being taken back partly written)\n');
      interrupt.abort(new Error('interrupted (Ctrl+C)'));
    };
    const stopListening = io.onInterrupt?.(stop);
    /** The bundle being written, once one is. */
    const state: { writing: string | null } = { writing: null };
    try {
      return await withWorkspace(workspace as string, io, (store) => importInto(store, sources, { policy, dryRun, io, signal, stop, state }));
    } catch (error) {
      if (!signal.aborted) throw error;
      if (state.writing === null) throw new CliError('Interrupted before writing: nothing more was written.', EXIT_INTERRUPTED);
      // An import that could not be fully taken back says so in its own words (check the workspace).
      if (!(error instanceof ServiceError && (error.details as { undone?: unknown } | undefined)?.undone === true)) throw error;
      throw new CliError(`Interrupted: ${basename(state.writing)} was taken back whole; nothing of it was written.`, EXIT_INTERRUPTED);
    } finally {
      stopListening?.();
    }
  },
};

async function importInto(
  store: WorkspaceStore,
  sources: string[],
  opts: { policy: ConflictPolicy; dryRun: boolean; io: CliIo; signal: AbortSignal; stop: () => void; state: { writing: string | null } },
): Promise<number> {
  const { policy, dryRun, io, signal, stop, state } = opts;
  const history = HistoryStore.forStore(store);
  // Read and plan every source before writing anything, so a bad bundle or an unanswerable
  // conflict stops the whole run with the workspace untouched.
  const read: BundleContents[] = [];
  for (const source of sources) {
    const progress = progressReporter(io, `Reading ${basename(source)}`);
    try {
      read.push(
        isMarkdownFile(source)
          ? await readArticleMarkdown(source, store, { now: io.now() })
          : await readBundle(source, undefined, io.now(), { onProgress: (done, total) => progress.update(done, total), signal }),
      );
    } finally {
      progress.done();
    }
  }
  signal.throwIfAborted();
  const plans: ImportPlan[] = [];
  for (const contents of read) plans.push(await planImport(store, contents, history));
  signal.throwIfAborted();
  for (const plan of plans) io.out(describePlan(plan));
  if (dryRun) {
    io.out('Dry run: nothing was written.\n');
    return EXIT_OK;
  }
  const conflicts = plans.flatMap((p) => p.items.filter((i) => i.action === 'conflicting'));
  if (conflicts.length > 0 && policy === 'ask' && !io.stdinIsTTY) {
    throw new CliError(
      `${conflicts.length} conflicting ${conflicts.length === 1 ? 'item' : 'items'} and no terminal to ask on: pass --on-conflict theirs, mine or both.`,
    );
  }
  for (const contents of read) {
    // Plan again: an earlier bundle in this run may have changed what this one meets.
    const plan = await planImport(store, contents, history);
    const choices = await chooseForConflicts(plan, policy, io, signal, stop);
    const progress = progressReporter(io, `Importing ${basename(contents.source)}`);
    state.writing = contents.source;
    const result = await applyImport(store, contents, plan, choices, { by: importer(), now: io.now(), history, signal, onProgress: (done, total) => progress.update(done, total) }).finally(() => progress.done());
    state.writing = null;
    io.out(`Imported ${contents.source}: ${result.written.length} written, ${result.skipped} kept as they were.\n`);
  }
  return EXIT_OK;
}

/** One line per item: `  conflicting  article  slug  Title (parts: …)`, then the report. */
export function describePlan(plan: ImportPlan): string {
  const lines = [`Plan for ${plan.source}:`];
  if (plan.items.length === 0) lines.push('  (nothing to import)');
  for (const item of plan.items) {
    const name = item.kind === 'comparison' ? `article ${item.newSlug ?? item.slug}` : `person  ${item.title}`;
    const parts = item.action === 'conflicting' || item.action === 'updated' ? partWords(item) : '';
    lines.push(`  ${item.action.padEnd(11)} ${name}${item.kind === 'comparison' ? ` (${item.title})` : ''}${parts}`);
    for (const note of item.notes) lines.push(`              ${note}`);
  }
  for (const entry of plan.report) lines.push(`  not placed: ${entry}`);
  const counts = ['new', 'updated', 'unchanged', 'conflicting'].map((a) => `${plan.items.filter((i) => i.action === a).length} ${a}`);
  lines.push(`  ${counts.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

function partWords(item: ImportPlanItem): string {
  const both = (item.parts ?? []).filter((p) => p.state === 'both').map((p) => p.label);
  const theirs = (item.parts ?? []).filter((p) => p.state === 'theirs-only').map((p) => p.label);
  const words = [both.length ? `changed on both sides: ${both.join(', ')}` : '', theirs.length ? `changed in the bundle: ${theirs.join(', ')}` : ''];
  const text = words.filter(Boolean).join('; ');
  return text ? ` — ${text}` : '';
}

async function chooseForConflicts(plan: ImportPlan, policy: ConflictPolicy, io: CliIo, signal: AbortSignal, stop: () => void): Promise<Record<string, ImportChoice>> {
  const choices: Record<string, ImportChoice> = {};
  const conflicts = plan.items.filter((i) => i.action === 'conflicting');
  if (conflicts.length === 0) return choices;
  if (policy !== 'ask') {
    for (const item of conflicts) choices[item.id] = policy;
    return choices;
  }
  const rl = createInterface(io.prompt ?? { input: process.stdin, output: process.stderr });
  // On a terminal readline takes Ctrl+C itself (the process never sees SIGINT): it stops the run the same way.
  rl.on('SIGINT', stop);
  try {
    for (const item of conflicts) {
      io.err(`${item.kind === 'comparison' ? 'Article' : 'Person'} ${item.slug ?? item.title}${partWords(item)}\n`);
      for (;;) {
        const answer = (await rl.question('Take [t]heirs, keep [m]ine, or keep [b]oth? ', { signal })).trim().toLowerCase();
        const picked = ({ t: 'theirs', theirs: 'theirs', m: 'mine', mine: 'mine', b: 'both', both: 'both' } as const)[answer as 't'];
        if (picked) {
          choices[item.id] = picked;
          break;
        }
      }
    }
  } finally {
    rl.close();
  }
  return choices;
}

/** A Markdown article written elsewhere, in the conventional shape of the fixture `.md`. */
function isMarkdownFile(source: string): boolean {
  return /\.(md|markdown)$/i.test(source);
}

function importer(): string {
  try {
    return userInfo().username || 'versus-desk';
  } catch {
    return 'versus-desk';
  }
}

