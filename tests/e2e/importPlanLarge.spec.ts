/**
 * A plan of many items (issue 5: writers keep years of articles): the plan table renders only the
 * rows in view, yet every item can be reached by scrolling and chosen for, and the choice is what
 * the import does.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBundle } from '../../src/main/bundle/exportBundle';
import { HistoryStore } from '../../src/main/history/HistoryStore';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { expect, test } from './harness/harness';
import { openImportPlan } from './support/importPlan';

test.use({ seed: 'empty' });

const ARTICLES = 150;

test('a plan of 150 articles shows a screenful of rows, keeps the focused choice, scrolls to the last, skips the one chosen, and reports the rest', async ({ app, page, workspaceDir }) => {
  test.setTimeout(60_000);
  const shared = await mkdtemp(join(tmpdir(), 'versus-desk-big-plan-'));
  try {
    const source = await WorkspaceStore.open(join(shared, 'source'), { create: true, seed: false });
    for (let i = 0; i < ARTICLES; i++) await source.createComparison([`Term ${i}`, `Other ${i}`]);
    const bundle = join(shared, 'many.zip');
    await exportBundle(source, { out: bundle, format: 'zip', status: 'any', createdBy: 'e2e', appVersion: '0', now: new Date(Date.UTC(2024, 0, 1)), history: HistoryStore.forStore(source) });
    await source.close();

    await app.open();
    const { dialog, plan } = await openImportPlan(page, app, bundle);
    await expect(dialog.getByText(`Plan for ${bundle}: ${ARTICLES} new, 0 updated`)).toBeVisible();
    // Every item is counted (the header row and one per article), a screenful is in the page.
    await expect(plan).toHaveAttribute('aria-rowcount', String(ARTICLES + 1));
    const rendered = await plan.locator('tbody tr[aria-rowindex]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(ARTICLES / 2);

    // A choice with the keyboard focus stays in the page when the table is scrolled away from it,
    // and Tab from it reaches the next row's choice (which the table then scrolls to).
    const box = plan.locator('xpath=..');
    const third = plan.locator('tbody tr[aria-rowindex="4"]').getByRole('combobox');
    await third.focus();
    await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(plan.locator(`tbody tr[aria-rowindex="${ARTICLES + 1}"]`)).toBeVisible();
    await expect(third).toBeFocused();
    expect(await plan.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(ARTICLES / 2);
    await page.keyboard.press('Tab');
    const fourth = plan.locator('tbody tr[aria-rowindex="5"]').getByRole('combobox');
    await expect(fourth).toBeFocused();
    await expect(fourth).toBeInViewport();

    // Scrolled to the end, the last item is there; it is skipped.
    await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = plan.locator(`tbody tr[aria-rowindex="${ARTICLES + 1}"]`);
    await expect(last).toBeVisible();
    const title = ((await last.getByRole('rowheader').textContent()) ?? '').replace(/^Article\s*/, '').replace(/term-.*$/, '').trim();
    expect(title).toMatch(/^Term \d+ vs\. Other \d+: /);
    await last.getByRole('combobox', { name: `Choice for ${title}` }).selectOption({ label: 'Skip' });
    await last.scrollIntoViewIfNeeded();
    await mkdir('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/import-plan-large.png' });
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    // The report: counts for all, the first 100 listed, the rest on request.
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported:' })).toHaveText(`Imported: ${ARTICLES - 1} written (${ARTICLES - 1} created), 1 kept as they were.`);
    const written = dialog.getByRole('list', { name: 'Imported' }).getByRole('listitem');
    await expect(written).toHaveCount(100);
    await page.screenshot({ path: 'test-results/screenshots/import-report-large.png' });
    await dialog.getByRole('button', { name: `Show the other ${ARTICLES - 101}` }).click();
    await expect(written).toHaveCount(ARTICLES - 1);
    await expect(dialog.getByRole('list', { name: 'Imported' })).toBeFocused();
    await expect(dialog.getByRole('button', { name: /^Show the other/ })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const titles = await Promise.all(
      (await readdir(join(workspaceDir, 'comparisons'))).filter((n) => n.endsWith('.json')).map(async (n) => (JSON.parse(await readFile(join(workspaceDir, 'comparisons', n), 'utf8')) as { title: string }).title),
    );
    expect(titles).toHaveLength(ARTICLES - 1);
    expect(titles).not.toContain(title);
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
});
