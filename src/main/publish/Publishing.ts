import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import type { EventName } from '../../shared/api/channels';
import { ServiceError } from '../../shared/api/errors';
import type {
  ExportFormat,
  ExportProgress,
  ExportRunOutput,
  ImportApplyOutput,
  ImportProgress,
  ImportChoiceInput,
  ImportPart,
  ImportPlanItemView,
  ImportPlanView,
  ImportSourceKind,
  PreviewOutput,
} from '../../shared/api/publishContract';
import { buildArticleJson } from '../../shared/export/articleJson';
import { articleHtmlDocument } from '../../shared/export/articleHtml';
import { buildArticleMarkdown } from '../../shared/export/articleMarkdown';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { contentHash } from '../bundle/contentHash';
import { exportBundle, type ExportSource } from '../bundle/exportBundle';
import { applyImport, type ImportResult } from '../bundle/import/applyImport';
import { readArticleMarkdown } from '../bundle/import/markdownContents';
import { planImport, type ImportPlan, type ImportPlanItem } from '../bundle/import/planImport';
import { readBundle, type BundleContents } from '../bundle/import/readBundle';
import packageJson from '../../../package.json';
import { HistoryStore } from '../history/HistoryStore';
import type { WorkspaceStore } from '../store/WorkspaceStore';
import { comparisonPartText, personPartText, type PartContext } from './partText';

/** What publishing needs from the app shell: native dialogs, the file manager, the event sink. */
export interface PublishingDeps {
  /** Native save dialog for the bundle to create (a .zip, or a new folder); null when cancelled. */
  chooseExportTarget?(format: ExportFormat): Promise<string | null>;
  /** Native open dialog for a bundle (.zip) or article (.md) file, or a bundle folder; null when cancelled. */
  chooseImportSource?(kind: ImportSourceKind): Promise<string | null>;
  /** Shows a file or folder in the system's file manager. */
  revealPath?(path: string): Promise<void>;
  emit(event: EventName, payload: unknown): void;
}

export interface PublishingOptions {
  now?: () => Date;
  /**
   * Test seam: awaited before the export reads article `index` (the e2e harness holds an export
   * here to look at its progress and cancel it). A cancel does not wait for it.
   */
  exportPace?: (index: number) => Promise<void>;
  /**
   * Test seam: awaited after each `import.progress` step (the e2e harness holds an import's
   * reading or writing here to look at its progress).
   */
  importPace?: (step: ImportProgress['step'], done: number) => Promise<void>;
}

/** `import.progress` events go out at most this often (besides the first and the last of a step). */
const IMPORT_PROGRESS_MS = 50;

/** The app's version for the manifest (a default import: the e2e harness's JSON loader gives only that). */
const APP_VERSION: string = packageJson.version;

interface PendingImport {
  planId: string;
  storePath: string;
  contents: BundleContents;
  plan: ImportPlan;
}

/**
 * The app's export, import and preview over the open workspace. One export runs at a time and
 * can be cancelled (nothing of it stays on disk); an import is read and planned first, held
 * here under a plan id, and applied all-or-nothing with the user's choices. cancelImport stops a
 * reading, lets go of a plan not applied (a 10,000-article plan holds every article read), and
 * stops an import being written, taking back all it wrote.
 */
export class Publishing {
  private running: AbortController | null = null;
  private pending: PendingImport | null = null;
  /** The bundle being read and planned, if one is. */
  private reading: AbortController | null = null;
  /** The import being written, if one is (a cancel stops it and takes back what it wrote). */
  private applying: AbortController | null = null;

