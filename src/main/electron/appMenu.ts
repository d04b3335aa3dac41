import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/contract';

export interface AppMenuActions {
  /** Shows the folder picker and opens (or creates) a workspace there. */
  chooseWorkspace(mode: 'open' | 'create'): void;
  /** Tells the page to do something only it can (open a view, start a new comparison). */
  sendCommand(command: MenuCommand): void;
}

export interface AppMenuOptions {
  /** Reload and developer tools appear only when developing. */
  isDev: boolean;
  platform: NodeJS.Platform;
  actions: AppMenuActions;
}

/** The native menu, using roles wherever Electron has one so the usual shortcuts just work. */
export function buildAppMenuTemplate({ isDev, platform, actions }: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Comparison', accelerator: 'CmdOrCtrl+N', click: () => actions.sendCommand('new-comparison') },
      { type: 'separator' },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.chooseWorkspace('open') },
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.chooseWorkspace('create') },
      { type: 'separator' },
      { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.sendCommand('export') },
      { label: 'Import…', click: () => actions.sendCommand('import') },
      { type: 'separator' },
      { label: 'Comparisons', accelerator: 'CmdOrCtrl+1', click: () => actions.sendCommand('show-comparisons') },
      { label: 'People', accelerator: 'CmdOrCtrl+2', click: () => actions.sendCommand('show-people') },
      { label: 'Dashboard', accelerator: 'CmdOrCtrl+3', click: () => actions.sendCommand('show-dashboard') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isDev
        ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ role: 'about' }] };
  return [
    ...(isMac ? ([{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    file,
    edit,
    view,
    { role: 'windowMenu' },
    help,
  ];
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate(options)));
}
