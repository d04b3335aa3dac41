/**
 * Hot exit: edits typed within the autosave delay, or not saveable yet (an empty title), survive a
 * crash of the page, a window close and an app quit. They go to `.versus-desk/journal/<id>.json`
 * about 250 ms after the writer pauses, come back on the next open with a notice, and the journal
 * is removed once the store acknowledged a save covering it. A journal based on a revision that
 * changed meanwhile goes through the "Changed elsewhere" choice: nothing is lost.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Comparison } from '../../src/shared/model/comparison';
import { expect, test } from './harness/harness';
import { conflictDialog, expectSeedOpen, field } from './support/editor';
import { expectSaved, SEED_TITLE } from './support/fields';
import { journalTexts } from './support/journal';

const SLUG = 'social-media-vs-social-networking';
const TYPED = 'Typed just before the crash: is a forum social media?';

/**
 * Page-side: article saves never reach main (as if the page died before its save was acknowledged),
 * so the test does not race the 700 ms autosave and can wait for the journal as long as a loaded
 * machine needs. (The journal's own timing is pinned with fake timers in journalTiming.test.ts.)
 */
function holdSaves(): void {
  const w = globalThis as unknown as Record<string, unknown>;
  const invoke = w.__vdInvoke as (channel: string, input: unknown) => Promise<unknown>;
  w.__vdInvoke = (channel: string, input: unknown) => (channel === 'comparisons.save' ? new Promise(() => undefined) : invoke(channel, input));
}

function notices(page: Page) {
  return page.getByRole('alert', { name: 'Notices' });
}

test('a page that crashes right after typing gets the edits back on the next open, with a notice', async ({ page, context, app, openApp, readStoredComparison, workspaceDir }) => {
  await page.addInitScript(holdSaves);
  await openApp();
  await expectSeedOpen(page);
  const opened = await readStoredComparison(SLUG);

  await field(page, 'FAQ 1 question').fill(TYPED);
  // The journal lands (saves are held: the crash comes before any is acknowledged)…
  await expect.poll(async () => (await journalTexts(workspaceDir)).some((j) => j.includes(TYPED)), { intervals: [20], timeout: 10_000 }).toBe(true);
  // …and the page dies at once: no beforeunload, no flush, no save.
  await page.close({ runBeforeUnload: false });
  expect((await readStoredComparison(SLUG)).faqs[0].question).toBe(opened.faqs[0].question);

  // The window comes back (Electron reloads a crashed page; here: a new page on the same services).
  const again = await context.newPage();
  await openApp(again);
  await expect(notices(again)).toContainText(`Recovered unsaved edits to “${SEED_TITLE}”`);
  await expect(field(again, 'FAQ 1 question')).toHaveValue(TYPED);
  await expectSaved(again);
  await mkdir('test-results/screenshots', { recursive: true });
  await again.screenshot({ path: 'test-results/screenshots/hot-exit-recovered.png' });
  expect((await readStoredComparison(SLUG)).faqs[0].question).toBe(TYPED);
  // Acknowledged, so the journal is gone, and a later start recovers nothing.
  await expect.poll(() => journalTexts(workspaceDir)).toEqual([]);
  expect(app.emitted.filter((e) => e.event === 'workspace.outsideChange')).toEqual([]);
});

test('closing the window keeps an edit that cannot be saved yet (an empty title) until it can', async ({ page, context, app, openApp, readStoredComparison, workspaceDir }) => {
  await openApp();
  await expectSeedOpen(page);
  const opened = await readStoredComparison(SLUG);

  await field(page, 'Title').fill('');
  await field(page, 'FAQ 2 question').fill('Saved along with the title, later');
  // The close path: main asks the page to save; the page answers although the save was refused.
  await app.flush();
  await page.close({ runBeforeUnload: false });
  const stored = await readStoredComparison(SLUG);
  expect(stored.title).toBe(SEED_TITLE);
  expect(stored.revision).toBe(opened.revision);
  const [journal] = await journalTexts(workspaceDir);
  const entry = JSON.parse(journal) as { doc: Comparison };
  expect(entry.doc.title).toBe('');
  expect(entry.doc.faqs[1].question).toBe('Saved along with the title, later');

  const again = await context.newPage();
  await openApp(again);
  await expect(notices(again)).toContainText('Recovered unsaved edits');
  await expect(field(again, 'Title')).toHaveValue('');
  await expect(field(again, 'FAQ 2 question')).toHaveValue('Saved along with the title, later');
  await expect(again.getByRole('status', { name: 'Save status' })).toContainText('The title cannot be empty');

  await field(again, 'Title').fill('A title at last');
  await expectSaved(again);
  const saved = await readStoredComparison(SLUG);
  expect(saved.title).toBe('A title at last');
  expect(saved.faqs[1].question).toBe('Saved along with the title, later');
  await expect.poll(() => journalTexts(workspaceDir)).toEqual([]);
});

test('quitting the app keeps an unsaveable edit and the next start opens on it', async ({ page, openApp, restartApp, readStoredComparison, workspaceDir }) => {
  await openApp();
  await expectSeedOpen(page);
  await field(page, 'Title').fill('');
  await field(page, 'FAQ 3 question').fill('Typed before quitting');
  await restartApp();

  await expect(notices(page)).toContainText('Recovered unsaved edits');
  await expect(field(page, 'Title')).toHaveValue('');
  await expect(field(page, 'FAQ 3 question')).toHaveValue('Typed before quitting');
  expect((await readStoredComparison(SLUG)).title).toBe(SEED_TITLE);
  expect(await journalTexts(workspaceDir)).toHaveLength(1);
});

test('recovered edits based on a revision changed meanwhile go through "Changed elsewhere"; nothing is lost', async ({ page, context, app, openApp, readStoredComparison, workspaceDir }) => {
  await page.addInitScript(holdSaves);
  await openApp();
  await expectSeedOpen(page);
  const opened = await readStoredComparison(SLUG);
  await field(page, 'FAQ 1 question').fill(TYPED);
  await expect.poll(async () => (await journalTexts(workspaceDir)).length, { intervals: [20], timeout: 10_000 }).toBe(1);
  await page.close({ runBeforeUnload: false });

  // While the window was gone, another writer saved a newer revision.
  const theirs: Comparison = { ...opened, faqs: opened.faqs.map((f, i) => (i === 1 ? { ...f, question: 'Their newer question' } : f)) };
  expect((await app.dispatch('comparisons.save', { comparison: theirs, baseRevision: opened.revision })).ok).toBe(true);

  const again = await context.newPage();
  await openApp(again);
  await expect(notices(again)).toContainText('changed elsewhere since then');
  const dialog = conflictDialog(again);
  await expect(dialog).toBeVisible();
  // Until the writer chooses, their copy stays as it is.
  expect((await readStoredComparison(SLUG)).faqs[1].question).toBe('Their newer question');
  await dialog.getByRole('button', { name: 'Keep mine', exact: true }).click();
  await expectSaved(again);
  const stored = await readStoredComparison(SLUG);
  expect(stored.faqs[0].question).toBe(TYPED);
  expect(stored.revision).toBe(opened.revision + 2);
  // Their copy, which mine replaced, is on screen.
  await expect(again.getByRole('textbox', { name: 'The replaced copy', exact: true })).toHaveValue(/Their newer question/);
  await expect.poll(() => journalTexts(workspaceDir)).toEqual([]);
});
