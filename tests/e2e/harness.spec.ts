/**
 * The harness itself: if these fail, every journey's result is suspect. They check that the page
 * sees the same bridge the preload gives, and that the static server serves only the build.
 */
import { expect, test } from './harness/harness';

test.describe('the e2e harness', () => {
  test('gives the page the preload-shaped bridge, wired to the real services', async ({ page, openApp }) => {
    await openApp();
    const seen = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as { versusDesk: { invoke(c: string, i: unknown): Promise<unknown>; on(e: string, l: () => void): () => void } }).versusDesk;
      const info = (await bridge.invoke('workspace.info', {})) as { ok: boolean; value?: { counts: { comparisons: number } } };
      const unknown = (await bridge.invoke('fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error?: { code: string } };
      let badEvent = '';
      try {
        bridge.on('ipc.raw', () => undefined);
      } catch (error) {
        badEvent = String(error);
      }
      return { keys: Object.keys(bridge).sort(), info, unknown, badEvent, frozen: Object.isFrozen(bridge) };
    });
    expect(seen.keys).toEqual(['invoke', 'on']);
    expect(seen.frozen).toBe(true);
    expect(seen.info.ok).toBe(true);
    expect(seen.info.value?.counts.comparisons).toBe(1);
    expect(seen.unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(seen.badEvent).toContain('Unknown event');
  });

  test('refuses calls from a page that is not the app', async ({ app }) => {
    const result = await app.dispatch('workspace.info', {}, { url: 'https://example.com/' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('serves the build with its types and nothing outside it', async ({ request, rendererServer }) => {
    const index = await request.get(rendererServer.url);
    expect(index.status()).toBe(200);
    expect(index.headers()['content-type']).toBe('text/html; charset=utf-8');
    const script = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(await index.text())?.[1];
    expect(script, 'index.html loads a module script').toBeTruthy();
    const js = await request.get(rendererServer.url + script);
    expect(js.status()).toBe(200);
    expect(js.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    for (const path of ['..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', 'assets/..%2f..%2f..%2fpackage.json']) {
      // Refused (403), or normalised by the URL parser to a path inside the build that isn't there (404).
      const response = await request.get(rendererServer.url + path);
      expect([403, 404], path).toContain(response.status());
      expect(await response.text(), path).not.toContain('versus-desk');
    }
    expect((await request.get(rendererServer.url + 'no-such-file.png')).status()).toBe(404);
  });
});
