/**
 * Journey 4: a second writer saves the same comparison while it is open. The next save from the
 * page is refused; the writer is shown "Changed elsewhere" and chooses. "Keep mine" stores their
 * own copy and shows the one it replaced; "Reload theirs" shows the newer copy and keeps their own
 * on screen. Nothing is lost without the writer seeing it.
 */
import type { Comparison } from '../../src/shared/model/comparison';
import { expect, test } from './harness/harness';
import { conflictDialog, expectSeedOpen, field } from './support/editor';
import { expectSaved } from './support/fields';

const SLUG = 'social-media-vs-social-networking';
const MINE = 'Mine: is social networking a kind of social media?';
const THEIRS = 'Theirs: how do social media and social networking differ?';

test('"Keep mine" after another writer saved stores my copy and shows the one it replaced', async ({ page, app, openApp, readStoredComparison }) => {
  await openApp();
  await expectSeedOpen(page);
  const opened = await readStoredComparison(SLUG);

  // The other writer (another window, another process) saves a newer revision.
  const theirs: Comparison = { ...opened, faqs: opened.faqs.map((f, i) => (i === 1 ? { ...f, question: THEIRS } : f)) };
  const result = await app.dispatch('comparisons.save', { comparison: theirs, baseRevision: opened.revision });
  expect(result.ok).toBe(true);
  const theirRevision = (await readStoredComparison(SLUG)).revision;
  expect(theirRevision).toBe(opened.revision + 1);

  await field(page, 'FAQ 1 question').fill(MINE);
  const dialog = conflictDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('was changed elsewhere');
  await expect(dialog).toContainText('The replaced copy');
  // Until the writer chooses, nothing of theirs is overwritten.
  expect((await readStoredComparison(SLUG)).faqs[0].question).toBe(opened.faqs[0].question);

  await dialog.getByRole('button', { name: 'Keep mine', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expectSaved(page);
  await expect(field(page, 'FAQ 1 question')).toHaveValue(MINE);

  const stored = await readStoredComparison(SLUG);
  expect(stored.faqs[0].question).toBe(MINE);
  expect(stored.revision).toBe(theirRevision + 1);
  // My copy won as a whole, as the dialog said it would…
  expect(stored.faqs[1].question).toBe(opened.faqs[1].question);
  // …and the copy it replaced is on screen, their change in it, until dismissed.
  const replaced = page.getByRole('textbox', { name: 'The replaced copy', exact: true });
  await expect(replaced).toHaveValue(new RegExp(escapeRegExp(THEIRS)));
  await expect(replaced).not.toHaveValue(new RegExp(escapeRegExp(MINE)));

  // Later edits save normally again (the editor is based on the new revision).
  await field(page, 'FAQ 3 question').fill('Mine again: a later edit');
  await expectSaved(page);
  await expect(conflictDialog(page)).toHaveCount(0);
  expect((await readStoredComparison(SLUG)).faqs[2].question).toBe('Mine again: a later edit');
  await page.getByRole('button', { name: 'Dismiss replaced copy', exact: true }).click();
  await expect(replaced).toHaveCount(0);
});

test('"Reload theirs" shows the other window\'s copy and keeps mine on screen', async ({ page, context, openApp, readStoredComparison }) => {
  await openApp();
  await expectSeedOpen(page);
  const opened = await readStoredComparison(SLUG);

  // A second window on the same workspace saves first.
  const second = await context.newPage();
  await openApp(second);
  await expectSeedOpen(second);
  await field(second, 'FAQ 2 question').fill(THEIRS);
  await expectSaved(second);
  expect((await readStoredComparison(SLUG)).faqs[1].question).toBe(THEIRS);

  await field(page, 'FAQ 1 question').fill(MINE);
  const dialog = conflictDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Reload theirs', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  // Their copy is shown…
  await expect(field(page, 'FAQ 2 question')).toHaveValue(THEIRS);
  await expect(field(page, 'FAQ 1 question')).toHaveValue(opened.faqs[0].question);
  // …and mine is still there to copy from.
  const discarded = page.getByRole('textbox', { name: 'Your discarded copy', exact: true });
  await expect(discarded).toBeVisible();
  await expect(discarded).toHaveValue(new RegExp(escapeRegExp(MINE)));
  await expect(discarded).not.toHaveValue(new RegExp(escapeRegExp(THEIRS)));

  await expectSaved(page);
  const stored = await readStoredComparison(SLUG);
  expect(stored.faqs[1].question).toBe(THEIRS);
  expect(stored.faqs[0].question).toBe(opened.faqs[0].question);

  // Copying my text back in saves without another conflict.
  await field(page, 'FAQ 1 question').fill(MINE);
  await expectSaved(page);
  await expect(conflictDialog(page)).toHaveCount(0);
  const merged = await readStoredComparison(SLUG);
  expect(merged.faqs.slice(0, 2).map((f) => f.question)).toEqual([MINE, THEIRS]);
  await second.close();
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
