import { resolve } from 'node:path';
import type { Channel, EventName } from '../../shared/api/channels';
import type { Contract, OutputOf } from '../../shared/api/contract';
import { ServiceError } from '../../shared/api/errors';
import { isAllowedHref } from '../../shared/model/richText';
import type { z } from 'zod';
import { WorkspaceStore, type OpenOptions } from '../store/WorkspaceStore';
import { WorkspaceWatcher } from '../watch/WorkspaceWatcher';
import { memoryProfileStore, ReviewService, type ProfileStore } from '../review/ReviewService';
import { Publishing, type PublishingDeps, type PublishingOptions } from '../publish/Publishing';
import { AutosaveSnapshots } from '../history/AutosaveSnapshots';
import { HistoryService } from '../history/HistoryService';

export interface ServicesDeps extends PublishingDeps {
  /** The workspace opened at start. */
  workspaceDir: string;
  /** Shows the native folder picker; null when the user cancels. */
  chooseFolder(mode: 'open' | 'create'): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  emit(event: EventName, payload: unknown): void;
  /** The renderer saved its pending edits (answer to the `app.flush` event). */
  onFlushed?(): void;
  /** Who uses this copy of the app (app settings in Electron); in memory when not given. */
  profiles?: ProfileStore;
  /** Test seam (e2e harness): awaited before an export reads each article. */
  exportPace?: PublishingOptions['exportPace'];
  importPace?: PublishingOptions['importPace'];
  /** Watch the workspace for changes made by other programs (the app and the e2e harness; not unit tests). */
  watch?: boolean;
}

/** How the first workspace is opened (create and seed it on first run), plus test seams. */
export type ServicesOptions = ServicesDeps & Pick<OpenOptions, 'create' | 'seed' | 'fs' | 'now' | 'indexDelayMs' | 'pid'>;

/** A channel's input after the contract's schema has parsed it. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<OutputOf<C>> };

const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:']);

/**
 * Every channel of the contract over the current workspace store. Knows nothing of Electron:
 * the Electron entry and the e2e harness give it the folder picker, the link opener and the
 * event sink.
 */
export class Services {
  private constructor(
    private readonly deps: ServicesDeps,
    private readonly options: Pick<OpenOptions, 'fs' | 'now' | 'indexDelayMs' | 'pid'>,
    private current: WorkspaceStore,
  ) {}

  /** Opens `workspaceDir` (with `create`/`seed` on first run); throws ServiceError (e.g. LOCKED) when it cannot. */
  static async create(options: ServicesOptions): Promise<Services> {
    const { create, seed, fs, now, indexDelayMs, pid, ...deps } = options;
    const storeOptions = { fs, now, indexDelayMs, pid };
    const holder: { services?: Services } = {};
    const store = await WorkspaceStore.open(deps.workspaceDir, {
      ...storeOptions,
      create,
      seed,
      onNotice: (notice) => holder.services?.deps.emit('notice', notice),
    });
    holder.services = new Services(deps, storeOptions, store);
    await holder.services.startWatching();
    return holder.services;
  }

  private watcher: WorkspaceWatcher | null = null;

  /** Watches the current workspace: outside changes sync the store and go to the page as `workspace.outsideChange`. */
  private async startWatching(): Promise<void> {
    const store = this.current;
    // Files changed while the app was closed, found by the store's check after a warm open.
    store.onOutsideChanges((changes) => {
      if (this.current === store) this.deps.emit('workspace.outsideChange', { changes });
    });
    if (!this.deps.watch) return;
    try {
      this.watcher = await WorkspaceWatcher.start(store, (changes) => {
        if (this.current === store) this.deps.emit('workspace.outsideChange', { changes });
      });
    } catch (error) {
      // The app works without it; outside changes then show up on the next open or save.
      console.warn('Versus Desk: could not watch the workspace for outside changes', error);
    }
  }

  private async stopWatching(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close().catch((error: unknown) => console.warn('Versus Desk: could not stop watching the workspace', error));
  }

  private publishingHelper: Publishing | undefined;

