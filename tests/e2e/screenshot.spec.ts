/**
 * The editor with the seed article as pictures: the first screen and the whole article, attached
 * to the test report and written to test-results/screenshots/. With UPDATE_SCREENSHOTS=1 they
 * also replace the README's copies in docs/screenshots/ (kept out of ordinary runs so a test run
 * never dirties the work tree).
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './harness/harness';
import { expectSeedOpen, field } from './support/editor';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test('saves a full-page screenshot of the editor with the seed article', async ({ page, openApp }, testInfo) => {
  await openApp();
  await expectSeedOpen(page);
  await expect(field(page, 'FAQ 20 question')).not.toHaveValue('');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);

  await mkdir(OUT_DIR, { recursive: true });
  const first = await page.screenshot({ path: join(OUT_DIR, 'editor.png'), animations: 'disabled', caret: 'hide' });
  await testInfo.attach('editor (first screen)', { body: first, contentType: 'image/png' });

  // The editor scrolls inside the window: make the window as tall as the article so the page shows all of it.
  const { width } = page.viewportSize() ?? { width: 1400 };
  const main = page.locator('main');
  const height = await main.evaluate((el) => Math.ceil(el.getBoundingClientRect().top + el.scrollHeight));
  await page.setViewportSize({ width, height });
  await expect.poll(() => main.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

  const png = await page.screenshot({ path: join(OUT_DIR, 'editor-full.png'), fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach('editor (whole article)', { body: png, contentType: 'image/png' });
  expect(png.length).toBeGreaterThan(10_000);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOCS_DIR, { recursive: true });
    for (const name of ['editor.png', 'editor-full.png']) await copyFile(join(OUT_DIR, name), join(DOCS_DIR, name));
  }
});
