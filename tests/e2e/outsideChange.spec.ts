/**
 * Another program (a git pull, a sync tool) changes, adds and deletes files in the workspace while
 * the app is open. The app notices (within 2 s; the measured time is printed), reloads what the
 * writer is not editing, reloads the open article when nothing of it is unsaved, and offers a
 * part-by-part merge when something is. Nothing is lost.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { Page } from '@playwright/test';
import type { Comparison } from '../../src/shared/model/comparison';
import type { Person } from '../../src/shared/model/person';
import { expect, test } from './harness/harness';
import { expectSeedOpen, field } from './support/editor';
import { expectSaved, SEED_TITLE } from './support/fields';

const SLUG = 'social-media-vs-social-networking';

function notices(page: Page) {
  return page.getByRole('alert', { name: 'Notices' });
}

function sidebarItem(page: Page, title: string) {
  return page.getByRole('list', { name: 'Comparisons' }).getByRole('listitem').filter({ hasText: title });
}

/** Writes a record file as another program would (plain JSON, not our deterministic writer). */
async function writeOutside(workspaceDir: string, folder: 'comparisons' | 'people', record: Comparison | Person): Promise<number> {
  await writeFile(join(workspaceDir, folder, `${record.id}.json`), JSON.stringify(record));
  return Date.now();
}

test('the lists follow articles and people changed, added and deleted by another program', async ({ page, app, openApp, readStoredComparison, workspaceDir }) => {
  const created = await app.dispatch('comparisons.create', { terms: ['Cats', 'Dogs'] });
  if (!created.ok) throw new Error(created.error.message);
  const other = created.value as Comparison;
  await openApp();
  await sidebarItem(page, SEED_TITLE).click();
  await expectSeedOpen(page);
  const seed = await readStoredComparison(SLUG);

  // Changed (not open): the list shows the new title.
  let wrote = await writeOutside(workspaceDir, 'comparisons', { ...other, revision: other.revision + 1, title: 'Cats vs. Dogs, pulled from git', titleEdited: true });
  await expect(sidebarItem(page, 'Cats vs. Dogs, pulled from git')).toBeVisible();
  console.log(`changed article listed ${Date.now() - wrote} ms after the write`);

  // Added.
  const added: Comparison = { ...other, id: ulid(), slug: 'added-by-a-sync-tool', title: 'Added by a sync tool', titleEdited: true };
  wrote = await writeOutside(workspaceDir, 'comparisons', added);
  await expect(sidebarItem(page, 'Added by a sync tool')).toBeVisible();
  console.log(`added article listed ${Date.now() - wrote} ms after the write`);

  // Deleted: gone from the list, with a notice.
  wrote = Date.now();
  await rm(join(workspaceDir, 'comparisons', `${added.id}.json`));
  await expect(sidebarItem(page, 'Added by a sync tool')).toHaveCount(0);
  await expect(notices(page)).toContainText('“Added by a sync tool” was deleted outside Versus Desk.');
  console.log(`deleted article gone ${Date.now() - wrote} ms after the delete`);

  // A person renamed elsewhere: the byline's choices follow.
  const people = await app.readStoredPeople();
  const author = people.find((p) => p.id === seed.byline.authorId)!;
  await writeOutside(workspaceDir, 'people', { ...author, name: 'Renamed Elsewhere', revision: author.revision + 1 });
  await expect(page.getByRole('combobox', { name: 'Author', exact: true })).toContainText('Renamed Elsewhere');

  // The open article was not touched, nothing was saved over anything, and no own write came back as "outside".
  await expect(field(page, 'Title')).toHaveValue(SEED_TITLE);
  expect((await readStoredComparison(SLUG)).revision).toBe(seed.revision);
  const outside = app.emitted.filter((e) => e.event === 'workspace.outsideChange').flatMap((e) => (e.payload as { changes: Array<{ id: string }> }).changes);
  expect(outside.map((c) => c.id).sort()).toEqual([other.id, added.id, added.id, author.id].sort());
});

