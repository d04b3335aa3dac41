/**
 * History and diffs (issue 3) through the UI with the real services: edits of a chart cell, a
 * key difference's words, a FAQ's place and the byline's editor show in the diff against the
 * first snapshot exactly as such; restoring that snapshot brings the content back as a new
 * revision and every snapshot stays listed.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from './harness/harness';
import { expectSeedOpen, field } from './support/editor';
import { expectSaved, fillRich } from './support/fields';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const EDITOR = 'Aimie Carlson';

test('the diff shows exactly what changed, by the schema, and restore brings a version back as a new revision', async ({ page, openApp, app, readStoredComparison }) => {
  test.setTimeout(30_000);
  await mkdir(SHOTS, { recursive: true });
  const newcomer = await app.services.store.createPerson({ name: 'Nora Newcomer', credentials: '', bio: { type: 'doc', content: [{ type: 'paragraph' }] } });
  const editor = app.services.store.listPeople().find((p) => p.name === EDITOR)!;
  await app.services.review.setProfile({ personId: editor.id, role: 'editor' });
  const seed = app.services.store.listComparisons()[0];
  const original = await readStoredComparison(seed.id);
  await openApp();
  await expectSeedOpen(page);

  // The edits: one chart cell, words of a key difference, FAQ 3 moved to the top, another editor.
  const cell = field(page, 'Row 2 Social Networking');
  await cell.fill('Typically involves interaction among close friends');
  const kd = (await field(page, 'Key difference 1').innerText()).trim();
  expect(kd).toContain('Contrastingly');
  await fillRich(page, 'Key difference 1', kd.replace('Contrastingly', 'By contrast'));
  const faq3 = await field(page, 'FAQ 3 question').inputValue();
  await page.getByRole('button', { name: 'Move FAQ 3 up' }).click();
  await page.getByRole('button', { name: 'Move FAQ 2 up' }).click();
  await expect(field(page, 'FAQ 1 question')).toHaveValue(faq3);
  await page.getByRole('combobox', { name: 'Editor', exact: true }).selectOption({ label: newcomer.name });
  await expectSaved(page);
  const edited = await readStoredComparison(seed.id);

  // History: the first edit kept the seed (revision 1) as an autosave snapshot.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^History: Social Media vs\. Social Networking/ });
  const snapshots = dialog.getByRole('list', { name: 'Snapshots, newest first' });
  await expect(snapshots.getByRole('listitem')).toHaveCount(1);
  await expect(snapshots.getByRole('listitem').first()).toContainText(`Revision 1 · Autosave`);
  await expect(snapshots.getByRole('listitem').first()).toContainText(`by ${EDITOR}`);

  // An editor without a review yet is told so in words.
  await dialog.getByRole('button', { name: 'Changes since my last review' }).click();
  await expect(dialog.getByRole('alert')).toContainText('never approved, requested changes on or signed off this article');

  await dialog.getByRole('button', { name: 'Compare with now: revision 1' }).click();
  const diff = dialog.getByRole('region', { name: 'Differences' });
  await expect(dialog.getByRole('heading', { name: `Changes from Revision 1 · Autosave by ${EDITOR} to Now (revision ${edited.revision})` })).toBeVisible();
  // Exactly four sections changed, in page order.
  await expect(diff.locator('.diff-section-title')).toHaveText(['Key differences', 'Comparison chart', 'FAQs', 'Byline']);
  // The chart: one row, one highlighted cell, with the words struck and inserted.
  const chart = diff.getByRole('table');
  await expect(chart.getByRole('row')).toHaveCount(2);
  const changedCells = chart.locator('[data-changed="true"]');
  await expect(changedCells).toHaveCount(1);
  await expect(changedCells.locator('del')).toHaveText(['connected or related users']);
  await expect(changedCells.locator('ins')).toHaveText(['close friends']);
  await expect(chart.getByRole('rowheader')).toHaveText('User Interaction');
  // The key difference: only the replaced word.
  const kdSection = diff.getByRole('region', { name: 'Key differences' });
  await expect(kdSection.locator('del')).toHaveText(['Contrastingly']);
  await expect(kdSection.locator('ins')).toHaveText(['By contrast']);
  // The FAQ: moved, not edited; the FAQs it passed are not listed.
  const faqs = diff.getByRole('region', { name: 'FAQs' });
  await expect(faqs.getByRole('listitem')).toHaveCount(1);
  await expect(faqs.getByRole('listitem')).toContainText('Moved from 3 to 1');
  // The byline, by name.
  const byline = diff.getByRole('region', { name: 'Byline' });
  await expect(byline.locator('del')).toHaveText([EDITOR]);
  await expect(byline.locator('ins')).toHaveText([newcomer.name]);
  await dialog.getByRole('heading', { name: /^Changes from/ }).scrollIntoViewIfNeeded();
  await dialog.screenshot({ path: `${SHOTS}diff-view.png` });

  // Restore revision 1, after a confirmation.
  await snapshots.getByRole('button', { name: 'Restore this version: revision 1' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Restore revision 1?' });
  await confirm.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByRole('status').filter({ hasText: 'Restored revision 1 as revision' })).toBeVisible();
  // Every snapshot is still listed, with the replaced version and the restore added.
  await expect(snapshots.getByRole('listitem')).toHaveCount(3);
  await expect(snapshots.getByRole('listitem').nth(0)).toContainText(`Revision ${edited.revision + 1} · Restored`);
  await expect(snapshots.getByRole('listitem').nth(1)).toContainText(`Revision ${edited.revision} · Before a restore`);
  await expect(snapshots.getByRole('listitem').nth(2)).toContainText('Revision 1 · Autosave');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The editor shows the restored content, stored as a new revision.
  await expect(field(page, 'Row 2 Social Networking')).toHaveValue(original.chart.rows[1].values.b!);
  await expect(field(page, 'FAQ 3 question')).toHaveValue(faq3);
  await expect(field(page, 'Key difference 1')).toContainText('Contrastingly');
  await expect(page.getByRole('combobox', { name: 'Editor', exact: true })).toHaveValue(editor.id);
  await expectSaved(page);
  const restored = await readStoredComparison(seed.id);
  expect(restored.revision).toBe(edited.revision + 1);
  expect(restored.chart).toEqual(original.chart);
  expect(restored.faqs.map((f) => f.id)).toEqual(original.faqs.map((f) => f.id));
  expect(restored.byline).toEqual(original.byline);
});
