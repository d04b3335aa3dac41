import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate } from '../../src/main/electron/appMenu';

vi.mock('electron', async () => (await import('./electronMock')).electronModule());

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function menu(isDev: boolean, platform: NodeJS.Platform = 'linux') {
  const actions = { chooseWorkspace: vi.fn(), sendCommand: vi.fn() };
  return { actions, all: items(buildAppMenuTemplate({ isDev, platform, actions })) };
}

const roles = (all: MenuItemConstructorOptions[]) => all.map((item) => item.role).filter(Boolean);
const byLabel = (all: MenuItemConstructorOptions[], label: string) => all.find((item) => item.label === label);

describe('the application menu', () => {
  it('has the usual editing shortcuts through roles', () => {
    expect(roles(menu(false).all)).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'selectAll', 'quit']),
    );
    expect(roles(menu(false).all)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'windowMenu', 'about']));
  });

  it('opens and creates workspaces from the File menu', () => {
    const { all, actions } = menu(false);
    const open = byLabel(all, 'Open Workspace…');
    expect(open?.accelerator).toBe('CmdOrCtrl+O');
    (open?.click as () => void)();
    (byLabel(all, 'New Workspace…')?.click as () => void)();
    expect(actions.chooseWorkspace.mock.calls).toEqual([['open'], ['create']]);
  });

  it('asks the page to start a new comparison', () => {
    const { all, actions } = menu(false);
    expect(byLabel(all, 'New Comparison')?.accelerator).toBe('CmdOrCtrl+N');
    (byLabel(all, 'New Comparison')?.click as () => void)();
    (byLabel(all, 'People')?.click as () => void)();
    expect(actions.sendCommand.mock.calls).toEqual([['new-comparison'], ['show-people']]);
  });

  it('asks the page to open the export and import dialogs', () => {
    const { all, actions } = menu(false);
    expect(byLabel(all, 'Export…')?.accelerator).toBe('CmdOrCtrl+Shift+E');
    (byLabel(all, 'Export…')?.click as () => void)();
    (byLabel(all, 'Import…')?.click as () => void)();
    expect(actions.sendCommand.mock.calls).toEqual([['export'], ['import']]);
  });

  it('offers reload and developer tools only while developing', () => {
    expect(roles(menu(false).all)).not.toContain('toggleDevTools');
    expect(roles(menu(false).all)).not.toContain('reload');
    expect(roles(menu(true).all)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('follows the macOS conventions on a Mac', () => {
    const mac = roles(menu(false, 'darwin').all);
    expect(mac[0]).toBe('appMenu');
    expect(mac).toContain('close');
  });
});