  constructor(
    private readonly deps: PublishingDeps,
    private readonly options: PublishingOptions = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async export(store: WorkspaceStore, input: { selection: 'signed-off' | 'all' | 'chosen'; ids?: string[]; format: ExportFormat }): Promise<ExportRunOutput> {
    const choose = this.deps.chooseExportTarget;
    if (!choose) throw unavailable('Choosing where to export');
    if (this.running) throw new ServiceError('IN_USE', 'An export is already running: wait for it to finish or cancel it.');
    const only = input.selection === 'chosen' ? slugsOf(store, input.ids ?? []) : undefined;
    const controller = new AbortController();
    this.running = controller;
    try {
      const picked = await choose(input.format);
      if (!picked) return null;
      const out = input.format === 'zip' && !/\.zip$/i.test(picked) ? `${resolve(picked)}.zip` : resolve(picked);
      const result = await exportBundle(this.pacedSource(store, controller.signal), {
        out,
        format: input.format,
        status: input.selection === 'signed-off' ? 'signed-off' : 'any',
        only,
        createdBy: currentUser(),
        appVersion: APP_VERSION,
        now: bundleTime(store),
        onProgress: (done, total) => this.deps.emit('export.progress', { done, total } satisfies ExportProgress),
        signal: controller.signal,
        // Lineage lets the receiving side tell an update from a conflict on the way back.
        history: HistoryStore.forStore(store),
      });
      await this.deps.revealPath?.(result.path).catch((error: unknown) => console.warn('Versus Desk: could not show the export', error));
      return { outcome: 'exported', path: result.path, items: result.items, bytes: result.bytes, leftOut: result.leftOut };
    } catch (error) {
      if (controller.signal.aborted) return { outcome: 'cancelled' };
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('IO', `The export could not be written: ${messageOf(error)}. Nothing was left behind.`);
    } finally {
      this.running = null;
    }
  }

  cancelExport(): { cancelled: boolean } {
    const running = this.running;
    if (!running || running.signal.aborted) return { cancelled: false };
    running.abort(new ServiceError('CONFLICT', 'The export was cancelled.'));
    return { cancelled: true };
  }

  /** The store, with a pause before each article is read that gives way at once to a cancel. */
  private pacedSource(store: WorkspaceStore, signal: AbortSignal): ExportSource {
    const pace = this.options.exportPace;
    let index = 0;
    const paced = async <T>(read: () => Promise<T>): Promise<T> => {
      const at = index++;
      if (pace) await untilAborted(pace(at), signal);
      signal.throwIfAborted();
      return read();
    };
    return {
      listComparisons: () => store.listComparisons(),
      listPeople: () => store.listPeople(),
      getComparison: (id) => paced(() => store.getComparison(id)),
      readComparison: (id) => paced(() => store.readComparison(id)),
      recheckComparisons: (ids) => store.recheckComparisons(ids),
    };
  }

  async plan(store: WorkspaceStore, kind: ImportSourceKind): Promise<ImportPlanView | null> {
    const choose = this.deps.chooseImportSource;
    if (!choose) throw unavailable('Choosing what to import');
    const picked = await choose(kind);
    if (!picked) return null;
    const path = resolve(picked);
    // A new plan takes the place of any other: one still being read stops, one waiting is let go
    // (an import being written goes on).
    this.letGo();
    const controller = new AbortController();
    const { signal } = controller;
    this.reading = controller;
    try {
      let contents: BundleContents;
      const progress = this.importProgress('reading', signal);
      try {
        contents = /\.(md|markdown)$/i.test(path)
          ? await readArticleMarkdown(path, store, { now: this.now() })
          : await readBundle(path, undefined, this.now(), { onProgress: progress.report, signal });
      } catch (error) {
        // Cancelled: as if nothing had been chosen.
        if (signal.aborted) return null;
        if (error instanceof ServiceError) throw error;
        throw new ServiceError('IO', `${basename(path)} could not be read: ${messageOf(error)}. Nothing was written.`);
      } finally {
        progress.end();
      }
      signal.throwIfAborted();
      const plan = await planImport(store, contents, HistoryStore.forStore(store));
      const items = await this.itemViews(store, contents, plan, signal);
      signal.throwIfAborted();
      const planId = randomUUID();
      this.pending = { planId, storePath: store.path, contents, plan };
      return { planId, source: plan.source, items, report: [...plan.report] };
    } catch (error) {
      // Cancelled while planning: whatever went wrong after the cancel, the writer asked to stop.
      if (signal.aborted) return null;
      throw error;
    } finally {
      if (this.reading === controller) this.reading = null;
    }
  }

  /**
   * Stops the bundle being read (its `import.plan` answers null, as if nothing had been chosen),
   * lets go of a plan waiting to be applied, and stops an import being written: everything it
   * wrote is taken back (its `import.apply` fails with nothing changed) and its plan stays, to be
   * applied again.
   */
  cancelImport(opts: { writing?: boolean } = {}): { cancelled: boolean } {
    const writing = this.applying !== null && !this.applying.signal.aborted;
    this.applying?.abort(new ServiceError('CONFLICT', 'the import was stopped'));
    // Only the import being written (its Stop button): a plan whose apply just failed is kept.
    if (opts.writing) return { cancelled: writing };
    return { cancelled: this.letGo() || writing };
  }

  /** Stops a bundle being read and lets go of a plan waiting (not one being applied); true when there was either. */
  private letGo(): boolean {
    const reading = this.reading !== null && !this.reading.signal.aborted;
    this.reading?.abort(new ServiceError('CONFLICT', 'The import was cancelled.'));
    this.reading = null;
    const waiting = this.pending !== null && this.applying === null;
    if (waiting) this.pending = null;
    return reading || waiting;
  }

  async apply(store: WorkspaceStore, planId: string, choices: Record<string, ImportChoiceInput>): Promise<ImportApplyOutput> {
    const pending = this.pending;
    if (!pending || pending.planId !== planId || pending.storePath !== store.path) {
      throw new ServiceError('NOT_FOUND', 'That import is no longer waiting: choose what to import again.');
    }
    if (this.applying) throw new ServiceError('IN_USE', 'An import is already being written: wait for it to finish.');
    const controller = new AbortController();
    const progress = this.importProgress('writing', controller.signal);
    this.applying = controller;
    let result: ImportResult;
    try {
      result = await applyImport(store, pending.contents, pending.plan, choices, { by: currentUser(), now: this.now(), onProgress: progress.report, signal: controller.signal });
    } catch (error) {
      // Stopped: said as such (a rollback that failed keeps its own words: check the workspace).
      if (controller.signal.aborted && error instanceof ServiceError && (error.details as { undone?: unknown } | undefined)?.undone === true) {
        throw new ServiceError('CONFLICT', 'The import was stopped and taken back: nothing was changed.', { stopped: true });
      }
      throw error;
    } finally {
      progress.end();
      this.applying = null;
    }
    // Used up (unless another plan took its place meanwhile).
    if (this.pending === pending) this.pending = null;
    return { written: result.written, skipped: result.skipped, report: [...pending.plan.report] };
  }

  /**
   * Sends `import.progress` for one step: its first and last counts, and between them at most one
   * every IMPORT_PROGRESS_MS, the latest count (one held back goes out when that time is up).
   * `end()` drops a count still held back (a step that failed sends nothing after its failure).
   */
  private importProgress(step: ImportProgress['step'], signal?: AbortSignal): { report: (done: number, total: number) => Promise<void> | void; end: () => void } {
    let sentAt = -Infinity;
    let latest: ImportProgress = { step, done: 0, total: 0 };
    let timer: ReturnType<typeof setTimeout> | null = null;
    const send = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      sentAt = performance.now();
      this.deps.emit('import.progress', latest);
    };
    // A timer can fire a little early (Node counts from the time its loop turn began): then it waits on.
    const due = () => {
      timer = null;
      const wait = IMPORT_PROGRESS_MS - (performance.now() - sentAt);
      if (wait > 0) timer = setTimeout(due, wait);
      else send();
    };
    return {
      report: (done, total) => {
        latest = { step, done, total };
        const since = performance.now() - sentAt;
        if (done === 0 || done === total || since >= IMPORT_PROGRESS_MS) send();
        else timer ??= setTimeout(due, IMPORT_PROGRESS_MS - since);
        const pace = this.options.importPace?.(step, done);
        // A cancel does not wait for a pause the harness holds.
        return pace && signal ? untilAborted(pace, signal).then(() => undefined) : pace;
      },
      end: () => {
        if (timer) clearTimeout(timer);
        timer = null;
      },
    };
  }

