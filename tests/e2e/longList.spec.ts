/**
 * A workspace with many articles: the sidebar list scrolls inside the sidebar and keeps only the
 * rows in view in the page (it once grew as tall as all its rows and rendered thousands of them,
 * blocking the page for tens of seconds at 10,000 articles), and the editor's code, loaded on
 * demand, shows a loading state until it arrives.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './harness/harness';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const ARTICLES = 120;

test.use({ seed: 'empty' });

test('a long list stays virtualized, scrolls inside the sidebar and keeps the focused row; the editor shows a loading state while its code loads', async ({ page, app, openApp }) => {
  for (let i = 0; i < ARTICLES; i++) {
    await app.services.invoke('comparisons.create', { terms: [`Alpha ${String(i).padStart(3, '0')}`, `Omega ${i}`] });
  }

  // Hold the editor's code back until the loading state has been seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  await page.route(/\/assets\/ComparisonEditor-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });

  await openApp();
  const list = page.getByRole('list', { name: 'Comparisons' });
  await expect(list).toHaveAttribute('aria-busy', 'false');
  const items = list.getByRole('listitem');
  await expect(items.first()).toBeVisible();
  await expect(items.first()).toHaveAttribute('aria-setsize', String(ARTICLES));

  // The app opens the newest article by itself: its code is held, so the loading state shows.
  const loading = page.getByRole('main').getByRole('status').filter({ hasText: 'Loading the editor…' });
  await expect(loading).toBeVisible();
  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, 'long-list-loading-editor.png'), animations: 'disabled', caret: 'hide' });
  release();
  await expect(page.getByRole('heading', { level: 1, name: /^Alpha 119 vs\. Omega 119/ })).toBeVisible();
  await expect(loading).toHaveCount(0);

  // Only the rows in view (plus a few) are in the page, and the list fits in the window.
  const rendered = await items.count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(40);
  const box = await list.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.y + box.height <= viewport.height + 1).toBe(true);

  // Scrolling the list to its end brings the oldest article into view, still with few rows.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const oldest = list.getByRole('button', { name: /^Alpha 000 vs\. Omega 0/ });
  await expect(oldest).toBeVisible();
  await expect(oldest.locator('xpath=..')).toHaveAttribute('aria-posinset', String(ARTICLES));
  expect(await items.count()).toBeLessThan(40);

  // And it opens from there.
  await oldest.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Alpha 000 vs\. Omega 0/ })).toBeVisible();
  await page.screenshot({ path: join(OUT_DIR, 'long-list-scrolled.png'), animations: 'disabled', caret: 'hide' });

  // A row with the keyboard focus stays in the page when the list is scrolled away from it (it
  // once went with the rows scrolled out, and Tab started again from the top of the window).
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  const second = list.getByRole('button', { name: /^Alpha 118 vs\. Omega 118/ });
  await second.focus();
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(oldest).toBeVisible();
  await expect(second).toBeFocused();
  expect(await items.count()).toBeLessThan(40);
  await page.screenshot({ path: join(OUT_DIR, 'long-list-focus-kept.png'), animations: 'disabled', caret: 'hide' });
  // Tab reaches the next row, which the list scrolls to; Enter opens it.
  await page.keyboard.press('Tab');
  const third = list.getByRole('button', { name: /^Alpha 117 vs\. Omega 117/ });
  await expect(third).toBeFocused();
  await expect(third).toBeInViewport();
  await page.screenshot({ path: join(OUT_DIR, 'long-list-focus-tab.png'), animations: 'disabled', caret: 'hide' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Alpha 117 vs\. Omega 117/ })).toBeVisible();
});

test('when the editor code cannot load, the window says so instead of going blank', async ({ page, app, openApp }) => {
  await app.services.invoke('comparisons.create', { terms: ['Tea', 'Coffee'] });
  await page.route(/\/assets\/ComparisonEditor-[^/]*\.js$/, (route) => route.abort());
  await openApp();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load the editor' })).toBeVisible();
  // The rest of the window still works.
  await expect(page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: /^Tea vs\. Coffee/ })).toBeVisible();
  await page.getByRole('button', { name: 'People', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
});
