/**
 * Playwright fixtures for the e2e journeys: the built renderer in Chromium with the REAL main
 * services on a fresh temp workspace behind it (DESIGN.md §5). Each page gets `window.versusDesk`
 * from an init script that mirrors the preload, wired through `page.exposeFunction` to the same
 * dispatcher the Electron entry binds to IPC.
 */
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRIDGE_GLOBAL, CHANNELS, EVENTS } from '../../../src/shared/api/channels';
import type { ApiResult } from '../../../src/shared/api/errors';
import type { Comparison } from '../../../src/shared/model/comparison';
import type { Person } from '../../../src/shared/model/person';
import type { Services } from '../../../src/main/services/Services';
import { installBridge } from './bridgeInit';
import { startMainSide } from './mainSide';
import type { FolderMode, MainSide, SeedKind } from './mainSide';
import { startStaticServer } from './staticServer';
import { DialogStub, ExportGate, type ExportFormat, type ImportSourceKind } from './publishSide';
import type { StaticServer } from './staticServer';

export { expect };
export type { FolderMode, SeedKind };

/** The built renderer; E2E_RENDERER_DIR points the harness at another build (e.g. a placeholder page). */
const RENDERER_DIR = process.env.E2E_RENDERER_DIR
  ? resolve(process.env.E2E_RENDERER_DIR)
  : fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** What `workspace.choose` answers: a folder, null (the user cancelled), or a function of the mode. */
export type FolderAnswer = string | null | ((mode: FolderMode) => string | null | Promise<string | null>);

/** Stub of the native folder picker behind `workspace.choose`. */
export class FolderPicker {
  private next: FolderAnswer = null;
  /** Every mode the app asked with, in order. */
  readonly calls: FolderMode[] = [];
  /** Sets the answer for the following calls (until set again). Default: null (cancelled). */
  answer(next: FolderAnswer): void {
    this.next = next;
  }
  async choose(mode: FolderMode): Promise<string | null> {
    this.calls.push(mode);
    const next = this.next;
    return typeof next === 'function' ? next(mode) : next;
  }
}

export interface EmittedEvent {
  event: string;
  payload: unknown;
}

type Deliver = (event: string, payload: unknown) => number;

/** The app under test: the services on the workspace, and the pages wired to them. */
export class AppHarness {
  readonly chooseFolder = new FolderPicker();
  /** URLs that reached the openExternal service (i.e. the app asked the OS to open them). */
  readonly openedExternal: string[] = [];
  /** The export's native save dialog: `app.chooseExportTarget.answer(path)`. */
  readonly chooseExportTarget = new DialogStub<ExportFormat>();
  /** The import's native open dialog: `app.chooseImportSource.answer(path)`. */
  readonly chooseImportSource = new DialogStub<ImportSourceKind>();
  /** Paths the app showed in the file manager (after an export). */
  readonly revealed: string[] = [];
  /** Holds an export between articles: `app.exportGate.hold(1)`, then `release()`. */
  readonly exportGate = new ExportGate();
  /** Hold an import's reading (planning) or writing (applying) after `n` articles: `app.importGates.reading.hold(1)`. */
  readonly importGates = { reading: new ExportGate(), writing: new ExportGate() };
  /** Every event main emitted, in order. */
  readonly emitted: EmittedEvent[] = [];
  /** Every call a page made, in order, with main's answer once it has one. */
  readonly pageCalls: Array<{ channel: string; result?: ApiResult<unknown> }> = [];
  /** Page calls to these channels wait for their gate (`app.heldCalls.set('journal.list', promise)`) before main sees them. */
  readonly heldCalls = new Map<string, Promise<void>>();
  private side: MainSide | undefined;
  private readonly wired = new Set<Page>();
  private flushWaiters: Array<() => void> = [];

  constructor(
    readonly page: Page,
    readonly workspaceDir: string,
    private readonly seed: SeedKind,
    private readonly server: StaticServer,
  ) {}

  /** The current services (a new instance after `restart()`). */
  get services(): Services {
    if (!this.side) throw new Error('The main side is not started');
    return this.side.services;
  }

