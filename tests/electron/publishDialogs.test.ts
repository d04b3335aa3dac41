/**
 * The native dialogs and the file manager behind export and import, with electron faked: main
 * asks the user where to write and what to read; a cancelled dialog is "nothing chosen".
 */
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { publishDialogs } from '../../src/main/electron/publishDialogs';
import { electron } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronModule());

function setup(window: unknown = null) {
  vi.clearAllMocks();
  const deps = publishDialogs(electron.dialog as never, electron.shell as never, () => window as BrowserWindow | null);
  return deps;
}

describe('export and import dialogs', () => {
  it('asks where to save a zip bundle, over the window, and returns the chosen path', async () => {
    const window = { isDestroyed: () => false };
    const deps = setup(window);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ann/out.zip' });
    await expect(deps.chooseExportTarget('zip')).resolves.toBe('/home/ann/out.zip');
    const [parent, options] = electron.dialog.showSaveDialog.mock.calls[0] as [unknown, { filters: Array<{ extensions: string[] }>; properties: string[] }];
    expect(parent).toBe(window);
    expect(options.filters[0].extensions).toEqual(['zip']);
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('asks for a new folder name for a folder bundle; a cancelled dialog chooses nothing', async () => {
    const deps = setup(null);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(deps.chooseExportTarget('folder')).resolves.toBeNull();
    const [options] = electron.dialog.showSaveDialog.mock.calls[0] as [{ title: string; filters?: unknown }];
    expect(options.title).toBe('Export Bundle Folder');
    expect(options.filters).toBeUndefined();
  });

  it('opens a bundle or Markdown file, or a bundle folder, to import', async () => {
    const deps = setup({ isDestroyed: () => true });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ann/in.zip'] });
    await expect(deps.chooseImportSource('file')).resolves.toBe('/home/ann/in.zip');
    // A destroyed window is no parent: the dialog opens on its own.
    const [fileOptions] = electron.dialog.showOpenDialog.mock.calls[0] as [{ properties: string[]; filters: Array<{ extensions: string[] }> }];
    expect(fileOptions.properties).toEqual(['openFile']);
    expect(fileOptions.filters[0].extensions).toEqual(['zip', 'md', 'markdown']);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(deps.chooseImportSource('folder')).resolves.toBeNull();
    const [folderOptions] = electron.dialog.showOpenDialog.mock.calls[1] as [{ properties: string[] }];
    expect(folderOptions.properties).toEqual(['openDirectory']);
  });

  it('shows an exported bundle in the file manager', async () => {
    const deps = setup();
    await deps.revealPath('/home/ann/out.zip');
    expect(electron.shell.showItemInFolder).toHaveBeenCalledWith('/home/ann/out.zip');
  });
});
