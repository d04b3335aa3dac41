import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl, preloadPath, rendererEntry } from '../../src/main/electron/rendererLocation';

const mainDir = resolve('/opt/versus-desk/out/main');

describe('which page may call main', () => {
  const built = rendererEntry(mainDir, undefined);
  const ownPage = pathToFileURL(resolve('/opt/versus-desk/out/renderer/index.html')).href;

  it('loads the built page next to the main bundle, or the dev server when there is one', () => {
    expect(built).toEqual({ kind: 'file', path: resolve('/opt/versus-desk/out/renderer/index.html') });
    expect(rendererEntry(mainDir, 'http://localhost:5173/')).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(preloadPath(mainDir)).toBe(join(resolve('/opt/versus-desk/out/preload'), 'index.cjs'));
  });

  it('trusts the built page, whatever its hash or query', () => {
    expect(isTrustedRendererUrl(ownPage, built)).toBe(true);
    expect(isTrustedRendererUrl(`${ownPage}#/people`, built)).toBe(true);
    expect(isTrustedRendererUrl(`${ownPage}?x=1`, built)).toBe(true);
  });

  it('refuses any other page', () => {
    for (const url of [
      pathToFileURL(resolve('/opt/versus-desk/out/renderer/other.html')).href,
      pathToFileURL(resolve('/tmp/index.html')).href,
      'https://example.com/index.html',
      'about:blank',
      '',
      'not a url',
      'file://evil-host/opt/versus-desk/out/renderer/index.html',
    ]) {
      expect(isTrustedRendererUrl(url, built), url).toBe(false);
    }
  });

  it('trusts only the dev server origin in development', () => {
    const dev = rendererEntry(mainDir, 'http://localhost:5173/');
    expect(isTrustedRendererUrl('http://localhost:5173/#/people', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl(ownPage, dev)).toBe(false);
  });
});