test('the open article with nothing unsaved is reloaded with a notice; my own saves never are', async ({ page, app, openApp, readStoredComparison, workspaceDir }) => {
  await openApp();
  await expectSeedOpen(page);
  await field(page, 'FAQ 3 question').fill('My own saved edit');
  await expectSaved(page);
  const mine = await readStoredComparison(SLUG);
  await page.waitForTimeout(800);
  await expect(notices(page)).toHaveCount(0);

  const theirs: Comparison = { ...mine, revision: mine.revision + 1, faqs: mine.faqs.map((f, i) => (i === 0 ? { ...f, question: 'Pulled: a changed question' } : f)) };
  await writeOutside(workspaceDir, 'comparisons', theirs);
  await expect(field(page, 'FAQ 1 question')).toHaveValue('Pulled: a changed question');
  await expect(notices(page)).toContainText(`“${SEED_TITLE}” was changed outside Versus Desk and has been reloaded.`);
  await expect(field(page, 'FAQ 3 question')).toHaveValue('My own saved edit');

  // Editing on goes to the next revision without a conflict.
  await field(page, 'FAQ 2 question').fill('After the reload');
  await expectSaved(page);
  const stored = await readStoredComparison(SLUG);
  expect(stored.revision).toBe(theirs.revision + 1);
  expect(stored.faqs[0].question).toBe('Pulled: a changed question');
  expect(stored.faqs[1].question).toBe('After the reload');
  expect(app.emitted.filter((e) => e.event === 'workspace.outsideChange')).toHaveLength(1);
});

test('the open article with unsaved edits offers a merge part by part; nothing is lost', async ({ page, openApp, readStoredComparison, workspaceDir }) => {
  await openApp();
  await expectSeedOpen(page);
  const base = await readStoredComparison(SLUG);
  // Unsaved edits: an empty title (not saveable yet) and a changed FAQ 1.
  await field(page, 'Title').fill('');
  await field(page, 'FAQ 1 question').fill('Mine: a better first question');
  await expect(page.getByRole('status', { name: 'Save status' })).toContainText('The title cannot be empty');

  // Meanwhile a sync tool brings their copy: FAQ 1 and FAQ 2 changed.
  const theirs: Comparison = {
    ...base,
    revision: base.revision + 1,
    faqs: base.faqs.map((f, i) => (i === 0 ? { ...f, question: 'Theirs: another first question' } : i === 1 ? { ...f, question: 'Theirs: a second question' } : f)),
  };
  await writeOutside(workspaceDir, 'comparisons', theirs);

  const dialog = page.getByRole('alertdialog', { name: 'Changed outside Versus Desk' });
  await expect(dialog).toBeVisible();
  const title = dialog.getByRole('group', { name: /^Title/ });
  const faq1 = dialog.getByRole('group', { name: /^FAQ 1/ });
  const faq2 = dialog.getByRole('group', { name: /^FAQ 2/ });
  await expect(title).toContainText('changed by you');
  await expect(faq1).toContainText('changed by you and outside');
  await expect(faq2).toContainText('changed outside');
  await expect(dialog.getByRole('group')).toHaveCount(3);
  // Each part starts on the side that changed it (mine where both did).
  await expect(faq1.getByRole('radio', { name: /^Mine/ })).toBeChecked();
  await expect(faq2.getByRole('radio', { name: /^Theirs/ })).toBeChecked();
  // Nothing is saved over their copy while the writer chooses.
  expect((await readStoredComparison(SLUG)).faqs[1].question).toBe('Theirs: a second question');
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/outside-merge.png' });

  // The writer takes their title back (mine was empty) and keeps the rest as proposed.
  await title.getByRole('radio', { name: /^Theirs/ }).check();
  await dialog.getByRole('button', { name: 'Merge and save' }).click();
  await expect(dialog).toHaveCount(0);
  await expectSaved(page);

  const stored = await readStoredComparison(SLUG);
  expect(stored.title).toBe(SEED_TITLE);
  expect(stored.faqs[0].question).toBe('Mine: a better first question');
  expect(stored.faqs[1].question).toBe('Theirs: a second question');
  expect(stored.revision).toBe(theirs.revision + 1);
  await expect(field(page, 'FAQ 2 question')).toHaveValue('Theirs: a second question');
  // The parts that lost are on screen: their FAQ 1.
  await expect(page.getByRole('textbox', { name: 'Your discarded copy', exact: true })).toHaveValue(/Theirs: another first question/);
});