  async preview(store: WorkspaceStore, id: string): Promise<PreviewOutput> {
    const comparison = await store.getComparison(id);
    const summaries = store.listComparisons();
    const article = buildArticleJson({
      comparison,
      people: store.listPeople(),
      articles: summaries.map((s) => ({ id: s.id, slug: s.slug, title: s.title })),
      status: summaries.find((s) => s.id === id)?.status ?? 'draft',
      contentHash: contentHash(comparison),
    });
    return { title: article.title, slug: article.slug, html: articleHtmlDocument(article), markdown: buildArticleMarkdown(article) };
  }

  /** Each plan item with both sides of every differing part as text. */
  private async itemViews(store: WorkspaceStore, contents: BundleContents, plan: ImportPlan, signal?: AbortSignal): Promise<ImportPlanItemView[]> {
    const localPeople = store.listPeople();
    const summaries = store.listComparisons();
    const ctx: PartContext = {
      people: [...localPeople, ...contents.people.map((p) => p.record)],
      articles: [...summaries, ...contents.articles.map((a) => a.record)],
    };
    // By id: a bundle of 10,000 articles searched item by item took 1.8 s.
    const incomingArticles = new Map(contents.articles.map((a) => [a.record.id, a.record]));
    const incomingPeople = new Map(contents.people.map((p) => [p.record.id, p.record]));
    const localById = new Map(localPeople.map((p) => [p.id, p]));
    const views: ImportPlanItemView[] = [];
    for (const item of plan.items) {
      signal?.throwIfAborted();
      let parts: ImportPart[] = [];
      if (item.kind === 'comparison') {
        const theirs = incomingArticles.get(item.id);
        const mine = item.localRevision === null ? null : await store.getComparison(item.id).catch(() => null);
        parts = partViews(item, (partId, side) => {
          const c: Comparison | null | undefined = side === 'mine' ? mine : theirs;
          return c ? comparisonPartText(partId, c, ctx) : null;
        });
      } else {
        const theirs = incomingPeople.get(item.id);
        const mine = localById.get(item.id);
        parts = partViews(item, (partId, side) => {
          const p: Person | undefined = side === 'mine' ? mine : theirs;
          return p ? personPartText(partId, p) : null;
        });
      }
      views.push({
        kind: item.kind,
        id: item.id,
        slug: item.slug,
        title: item.title,
        action: item.action,
        parts,
        localRevision: item.localRevision,
        incomingRevision: item.incomingRevision,
        ...(item.newSlug ? { newSlug: item.newSlug } : {}),
        notes: [...item.notes],
      });
    }
    return views;
  }
}

