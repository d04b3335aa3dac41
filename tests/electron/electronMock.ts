/**
 * One fake of the `electron` module for every wiring test (the real one cannot load here).
 * Use it with: vi.mock('electron', async () => (await import('./electronMock')).electronModule());
 * Fakes record what the app registered, so a test can call the registered handlers itself.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  preventDefault: () => void;
  defaultPrevented: boolean;
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent & Record<string, unknown> {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type HeadersHandler = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  headersHandler: HeadersHandler | null = null;
  setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler | null) => {
    this.permissionRequestHandler = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: ((...args: unknown[]) => boolean) | null) => {
    this.permissionCheckHandler = handler;
  });
  webRequest = {
    onHeadersReceived: vi.fn((handler: HeadersHandler) => {
      this.headersHandler = handler;
    }),
  };
}

export class FakeWebContents extends EventEmitter {
  url = '';
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  getURL = (): string => this.url;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  send = vi.fn((channel: string, payload: unknown) => {
    this.sent.push({ channel, payload });
  });
  isDestroyed = (): boolean => this.destroyed;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  webContents = new FakeWebContents();
  destroyed = false;
  shown = false;
  maximized = false;
  loaded: { kind: 'url' | 'file'; target: string } | null = null;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    FakeBrowserWindow.instances.push(this);
    electron.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL = vi.fn(async (url: string) => {
    this.loaded = { kind: 'url', target: url };
    this.webContents.url = url;
  });
  loadFile = vi.fn(async (path: string) => {
    this.loaded = { kind: 'file', target: path };
    this.webContents.url = `file://${path}`;
  });
  show = vi.fn(() => {
    this.shown = true;
  });
  maximize = vi.fn(() => {
    this.maximized = true;
  });
  isMaximized = (): boolean => this.maximized;
  isMinimized = (): boolean => false;
  restore = vi.fn();
  focus = vi.fn();
  getNormalBounds = (): { x: number; y: number; width: number; height: number } => ({ ...this.bounds });
  isDestroyed = (): boolean => this.destroyed;
  /** Like Electron: 'close' may be prevented; otherwise the window is destroyed and 'closed' fires. */
  close = vi.fn(() => {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  });
}

class FakeApp extends EventEmitter {
  singleInstance = true;
  paths: Record<string, string> = { documents: '/nonexistent/documents', userData: '/nonexistent/userData' };
  requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  whenReady = vi.fn(async () => undefined);
  getPath = vi.fn((name: string) => this.paths[name] ?? `/nonexistent/${name}`);
  quit = vi.fn(() => {
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  });
  exit = vi.fn();
  quitted = false;
  isPackaged = false;
}

function createElectron() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handlers,
      handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    ipcRenderer: {
      listeners: rendererListeners,
      invoke: vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        rendererListeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        rendererListeners.get(channel)?.delete(listener);
      }),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    shell: { openExternal: vi.fn(async (_url: string) => undefined), showItemInFolder: vi.fn((_path: string) => undefined) },
    dialog: {
      showErrorBox: vi.fn(),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
    },
    screen: {
      getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
    },
    session: { defaultSession: new FakeSession() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
  };
}

export const electron = createElectron();
export type FakeElectron = typeof electron;

/** What `vi.mock('electron', ...)` returns: the fake as both named and default exports. */
export function electronModule(): FakeElectron & { default: FakeElectron } {
  return { ...electron, default: electron };
}
