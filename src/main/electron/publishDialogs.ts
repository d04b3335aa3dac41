import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, Shell } from 'electron';
import type { PublishingDeps } from '../publish/Publishing';

/**
 * The native dialogs and the file manager behind export and import: the page only says "zip"
 * or "folder"; where to write and what to read is chosen here, in main, by the user.
 */
export function publishDialogs(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  shell: Pick<Shell, 'showItemInFolder'>,
  getWindow: () => BrowserWindow | null,
): Required<Pick<PublishingDeps, 'chooseExportTarget' | 'chooseImportSource' | 'revealPath'>> {
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };
  return {
    chooseExportTarget: async (format) => {
      const options: SaveDialogOptions =
        format === 'zip'
          ? {
              title: 'Export Bundle',
              buttonLabel: 'Export',
              defaultPath: 'versus-desk-export.zip',
              filters: [{ name: 'Zip bundle', extensions: ['zip'] }],
              properties: ['showOverwriteConfirmation', 'createDirectory'],
            }
          : {
              title: 'Export Bundle Folder',
              buttonLabel: 'Export',
              defaultPath: 'versus-desk-export',
              properties: ['createDirectory'],
            };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseImportSource: async (kind) => {
      const options: OpenDialogOptions =
        kind === 'file'
          ? {
              title: 'Import',
              buttonLabel: 'Import',
              properties: ['openFile'],
              filters: [{ name: 'Bundles and Markdown articles', extensions: ['zip', 'md', 'markdown'] }],
            }
          : { title: 'Import Bundle Folder', buttonLabel: 'Import', properties: ['openDirectory'] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    revealPath: async (path) => {
      shell.showItemInFolder(path);
    },
  };
}