  /** Export, import and preview (created on first use: class fields initialize before the constructor's parameters). */
  private get publishing(): Publishing {
    this.publishingHelper ??= new Publishing(this.deps, { now: this.options.now, exportPace: this.deps.exportPace, importPace: this.deps.importPace });
    return this.publishingHelper;
  }

  private reviewHelper: ReviewService | undefined;

  /** Review actions as the current profile (created on first use, like publishing). */
  get review(): ReviewService {
    this.reviewHelper ??= new ReviewService(
      () => this.current,
      this.deps.profiles ?? memoryProfileStore(),
      this.options.now ?? (() => new Date()),
      (message) => this.deps.emit('notice', { id: `review-${Date.now()}`, kind: 'warning', message }),
    );
    return this.reviewHelper;
  }

  private historyHelpers: { autosave: AutosaveSnapshots; service: HistoryService } | undefined;

  /** Autosave snapshots around ordinary saves, and history list/diff/restore (src/main/history). */
  get history(): { autosave: AutosaveSnapshots; service: HistoryService } {
    if (!this.historyHelpers) {
      const now = this.options.now ?? (() => new Date());
      const by = () => this.review.profile()?.personId ?? null;
      const autosave = new AutosaveSnapshots(() => this.current, now, by, (message) => this.deps.emit('notice', { id: `history-${Date.now()}`, kind: 'warning', message }));
      this.historyHelpers = { autosave, service: new HistoryService(() => this.current, by, now, autosave) };
    }
    return this.historyHelpers;
  }

  /** The open workspace (tests and the CLI reach the store directly). */
  get store(): WorkspaceStore {
    return this.current;
  }

  /** Runs one channel with input the dispatcher has already validated. */
  invoke<C extends Channel>(channel: C, input: ParsedInput<C>): Promise<OutputOf<C>> {
    const handler = this.handlers[channel] as (input: ParsedInput<C>) => Promise<OutputOf<C>>;
    return handler(input);
  }

  /** Closes the workspace: pending writes finish, the index is written, the lock released. */
  async close(): Promise<void> {
    await this.stopWatching();
    return this.current.close();
  }

