import { resolve } from 'node:path';
import type { Channel, EventName } from '../../shared/api/channels';
import type { Contract, OutputOf } from '../../shared/api/contract';
import { ServiceError } from '../../shared/api/errors';
import { isAllowedHref } from '../../shared/model/richText';
import type { z } from 'zod';
import { WorkspaceStore, type OpenOptions } from '../store/WorkspaceStore';

export interface ServicesDeps {
  /** The workspace opened at start. */
  workspaceDir: string;
  /** Shows the native folder picker; null when the user cancels. */
  chooseFolder(mode: 'open' | 'create'): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  emit(event: EventName, payload: unknown): void;
  /** The renderer saved its pending edits (answer to the `app.flush` event). */
  onFlushed?(): void;
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
    return holder.services;
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
  close(): Promise<void> {
    return this.current.close();
  }

  private readonly handlers: Handlers = {
    'workspace.info': async () => this.current.info(),
    'workspace.choose': async ({ mode }) => this.choose(mode),
    'comparisons.list': async ({ query }) => this.current.listComparisons(query),
    'comparisons.get': ({ id }) => this.current.getComparison(id),
    'comparisons.create': ({ terms }) => this.current.createComparison(terms),
    'comparisons.save': ({ comparison, baseRevision }) => this.current.saveComparison(comparison, baseRevision),
    'comparisons.delete': async ({ id, baseRevision }) => {
      await this.current.deleteComparison(id, baseRevision);
      return { id };
    },
    'people.list': async () => this.current.listPeople(),
    'people.get': ({ id }) => this.current.getPerson(id),
    'people.create': (input) => this.current.createPerson(input),
    'people.save': ({ person, baseRevision }) => this.current.savePerson(person, baseRevision),
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
    this.current = next;
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
