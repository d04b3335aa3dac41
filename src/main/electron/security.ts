import type { App, Session, Shell, WebContents } from 'electron';

/**
 * The page's Content-Security-Policy. The built index.html carries the same policy as a meta
 * tag; the header covers pages served by the dev server.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Only web links and mail links leave the app, and only to the system's own handlers. */
export function isExternalUrlAllowed(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** Opens an allowed link with the system handler; refuses anything else. Returns whether it opened. */
export async function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string): Promise<boolean> {
  if (!isExternalUrlAllowed(url)) return false;
  await shell.openExternal(url);
  return true;
}

/**
 * The page may never leave itself: no navigation, no redirects, no new windows, no <webview>.
 * A link meant for a new window opens in the system browser when it is https/mailto.
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Swallowed on purpose: a link that fails to open must not take the page down with it.
    openExternalSafely(shell, url).catch((error: unknown) => console.warn('Could not open link', error));
    return { action: 'deny' };
  });
}

/**
 * The app needs no camera, microphone, notifications or any other permission: refuse them all,
 * both the request and the silent check. Pages of the dev server get the CSP as a header.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Applies the same rules to every webContents the app ever creates, the main window's included. */
export function installSecurityHooks(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, shell);
    hardenSession(contents.session);
  });
}