  private readonly handlers: Handlers = {
    'workspace.info': async () => this.current.info(),
    'workspace.choose': async ({ mode }) => this.choose(mode),
    'comparisons.list': async ({ query, limit }) => {
      const list = await this.current.searchComparisons(query);
      return limit === undefined ? list : list.slice(0, limit);
    },
    'comparisons.get': ({ id }) => this.current.getComparison(id),
    'comparisons.create': ({ terms }) => this.current.createComparison(terms),
    'comparisons.save': ({ comparison, baseRevision }) =>
      // The copy it is based on by its save time too: another computer's save of the same revision
      // (synced in) is a conflict, not overwritten.
      this.history.autosave.around('comparison', comparison.id, baseRevision, () =>
        this.current.saveComparison(comparison, baseRevision, { baseUpdatedAt: comparison.updatedAt }),
      ),
    'comparisons.delete': async ({ id, baseRevision }) => {
      await this.current.deleteComparison(id, baseRevision);
      return { id };
    },
    'people.list': async () => this.current.listPeople(),
    'people.get': ({ id }) => this.current.getPerson(id),
    'people.create': (input) => this.current.createPerson(input),
    // Based on the copy by its save time too, as comparisons.save.
    'people.save': ({ person, baseRevision }) =>
      this.history.autosave.around('person', person.id, baseRevision, () => this.current.savePerson(person, baseRevision, { baseUpdatedAt: person.updatedAt })),
    'people.delete': async ({ id }) => {
      await this.current.deletePerson(id);
      return { id };
    },
    'shell.openExternal': async ({ url }) => {
      if (!isAllowedHref(url) || !EXTERNAL_PROTOCOLS.has(new URL(url).protocol)) {
        throw new ServiceError('INVALID_INPUT', 'Only https and mailto links open outside Versus Desk.', { url });
      }
      await this.deps.openExternal(url);
      return { opened: true };
    },
    'app.flushed': async () => {
      this.deps.onFlushed?.();
      return {};
    },
    'profile.get': async () => this.review.profile(),
    'profile.set': (profile) => this.review.setProfile(profile),
    'review.comparison': ({ id, baseRevision, baseUpdatedAt, action, parts, sections }) =>
      this.review.reviewComparison(id, baseRevision, action === 'approve' || action === 'request_changes' ? { action, parts, sections } : { action }, baseUpdatedAt),
    'review.person': ({ id, baseRevision, baseUpdatedAt, action }) =>
      this.review.reviewPerson(id, baseRevision, action === 'approve' || action === 'request_changes' ? { action, parts: [], sections: [] } : { action }, baseUpdatedAt),
    'comments.add': ({ kind, id, baseRevision, part, anchor, text }) => this.review.comment(id, baseRevision, { part, anchor, text }, kind),
    'comments.reply': ({ kind, id, baseRevision, thread, text }) => this.review.reply(id, baseRevision, thread, text, kind),
    'comments.resolve': ({ kind, id, baseRevision, thread, resolved }) => this.review.resolve(id, baseRevision, thread, resolved, kind),
    'export.run': (input) => this.publishing.export(this.current, input),
    'export.cancel': async () => this.publishing.cancelExport(),
    'import.plan': ({ source }) => this.publishing.plan(this.current, source),
    'import.apply': ({ planId, choices }) => this.publishing.apply(this.current, planId, choices),
    'import.cancel': async ({ writing }) => this.publishing.cancelImport({ writing }),
    'comparisons.preview': ({ id }) => this.publishing.preview(this.current, id),
    'journal.write': ({ doc, stamp }) => this.current.journal.write(doc, stamp),
    'journal.clear': ({ id, stamp }) => this.current.journal.clear(id, stamp),
    'journal.list': ({ id }) => this.current.journal.list(id),
    'journal.writePerson': ({ key, draft, stamp }) => this.current.journal.people.write(key, draft, stamp),
    'journal.clearPerson': ({ key, stamp }) => this.current.journal.people.clear(key, stamp),
    'journal.listPeople': ({ key }) => this.current.journal.people.list(key),
    'history.list': ({ kind, id }) => this.history.service.list(kind, id),
    'history.diff': ({ kind, id, from, to }) => this.history.service.diff(kind, id, from, to),
    'history.restore': ({ kind, id, revision, baseRevision }) => this.history.service.restore(kind, id, revision, baseRevision),
  };

  /**
   * Lets the user pick a folder and switches to it. The new workspace opens before the old one
   * closes, so a refusal (locked, not a workspace) leaves the current one in place.
   */
  private async choose(mode: 'open' | 'create') {
    const picked = await this.deps.chooseFolder(mode);
    if (!picked) return null;
    const dir = resolve(picked);
    if (dir === this.current.path) return this.current.info();
    const next = await this.openChosen(dir, mode);
    const previous = this.current;
    await this.stopWatching();
    this.current = next;
    await this.startWatching();
    await previous.close().catch((error: unknown) => console.warn('Versus Desk: could not close the previous workspace', error));
    const info = next.info();
    this.deps.emit('workspace.changed', info);
    return info;
  }

  private async openChosen(dir: string, mode: 'open' | 'create'): Promise<WorkspaceStore> {
    const open = (create: boolean) =>
      WorkspaceStore.open(dir, { ...this.options, create, seed: false, onNotice: (notice) => this.deps.emit('notice', notice) });
    try {
      return await open(false);
    } catch (error) {
      const details = error instanceof ServiceError ? (error.details as { reason?: string; empty?: boolean } | undefined) : undefined;
      const notAWorkspace = details?.reason === 'not-a-workspace' || details?.reason === 'missing-folder';
      // An empty folder becomes a new workspace in either mode; a folder full of other files
      // is not turned into one behind the user's back.
      if (notAWorkspace && (details?.empty || details?.reason === 'missing-folder')) return open(true);
      if (notAWorkspace && mode === 'create') {
        throw new ServiceError('INVALID_INPUT', `${dir} already holds other files. Choose an empty folder for a new workspace.`, details);
      }
      throw error;
    }
  }
}