function partViews(item: ImportPlanItem, text: (partId: string, side: 'mine' | 'theirs') => string | null): ImportPart[] {
  return (item.parts ?? []).map((d) => ({ partId: d.partId, label: d.label, state: d.state, mine: text(d.partId, 'mine'), theirs: text(d.partId, 'theirs') }));
}

function slugsOf(store: WorkspaceStore, ids: readonly string[]): string[] {
  const summaries = store.listComparisons();
  const missing = ids.filter((id) => !summaries.some((s) => s.id === id));
  if (missing.length > 0) throw new ServiceError('NOT_FOUND', `${missing.length === 1 ? 'An article you chose no longer exists' : `${missing.length} articles you chose no longer exist`}; choose again.`, { ids: missing });
  return summaries.filter((s) => ids.includes(s.id)).map((s) => s.slug);
}

/** The manifest's createdAt: the workspace's latest change, so the same content gives the same bundle. */
function bundleTime(store: WorkspaceStore): Date {
  const times = [...store.listComparisons().map((c) => c.updatedAt), ...store.listPeople().map((p) => p.updatedAt)];
  return new Date(times.reduce((max, t) => (t > max ? t : max), '1970-01-01T00:00:00.000Z'));
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<T | void>((done, fail) => {
    const onAbort = () => done();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        done(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        fail(error);
      },
    );
  });
}

function unavailable(what: string): ServiceError {
  return new ServiceError('FORBIDDEN', `${what} is not available in this window.`);
}

function currentUser(): string {
  try {
    return userInfo().username || 'versus-desk';
  } catch {
    return 'versus-desk';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
