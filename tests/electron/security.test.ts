import { describe, expect, it, vi, beforeEach } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { electron, fakeEvent, FakeSession, FakeWebContents } from './electronMock';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  installSecurityHooks,
  isExternalUrlAllowed,
} from '../../src/main/electron/security';

vi.mock('electron', async () => (await import('./electronMock')).electronModule());

function hardened(url = 'file:///app/out/renderer/index.html'): FakeWebContents {
  const contents = new FakeWebContents();
  contents.url = url;
  hardenWebContents(contents as unknown as WebContents, electron.shell);
  return contents;
}

beforeEach(() => {
  electron.shell.openExternal.mockClear();
});

describe('the page cannot leave itself', () => {
  it('blocks navigation to any other page', () => {
    const contents = hardened();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank']) {
      const event = fakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('lets the page reload itself', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-navigate', event, contents.url);
    expect(event.defaultPrevented).toBe(false);
  });

  it('blocks redirects and <webview> tags', () => {
    const contents = hardened();
    const redirect = fakeEvent();
    contents.emit('will-redirect', redirect, 'https://example.com/');
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(redirect.defaultPrevented).toBe(true);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every new window and opens only https and mailto links outside the app', async () => {
    const contents = hardened();
    const urls = [
      'https://example.com/page',
      'mailto:editor@example.com',
      'http://example.com/',
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'not a url',
    ];
    for (const url of urls) expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://example.com/page',
      'mailto:editor@example.com',
    ]);
  });

  it('allows external links only for https and mailto', () => {
    expect(isExternalUrlAllowed('https://a.example/')).toBe(true);
    expect(isExternalUrlAllowed('mailto:a@b.example')).toBe(true);
    expect(isExternalUrlAllowed('http://a.example/')).toBe(false);
    expect(isExternalUrlAllowed(' javascript:alert(1)')).toBe(false);
    expect(isExternalUrlAllowed('data:text/html,hi')).toBe(false);
    expect(isExternalUrlAllowed('')).toBe(false);
  });
});

describe('permissions and CSP', () => {
  it('refuses every permission request and check', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('adds the strict CSP to every response it sees', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    const callback = vi.fn();
    session.headersHandler?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('hardens every webContents the app creates', () => {
    installSecurityHooks(electron.app as unknown as Pick<App, 'on'>, electron.shell);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', fakeEvent(), contents);
    const event = fakeEvent();
    contents.emit('will-navigate', event, 'https://example.com/');
    expect(event.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const callback = vi.fn();
    contents.session.permissionRequestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });
});
