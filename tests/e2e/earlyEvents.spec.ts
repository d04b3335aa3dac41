/**
 * An event main sends while the page is still loading (before the app has subscribed to it) is
 * not lost: the page holds it from the start of its script and hands it to the app once the app
 * listens (src/renderer/api/client.ts, holdEarlyEvents). Main's events reach the page through the
 * bridge's `__vdEmit`; here one arrives at the moment the page makes its very first call, before
 * React has even loaded, so the app cannot be listening yet.
 */
import { expect, test } from './harness/harness';

const MESSAGE = 'Sent while the window was still loading';

test('a notice main sends while the page loads is shown once the app is up, once', async ({ app, page }) => {
  await page.addInitScript((message: string) => {
    // globalThis is the page's window here (the node tsconfig has no DOM types).
    const w = globalThis as unknown as Record<string, unknown> & { document: { querySelector(selector: string): unknown } };
    const call = w.__vdInvoke as (...args: unknown[]) => Promise<unknown>;
    let first = true;
    w.__vdInvoke = (...args: unknown[]) => {
      if (first) {
        first = false;
        const emit = w.__vdEmit as (event: string, payload: unknown) => number;
        // What the page looked like when the event arrived, for the test to check it was early.
        w.__early = { listeners: emit('notice', { id: 'early-notice', kind: 'warning', message }), appShown: w.document.querySelector('nav') !== null };
      }
      return call(...args);
    };
  }, MESSAGE);
  await app.open();
  // Nothing of the app was on screen, and only the page's holder listened.
  expect(await page.evaluate(() => (globalThis as unknown as { __early?: unknown }).__early)).toEqual({ listeners: 1, appShown: false });
  const notices = page.getByRole('alert', { name: 'Notices' });
  await expect(notices.getByText(MESSAGE)).toBeVisible();
  await expect(notices.getByText(MESSAGE)).toHaveCount(1);
  // It is a notice like any other: dismissing it removes it.
  await notices.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText(MESSAGE)).toHaveCount(0);
});
