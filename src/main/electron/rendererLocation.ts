import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the page comes from: the dev server in `electron-vite dev`, the built file otherwise. */
export type RendererEntry = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/**
 * The layout `electron-vite build` produces: out/main/index.js, out/preload/index.cjs,
 * out/renderer/index.html. `mainDir` is the folder of the running main bundle.
 */
export function preloadPath(mainDir: string): string {
  return resolve(join(mainDir, '../preload/index.cjs'));
}

export function rendererEntry(mainDir: string, devServerUrl: string | undefined): RendererEntry {
  if (devServerUrl) return { kind: 'url', url: devServerUrl };
  return { kind: 'file', path: resolve(join(mainDir, '../renderer/index.html')) };
}

/**
 * True only for the app's own page: the built index.html (any hash or query), or a page of the
 * dev server's origin. Everything else (another file, a remote page, about:blank) is a stranger.
 */
export function isTrustedRendererUrl(url: string, entry: RendererEntry): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (entry.kind === 'url') {
    try {
      return parsed.origin !== 'null' && parsed.origin === new URL(entry.url).origin;
    } catch {
      return false;
    }
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  parsed.search = '';
  parsed.hash = '';
  try {
    return resolve(fileURLToPath(parsed)) === entry.path;
  } catch {
    return false;
  }
}