test('the open article deleted outside with unsaved edits can be saved as a new article; nothing is lost', async ({ page, openApp, readStoredComparisons, workspaceDir }) => {
  await openApp();
  await expectSeedOpen(page);
  const [base] = await readStoredComparisons();
  if (!base) throw new Error('no seed article');
  // Unsaved edits: an empty title (not saveable yet) and a changed FAQ 1.
  await field(page, 'Title').fill('');
  await field(page, 'FAQ 1 question').fill('Mine: kept after the delete');
  await expect(page.getByRole('status', { name: 'Save status' })).toContainText('The title cannot be empty');

  // A sync tool deletes the article.
  await rm(join(workspaceDir, 'comparisons', `${base.id}.json`));
  const bar = page.getByRole('region', { name: 'Deleted outside Versus Desk' });
  await expect(bar).toBeVisible({ timeout: 10_000 });
  await expect(field(page, 'FAQ 1 question')).toHaveValue('Mine: kept after the delete');

  // What still blocks a save is said first; nothing is created meanwhile.
  await bar.getByRole('button', { name: 'Save as a new article' }).click();
  await expect(bar.getByRole('alert')).toHaveText('Fix this first: The title cannot be empty.');
  expect(await readStoredComparisons()).toHaveLength(0);
  await field(page, 'Title').fill('Social Media vs. Social Networking, kept');
  await expect(bar.getByRole('alert')).toHaveCount(0);
  // Autosave does not try the deleted article again: it says where the edits can go.
  await expect(page.getByRole('status', { name: 'Save status' })).toContainText('deleted outside Versus Desk: save your edits as a new article');
  await expect(page.getByRole('status', { name: 'Save status' }).getByRole('button', { name: 'Retry' })).toHaveCount(0);
  expect(await readStoredComparisons()).toHaveLength(0);
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/outside-removed-save-as-new.png' });
  await bar.getByRole('button', { name: 'Save as a new article' }).click();

  // The new article opens with the edits; it is stored under a new id with nothing approved carried over.
  await expect(page.getByRole('heading', { level: 1, name: 'Social Media vs. Social Networking, kept' })).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect(notices(page)).toContainText('Your edits were saved as a new article, “Social Media vs. Social Networking, kept”.');
  await expect(field(page, 'FAQ 1 question')).toHaveValue('Mine: kept after the delete');
  await expectSaved(page);
  const stored = await readStoredComparisons();
  expect(stored).toHaveLength(1);
  const [copy] = stored;
  expect(copy?.id).not.toBe(base.id);
  expect(copy?.title).toBe('Social Media vs. Social Networking, kept');
  expect(copy?.faqs[0]?.question).toBe('Mine: kept after the delete');
  expect(copy?.faqs.map((f) => f.answer)).toEqual(base.faqs.map((f) => f.answer));
  expect(copy?.keyDifferences).toEqual(base.keyDifferences);
  expect(copy?.review).toBeUndefined();
  await expect(sidebarItem(page, 'Social Media vs. Social Networking, kept')).toHaveCount(1);
  // The deleted article's journal went with its edits stored.
  await expect
    .poll(async () => (await readdir(join(workspaceDir, '.versus-desk', 'journal')).catch(() => [])).filter((n) => n.includes(base.id)))
    .toEqual([]);
});
