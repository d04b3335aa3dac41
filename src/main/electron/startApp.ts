import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, screen, session, shell } from 'electron';
import type { OpenDialogOptions } from 'electron';
import type { EventName } from '../../shared/api/channels';
import { ServiceError } from '../../shared/api/errors';
import { createDispatcher } from '../ipc/dispatcher';
import { AppSettingsStore } from './appSettings';
import { installAppMenu } from './appMenu';
import { bindIpc } from './bindIpc';
import { createFlushGate, guardWindowClose, type FlushGate } from './closeFlush';
import { createMainWindow } from './createMainWindow';
import { openWorkspaceServices, type OpenedWorkspace } from './openWorkspaceServices';
import { publishDialogs } from './publishDialogs';
import { isTrustedRendererUrl, preloadPath, rendererEntry } from './rendererLocation';
import { hardenSession, installSecurityHooks, openExternalSafely } from './security';
import { restorableWindowState, trackWindowState } from './windowState';

/** The folder opened on first run, created and seeded with the sample article. */
export function defaultWorkspaceDir(): string {
  return join(app.getPath('documents'), 'Versus Desk');
}

function isLocked(error: unknown): boolean {
  return error instanceof ServiceError && error.code === 'LOCKED';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the app: one instance, hardened sessions, the workspace services, IPC, the menu and
 * the main window; on quit the page saves first and the workspace store closes last.
 * `mainDir` is the folder of the built main bundle (out/main).
 */
export async function startApp(mainDir: string): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  installSecurityHooks(app, shell);
  await app.whenReady();
  hardenSession(session.defaultSession);

  const settings = await AppSettingsStore.open(join(app.getPath('userData'), 'settings.json'));
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const entry = rendererEntry(mainDir, devServerUrl);
  const ownUrl = entry.kind === 'url' ? entry.url : pathToFileURL(entry.path).href;
  let window: BrowserWindow | null = null;
  let gate: FlushGate | null = null;

  const emit = (event: EventName, payload: unknown): void => {
    if (event === 'workspace.changed' && payload && typeof payload === 'object' && 'path' in payload) {
      const path = (payload as { path: unknown }).path;
      if (typeof path === 'string') void settings.update({ lastWorkspace: path });
    }
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  };

  let opened: OpenedWorkspace;
  try {
    opened = await openWorkspaceServices({
      lastWorkspace: settings.get().lastWorkspace,
      defaultWorkspace: defaultWorkspaceDir(),
      chooseFolder: async (mode) => {
        const options: OpenDialogOptions = {
          title: mode === 'open' ? 'Open Workspace' : 'New Workspace',
          buttonLabel: mode === 'open' ? 'Open' : 'Create Here',
          properties: mode === 'open' ? ['openDirectory'] : ['openDirectory', 'createDirectory', 'promptToCreate'],
        };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      openExternal: async (url) => {
        if (!(await openExternalSafely(shell, url))) throw new ServiceError('FORBIDDEN', 'Only https and mailto links can be opened.');
      },
      emit,
      // Another program (git, a sync tool) changing files while the app is open is noticed.
      watch: true,
      onFlushed: () => gate?.markFlushed(),
      // Who uses this copy of the app is a setting of the app, not of a workspace.
      profiles: { get: () => settings.get().profile ?? null, set: (profile) => settings.update({ profile }) },
      ...publishDialogs(dialog, shell, () => window),
    });
  } catch (error) {
    dialog.showErrorBox(
      'Versus Desk cannot open the workspace',
      isLocked(error)
        ? `${errorMessage(error)}\n\nClose the other Versus Desk window that has this workspace open, then try again.`
        : errorMessage(error),
    );
    app.exit(1);
    return;
  }
  const { services } = opened;
  void settings.update({ lastWorkspace: opened.workspaceDir });

  const dispatch = createDispatcher(services, { isTrustedSender: (sender) => isTrustedRendererUrl(sender.url, entry) });
  bindIpc(ipcMain, dispatch);

  const openWindow = (): BrowserWindow => {
    const state = restorableWindowState(settings.get().window, screen.getAllDisplays());
    const created = createMainWindow({ preload: preloadPath(mainDir), entry, state });
    trackWindowState(created, (saved) => void settings.update({ window: saved }));
    const windowGate = createFlushGate(() => created.webContents.send('app.flush', {}));
    guardWindowClose(created, windowGate);
    // A crashed page comes back by itself; its unsaved edits come back from the hot-exit journal.
    created.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason !== 'clean-exit' && !created.isDestroyed()) created.reload();
    });
    created.on('closed', () => {
      if (window === created) {
        window = null;
        gate = null;
      }
    });
    window = created;
    gate = windowGate;
    return created;
  };

  installAppMenu({
    isDev: Boolean(devServerUrl),
    platform: process.platform,
    actions: {
      chooseWorkspace: (mode) => {
        // The same path as the page's own request, so the checks and events are the same too.
        void dispatch('workspace.choose', { mode }, { url: ownUrl }).then((result) => {
          if (!result.ok) dialog.showErrorBox('Versus Desk cannot open the workspace', result.error.message);
        });
      },
      sendCommand: (command) => {
        if (window && !window.isDestroyed()) window.webContents.send('menu.command', { command });
      },
    },
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closedForQuit = false;
  let quitting = false;
  app.on('before-quit', (event) => {
    if (closedForQuit) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void (async () => {
      try {
        await gate?.request();
        await settings.flush();
        await services.close();
      } catch (error) {
        console.error('Could not close the workspace cleanly', error);
      } finally {
        closedForQuit = true;
        app.quit();
      }
    })();
  });

  openWindow();
}
