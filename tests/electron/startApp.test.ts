/**
 * The whole shell wired together, with electron faked and the workspace services replaced by a
 * stub: what a user would notice at start, on close and on quit.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../src/shared/api/contract';
import { ServiceError } from '../../src/shared/api/errors';
import type { OpenWorkspaceOptions } from '../../src/main/electron/openWorkspaceServices';
import { startApp } from '../../src/main/electron/startApp';
import { electron, fakeEvent, FakeBrowserWindow } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronModule());

const opened = vi.hoisted(() => ({
  options: undefined as OpenWorkspaceOptions | undefined,
  failWith: undefined as Error | undefined,
  close: undefined as (() => Promise<void>) | undefined,
}));
vi.mock('../../src/main/electron/openWorkspaceServices', () => ({
  openWorkspaceServices: async (options: OpenWorkspaceOptions) => {
    opened.options = options;
    if (opened.failWith) throw opened.failWith;
    return { services: { close: opened.close }, workspaceDir: options.lastWorkspace ?? options.defaultWorkspace };
  },
}));

const mainDir = resolve('/opt/versus-desk/out/main');
const appPage = pathToFileURL(resolve('/opt/versus-desk/out/renderer/index.html')).href;
let userData: string;
const userDataDirs: string[] = [];

beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'versus-userdata-'));
  electron.app.removeAllListeners();
  electron.app.singleInstance = true;
  electron.app.quitted = false;
  electron.app.paths = { documents: '/home/ann/Documents', userData };
  electron.ipcMain.handlers.clear();
  FakeBrowserWindow.instances.length = 0;
  opened.options = undefined;
  opened.failWith = undefined;
  opened.close = vi.fn(async () => undefined);
  userDataDirs.push(userData);
  vi.clearAllMocks();
});
// Removed at the end: a test's settings writes may still be landing when the next one starts.
afterAll(async () => {
  await Promise.all(userDataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function onlyWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0] as FakeBrowserWindow;
}

describe('starting the app', () => {
  it('hands over to the running instance and quits when one is already open', async () => {
    electron.app.singleInstance = false;
    await startApp(mainDir);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('focuses the open window when the app is started again', async () => {
    await startApp(mainDir);
    electron.app.emit('second-instance', fakeEvent(), [], '/');
    expect(onlyWindow().focus).toHaveBeenCalled();
  });

  it('says clearly that the workspace is open elsewhere, and opens no window', async () => {
    opened.failWith = new ServiceError('LOCKED', 'The workspace is open in another Versus Desk window.');
    await startApp(mainDir);
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(String(electron.dialog.showErrorBox.mock.calls[0]?.[1])).toMatch(/open in another Versus Desk window/);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });

  it('opens the default workspace in Documents on first run, and reopens the last one after', async () => {
    await startApp(mainDir);
    expect(opened.options?.defaultWorkspace).toBe(join('/home/ann/Documents', 'Versus Desk'));
    expect(opened.options?.lastWorkspace).toBeUndefined();
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8')) as { lastWorkspace?: string };
      expect(saved.lastWorkspace).toBe(join('/home/ann/Documents', 'Versus Desk'));
    });
    electron.app.removeAllListeners();
    electron.ipcMain.handlers.clear();
    await startApp(mainDir);
    expect(opened.options?.lastWorkspace).toBe(join('/home/ann/Documents', 'Versus Desk'));
  });

  it('binds every contract channel and opens a secure window on the built page', async () => {
    await startApp(mainDir);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
    const window = onlyWindow();
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect((window.options.webPreferences as { preload: string }).preload).toBe(resolve('/opt/versus-desk/out/preload/index.cjs'));
    expect(window.loaded).toEqual({ kind: 'file', target: resolve('/opt/versus-desk/out/renderer/index.html') });
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    const navigation = fakeEvent();
    window.webContents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('answers calls from any page but its own with FORBIDDEN', async () => {
    await startApp(mainDir);
    const handler = electron.ipcMain.handlers.get('people.list');
    await expect(handler?.({ senderFrame: { url: 'https://evil.example/' } }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(handler?.({ senderFrame: { url: appPage } }, { unexpected: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('passes service events to the page and remembers the workspace that opened', async () => {
    await startApp(mainDir);
    const info = { path: '/home/ann/Work', name: 'Work', notices: [], counts: { comparisons: 0, people: 0 } };
    opened.options?.emit('workspace.changed', info);
    expect(onlyWindow().webContents.sent).toContainEqual({ channel: 'workspace.changed', payload: info });
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8')) as { lastWorkspace?: string };
      expect(saved.lastWorkspace).toBe('/home/ann/Work');
    });
  });

  it('keeps the profile (who uses this copy of the app) in the app settings across starts', async () => {
    await startApp(mainDir);
    const profile = { personId: '01JP0000000000000000000001', role: 'editor' as const };
    expect(opened.options?.profiles?.get()).toBeNull();
    await opened.options?.profiles?.set(profile);
    const saved = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8')) as { profile?: unknown };
    expect(saved.profile).toEqual(profile);
    electron.app.removeAllListeners();
    electron.ipcMain.handlers.clear();
    await startApp(mainDir);
    expect(opened.options?.profiles?.get()).toEqual(profile);
  });

  it('opens only https and mailto links for the services', async () => {
    await startApp(mainDir);
    await opened.options?.openExternal('https://example.com/');
    await expect(opened.options?.openExternal('file:///etc/passwd')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('gives the services the native save and open dialogs for export and import, over the window', async () => {
    await startApp(mainDir);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ann/out.zip' });
    await expect(opened.options?.chooseExportTarget?.('zip')).resolves.toBe('/home/ann/out.zip');
    expect(electron.dialog.showSaveDialog.mock.calls[0]?.[0]).toBe(onlyWindow());
    await expect(opened.options?.chooseImportSource?.('folder')).resolves.toBeNull();
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
    await opened.options?.revealPath?.('/home/ann/out.zip');
    expect(electron.shell.showItemInFolder).toHaveBeenCalledWith('/home/ann/out.zip');
  });
});

describe('closing and quitting', () => {
  it('asks the page to save before the window closes, and closes once it has', async () => {
    await startApp(mainDir);
    const window = onlyWindow();
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.webContents.sent.map((message) => message.channel)).toContain('app.flush');
    opened.options?.onFlushed?.();
    await vi.waitFor(() => expect(window.destroyed).toBe(true));
  });

  it('saves the page, then closes the workspace store, before the app quits', async () => {
    await startApp(mainDir);
    const window = onlyWindow();
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    expect(opened.close).not.toHaveBeenCalled();
    expect(window.webContents.sent.map((message) => message.channel)).toContain('app.flush');
    opened.options?.onFlushed?.();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(opened.close).toHaveBeenCalledTimes(1);
  });
});