  async start(seed: SeedKind | false = this.seed): Promise<void> {
    this.side = await startMainSide({
      workspaceDir: this.workspaceDir,
      seed,
      trustedOrigin: new URL(this.server.url).origin,
      chooseFolder: (mode) => this.chooseFolder.choose(mode),
      openExternal: async (url) => {
        this.openedExternal.push(url);
      },
      emit: (event, payload) => this.deliver(event, payload),
      chooseExportTarget: (format) => this.chooseExportTarget.choose(format),
      chooseImportSource: (kind) => this.chooseImportSource.choose(kind),
      revealPath: async (path) => {
        this.revealed.push(path);
      },
      exportPace: this.exportGate.pace,
      importPace: (step, done) => this.importGates[step].pace(done),
      onFlushed: () => {
        const waiters = this.flushWaiters;
        this.flushWaiters = [];
        for (const done of waiters) done();
      },
    });
  }

  /** Calls a channel from Node as the app's page would (default sender: the served page), e.g. to play a second writer. */
  dispatch(channel: string, input: unknown, sender: { url: string } = { url: this.server.url }): Promise<ApiResult<unknown>> {
    if (!this.side) throw new Error('The main side is not started');
    return this.side.dispatch(channel, input, sender);
  }

  async stop(): Promise<void> {
    await this.side?.close();
    this.side = undefined;
  }

  /** Defines `window.versusDesk` in `page` (before any of its scripts) and routes its calls here. */
  async wire(page: Page): Promise<void> {
    if (this.wired.has(page)) return;
    this.wired.add(page);
    page.once('close', () => this.wired.delete(page));
    await page.exposeFunction('__vdInvoke', async (channel: string, input: unknown) => {
      if (!this.side) return { ok: false, error: { code: 'INTERNAL', message: 'The app is restarting' } };
      const call: { channel: string; result?: ApiResult<unknown> } = { channel };
      this.pageCalls.push(call);
      await this.heldCalls.get(channel);
      if (!this.side) return { ok: false, error: { code: 'INTERNAL', message: 'The app is restarting' } };
      call.result = await this.side.dispatch(channel, input, { url: page.url() });
      return call.result;
    });
    await page.addInitScript(installBridge, { global: BRIDGE_GLOBAL, channels: [...CHANNELS], events: [...EVENTS] });
  }

  /** Loads the app in `page` (default: the test's page) and waits for the sidebar's list. */
  async open(page: Page = this.page): Promise<void> {
    await this.wire(page);
    await page.goto(this.server.url);
    await expect(page.getByRole('navigation', { name: 'Comparisons' })).toBeVisible();
    // Attached rather than visible: an empty list has no height.
    await expect(page.getByRole('list', { name: 'Comparisons' })).toBeAttached();
  }

  /** Sends a main -> renderer event to every wired page, as `webContents.send` does (dropped where no page listens). */
  deliver(event: string, payload: unknown): void {
    this.emitted.push({ event, payload });
    for (const page of this.wired) {
      page
        .evaluate(([e, p]) => (globalThis as unknown as { __vdEmit?: Deliver }).__vdEmit?.(e, p), [event, payload] as const)
        .catch(() => undefined);
    }
  }

  /** Sends an event to one page and waits until it was delivered; fails when the page has no bridge. */
  async emitToPage(event: string, payload: unknown, page: Page = this.page): Promise<number> {
    this.emitted.push({ event, payload });
    return page.evaluate(
      ([e, p]) => {
        const deliver = (globalThis as unknown as { __vdEmit?: Deliver }).__vdEmit;
        if (!deliver) throw new Error('The page has no e2e bridge');
        return deliver(e, p);
      },
      [event, payload] as const,
    );
  }

