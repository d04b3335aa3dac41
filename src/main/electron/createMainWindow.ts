import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';
import type { RendererEntry } from './rendererLocation';
import type { WindowState } from './windowState';

/**
 * The page runs isolated and sandboxed with no Node: it reaches main only through the
 * preload's bridge, which exposes the contract's calls and nothing raw. Middle-click
 * (`auxclick`) is switched off so no link can ask for a new window that way.
 * createMainWindow spells the same object out literally so `npm run lint:security`
 * (electronegativity reads the BrowserWindow call) sees it; a test checks the two agree.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: true,
    disableBlinkFeatures: 'Auxclick',
    preload,
  };
}

export interface MainWindowOptions {
  preload: string;
  entry: RendererEntry;
  /** A saved state already checked to be on a visible display. */
  state?: WindowState;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 };

/** Creates the main window, shown once its first paint is ready (no white flash). */
export function createMainWindow({ preload, entry, state }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...(state ? { x: state.x, y: state.y, width: state.width, height: state.height } : DEFAULT_WINDOW_SIZE),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Versus Desk',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
      preload,
    },
  });
  window.once('ready-to-show', () => {
    if (state?.maximized) window.maximize();
    window.show();
  });
  const loading = entry.kind === 'url' ? window.loadURL(entry.url) : window.loadFile(entry.path);
  loading.catch((error: unknown) => console.error('Could not load the window', error));
  return window;
}