  /** What closing the window does first: `app.flush` to the page, then wait for its `app.flushed`. */
  async flush(timeoutMs = 5_000, page: Page = this.page): Promise<void> {
    const flushed = new Promise<void>((done) => this.flushWaiters.push(done));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`The page did not answer app.flush within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const listeners = await this.emitToPage('app.flush', {}, page);
      if (listeners === 0) throw new Error('The page does not listen to app.flush');
      await Promise.race([flushed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Quit and start again: flush the page, unload it, close the services (releasing the lock), reopen the same folder, load the app. */
  async restart(): Promise<void> {
    await this.flush();
    // The window goes first, then the services, as in the real quit.
    await this.page.goto('about:blank');
    await this.stop();
    await this.start(false);
    await this.open();
  }

  async readStoredComparisons(): Promise<Comparison[]> {
    return readRecords<Comparison>(join(this.workspaceDir, 'comparisons'));
  }

  async readStoredComparison(slugOrId: string): Promise<Comparison> {
    const all = await this.readStoredComparisons();
    const found = all.find((c) => c.id === slugOrId || c.slug === slugOrId);
    if (!found) {
      throw new Error(`No stored comparison "${slugOrId}" in ${this.workspaceDir} (stored: ${all.map((c) => c.slug).join(', ') || 'none'})`);
    }
    return found;
  }

  async readStoredPeople(): Promise<Person[]> {
    return readRecords<Person>(join(this.workspaceDir, 'people'));
  }
}

async function readRecords<T>(dir: string): Promise<T[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    out.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as T);
  }
  return out;
}

export interface HarnessFixtures {
  /** Option: the temp workspace starts as the first-run 'sample' workspace (default) or 'empty'. `test.use({ seed: 'empty' })`. */
  seed: SeedKind;
  /** The app under test (everything below is a shortcut into it). */
  app: AppHarness;
  /** The temp workspace folder: fresh per test, removed afterwards unless the test failed. */
  workspaceDir: string;
  /** The services as first started (after `restartApp()` use `app.services`). */
  services: Services;
  chooseFolder: FolderPicker;
  openedExternal: string[];
  /** Loads the app in the test's page (or another page, wired to the same services) and waits for the sidebar list. */
  openApp: (page?: Page) => Promise<void>;
  restartApp: () => Promise<void>;
  flushApp: (timeoutMs?: number) => Promise<void>;
  readStoredComparison: (slugOrId: string) => Promise<Comparison>;
  readStoredComparisons: () => Promise<Comparison[]>;
  readStoredPeople: () => Promise<Person[]>;
}

export interface HarnessWorkerFixtures {
  /** The built renderer served on 127.0.0.1 (one server per worker). */
  rendererServer: StaticServer;
}

export const test = base.extend<HarnessFixtures, HarnessWorkerFixtures>({
  rendererServer: [
    async ({}, use) => {
      const server = await startStaticServer(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  seed: ['sample', { option: true }],
  workspaceDir: async ({}, use, testInfo) => {
    const dir = await mkdtemp(join(tmpdir(), 'versus-desk-e2e-'));
    await use(dir);
    if (testInfo.status === testInfo.expectedStatus) await rm(dir, { recursive: true, force: true });
    else console.log(`[e2e] kept the workspace of "${testInfo.title}": ${dir}`);
  },
  app: async ({ page, workspaceDir, seed, rendererServer }, use) => {
    const app = new AppHarness(page, workspaceDir, seed, rendererServer);
    await app.start();
    await app.wire(page);
    await use(app);
    await app.stop();
  },
  services: async ({ app }, use) => use(app.services),
  chooseFolder: async ({ app }, use) => use(app.chooseFolder),
  openedExternal: async ({ app }, use) => use(app.openedExternal),
  openApp: async ({ app }, use) => use((page?: Page) => app.open(page)),
  restartApp: async ({ app }, use) => use(() => app.restart()),
  flushApp: async ({ app }, use) => use((timeoutMs?: number) => app.flush(timeoutMs)),
  readStoredComparison: async ({ app }, use) => use((slugOrId: string) => app.readStoredComparison(slugOrId)),
  readStoredComparisons: async ({ app }, use) => use(() => app.readStoredComparisons()),
  readStoredPeople: async ({ app }, use) => use(() => app.readStoredPeople()),
});

export type { Page };
