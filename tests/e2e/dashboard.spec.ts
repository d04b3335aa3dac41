/**
 * Review overview journeys (issue 3): the live checklist jumps to its field, the sidebar filters
 * by status, the dashboard shows counts and what awaits an editor, and a bio is signed off in the
 * People view. Screenshots of the checklist panel and the dashboard go to test-results/screenshots/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Services } from '../../src/main/services/Services';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { expect, test } from './harness/harness';
import { switchProfile } from './support/profile';
import { expectSeedOpen, field } from './support/editor';
import { SEED_TITLE } from './support/fields';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The seed article's author and editor. */
async function seedPeople(services: Services) {
  const [summary] = await services.invoke('comparisons.list', {});
  const article = await services.invoke('comparisons.get', { id: summary!.id });
  const people = services.store.listPeople();
  const author = people.find((p) => p.id === article.byline.authorId)!;
  const editor = people.find((p) => p.id === article.byline.editorId)!;
  return { article, author, editor };
}

/** The author submits the seed article; a second article stays a draft. */
async function submitSeed(services: Services) {
  const { article, author, editor } = await seedPeople(services);
  await services.invoke('comparisons.create', { terms: ['Revenue', 'Profit'] });
  await services.invoke('profile.set', { personId: author.id, role: 'writer' });
  await services.invoke('review.comparison', { id: article.id, baseRevision: article.revision, action: 'submit', parts: [], sections: [] });
  return { article, author, editor };
}

test('the checklist runs as the writer types and a finding jumps to its field', async ({ page, openApp }) => {
  await openApp();
  await expectSeedOpen(page);
  const toggle = page.getByRole('button', { name: /^Checklist:/ });
  // The seed's bios are not signed off yet: two errors before any edit.
  await expect(toggle).toHaveText('Checklist: 2 errors');
  await toggle.click();
  const panel = page.getByRole('region', { name: 'Checklist' });
  await expect(panel.getByRole('button', { name: /The author's bio \(.+\) is not signed off yet/ })).toBeVisible();

  const question = field(page, 'FAQ 3 question');
  const asked = await question.inputValue();
  await question.fill(asked.replace(/\?$/, ''));
  const finding = panel.getByRole('button', { name: /does not end with "\?"/ });
  await expect(finding).toBeVisible();
  await expect(toggle).toHaveText('Checklist: 3 errors');

  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, 'checklist-panel.png'), animations: 'disabled', caret: 'hide' });

  // Scroll away, then jump back: the field is focused and on screen.
  await page.getByRole('textbox', { name: 'Title', exact: true }).focus();
  await finding.click();
  await expect(question).toBeFocused();
  await expect(question).toBeInViewport();

  // A chart cell, by its term: emptying it is found, and the jump lands in that cell.
  const cell = page.getByRole('textbox', { name: 'Row 2 Social Networking', exact: true });
  await cell.fill('');
  await panel.getByRole('button', { name: /Chart row ".+" has no value for "Social Networking"/ }).click();
  await expect(cell).toBeFocused();

  // A byline finding lands on its picker.
  await panel.getByRole('button', { name: /The editor's bio \(.+\) is not signed off yet/ }).click();
  await expect(page.getByRole('combobox', { name: 'Editor', exact: true })).toBeFocused();

  // Fixing it clears the finding, live.
  await question.fill(asked);
  await expect(finding).toHaveCount(0);
});

test('the sidebar filters by status; the dashboard shows counts and what awaits an editor, and opens it', async ({ page, openApp, services }) => {
  const { editor } = await submitSeed(services);
  await openApp();
  const list = page.getByRole('list', { name: 'Comparisons' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: SEED_TITLE })).toContainText('In review');

  const status = page.getByRole('combobox', { name: 'Filter by status' });
  await status.selectOption({ label: 'In review (1)' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText(SEED_TITLE);

  await status.selectOption('draft');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('Revenue vs. Profit');

  // Combined with the text filter: a draft matching "social" is none.
  await page.getByRole('searchbox', { name: 'Filter comparisons' }).fill('social');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('No comparison matching “social” is “Draft”.')).toBeVisible();

  await status.selectOption('all');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Filter comparisons' }).fill('');
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // The dashboard as the author (a writer) awaits nothing; switched to the seed's editor, it follows at once.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByText('Only editors review: switch your profile to an editor to see what awaits you.')).toBeVisible();
  await switchProfile(page, editor.name, 'Editor');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText(`Working as ${editor.name} (editor).`)).toBeVisible();

  const chart = page.getByRole('list', { name: 'Articles by status' });
  await expect(chart.getByRole('listitem')).toHaveText(['Draft1', 'In review1', 'Changes requested0', 'Approved0', 'Signed off0']);

  const awaiting = page.getByRole('list', { name: 'Awaiting my review' });
  await expect(awaiting.getByRole('button')).toHaveCount(1);
  await expect(awaiting.getByRole('button')).toContainText(SEED_TITLE);
  await expect(page.getByRole('list', { name: 'Oldest waiting' }).getByRole('button')).toHaveCount(1);
  await expect(page.getByText('Nothing of yours has changes requested.')).toBeVisible();

  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, 'dashboard.png'), animations: 'disabled', caret: 'hide' });

  await awaiting.getByRole('button').click();
  await expectSeedOpen(page);
  await expect(page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Comparisons' })).toHaveAttribute('aria-pressed', 'true');
});

test('an editor signs off a bio in the People view; their own bio is refused in words', async ({ page, openApp, services, readStoredPeople }) => {
  const { author, editor } = await seedPeople(services);
  await services.invoke('profile.set', { personId: editor.id, role: 'editor' });
  await openApp();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'People' }).click();
  const people = page.getByRole('list', { name: 'People' });
  await expect(people.getByRole('listitem').filter({ hasText: author.name })).toContainText('Bio: Draft');

  // Their own bio first: refused, with the reason.
  await page.getByRole('button', { name: `Edit ${editor.name}` }).click();
  await page.getByRole('button', { name: 'Submit bio for review' }).click();
  await expect(page.getByTestId('bio-state')).toHaveText('Awaiting review');
  await page.getByRole('button', { name: 'Approve bio' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot review their own bio');
  await expect(page.getByTestId('bio-state')).toHaveText('Awaiting review');

  // The author's bio: an unsaved edit goes out with the submission, then approve and sign off.
  await page.getByRole('button', { name: `Edit ${author.name}` }).click();
  await page.getByRole('textbox', { name: 'Credentials' }).fill('Senior writer');
  await page.getByRole('button', { name: 'Submit bio for review' }).click();
  await expect(page.getByTestId('bio-state')).toHaveText('Awaiting review');
  await page.getByRole('button', { name: 'Approve bio' }).click();
  await expect(page.getByTestId('bio-state')).toHaveText('Approved');
  await page.getByRole('button', { name: 'Sign off bio' }).click();
  await expect(page.getByTestId('bio-state')).toHaveText('Signed off');
  await expect(people.getByRole('listitem').filter({ hasText: author.name })).toContainText('Bio: Signed off');
  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, 'bio-review.png'), animations: 'disabled', caret: 'hide' });

  // The form took the reviewed revision: a later save is no conflict, and voids the sign-off visibly.
  await expect(page.getByRole('button', { name: 'Approve bio' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Credentials' }).fill('Senior writer and editor');
  await expect(page.getByTestId('bio-state')).toHaveText('Changed since approval');
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(people.getByRole('listitem').filter({ hasText: author.name })).toContainText('Bio: Changed since approval');
  await expect(page.getByRole('alert')).toHaveCount(0);

  const stored = (await readStoredPeople()).find((p) => p.id === author.id)!;
  expect(stored.credentials).toBe('Senior writer and editor');
  expect(stored.review?.signOff?.by).toBe(editor.id);
  expect(stored.revision).toBe(author.revision + 5);
});

test('a view chosen while the app is still opening its first article stays chosen; the article opens behind it', async ({ page, app }) => {
  // The start-up's open waits on the journal (unsaved edits to recover) until the writer has gone to People.
  let release: () => void = () => undefined;
  app.heldCalls.set('journal.list', new Promise<void>((go) => (release = go)));
  await app.open();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'People' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  release();
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'comparisons.get' && c.result).length).toBeGreaterThan(0);
  // Still People: the start-up's open did not take the writer back.
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'People' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Comparisons' }).click();
  await expectSeedOpen(page);
});

test('an article the writer opens while the app is still opening its first one keeps the focus and every word typed', async ({ page, app, readStoredComparisons }) => {
  let release: () => void = () => undefined;
  app.heldCalls.set('journal.list', new Promise<void>((go) => (release = go)));
  await app.open();
  // Only the start-up's call is held: the writer's own open looks at the journal too.
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'journal.list').length).toBe(1);
  app.heldCalls.delete('journal.list');
  await page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(`^${SEED_TITLE.slice(0, 20)}`) }).click();
  const title = field(page, 'Title');
  await expect(title).toHaveValue(SEED_TITLE);
  await title.press('End');
  await title.pressSequentially(' (one)');
  release();
  // The start-up's look at the journal is answered; what follows it must not reopen the article.
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'journal.list' && c.result).length).toBe(2);
  await page.keyboard.type(' and two');
  await expect(title).toBeFocused();
  await expect(title).toHaveValue(`${SEED_TITLE} (one) and two`);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/, { timeout: 10_000 });
  expect((await readStoredComparisons())[0]!.title).toBe(`${SEED_TITLE} (one) and two`);
  expect(app.pageCalls.filter((c) => c.channel === 'comparisons.get').length).toBe(1);
});

test('edits a crash left in the article the app meant to open are announced when the writer opens another first', async ({ page, app }) => {
  const [seedSummary] = await app.services.invoke('comparisons.list', {});
  const seed = await app.services.invoke('comparisons.get', { id: seedSummary!.id });
  const other = await app.services.invoke('comparisons.create', { terms: ['Revenue', 'Profit'] });
  // Unsaved edits to the seed article, as a crash leaves them.
  expect((await app.dispatch('journal.write', { doc: { ...seed, faqs: seed.faqs.map((f, i) => (i === 0 ? { ...f, question: 'Typed before the crash?' } : f)) }, stamp: 1 })).ok).toBe(true);
  let release: () => void = () => undefined;
  app.heldCalls.set('journal.list', new Promise<void>((go) => (release = go)));
  await app.open();
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'journal.list').length).toBe(1);
  app.heldCalls.delete('journal.list');
  await page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: /^Revenue vs\. Profit/ }).click();
  await expect(field(page, 'Title')).toHaveValue(other.title);
  release();
  // The app's own open (of the seed, whose edits it would have brought back) stands aside, and says where the edits are.
  await expect(page.getByRole('alert', { name: 'Notices' })).toContainText(`Unsaved edits to “${SEED_TITLE}”`);
  await expect(page.getByRole('alert', { name: 'Notices' })).toContainText('were kept: open it to get them back.');
  await expect(field(page, 'Title')).toHaveValue(other.title);
});

test('choosing the open article again keeps its editor as it is: no reload, the typing and its undo stay', async ({ page, app }) => {
  await app.open();
  await expectSeedOpen(page);
  const gets = () => app.pageCalls.filter((c) => c.channel === 'comparisons.get').length;
  const before = gets();
  const title = field(page, 'Title');
  await title.press('End');
  await title.pressSequentially(' (draft)');
  await page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(`^${SEED_TITLE.slice(0, 20)}`) }).click();
  await expect(title).toHaveValue(`${SEED_TITLE} (draft)`);
  // Once the typing is saved (by the autosave; a reopen would have saved it at once and read the article again):
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/, { timeout: 10_000 });
  // A check that nothing follows, so it waits a moment: a reload reads the article within a few
  // milliseconds of its save (the old code did), and this wait only lets that show.
  await page.waitForTimeout(500);
  expect(gets()).toBe(before);
  // The editor's undo history still holds the typing.
  await title.focus();
  await page.keyboard.press('Control+z');
  await expect(title).not.toHaveValue(`${SEED_TITLE} (draft)`);
});

test('choosing the workspace already open keeps the article open as it is, and says it is already open', async ({ page, app }) => {
  await app.open();
  await expectSeedOpen(page);
  const title = field(page, 'Title');
  await title.press('End');
  await title.pressSequentially(' (draft)');
  const gets = () => app.pageCalls.filter((c) => c.channel === 'comparisons.get').length;
  const before = gets();
  app.chooseFolder.answer(app.workspaceDir);
  await page.getByRole('button', { name: 'Open workspace…' }).click();
  const name = app.workspaceDir.split(/[\\/]/).pop() as string;
  await expect(page.getByRole('alert', { name: 'Notices' })).toContainText(`“${name}” is already open.`);
  await expect(title).toHaveValue(`${SEED_TITLE} (draft)`);
  await expect(title).toBeVisible();
  expect(gets()).toBe(before);
  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, 'workspace-already-open.png'), animations: 'disabled', caret: 'hide' });
  // The typing saves on into the same article, and its undo history is still there.
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/, { timeout: 10_000 });
  await title.focus();
  await page.keyboard.press('Control+z');
  await expect(title).not.toHaveValue(`${SEED_TITLE} (draft)`);
});

test('an article saved, left for the Dashboard and chosen again (by the tab or the list) shows what was saved, and saves on', async ({ page, app, readStoredComparisons }) => {
  await app.open();
  await expectSeedOpen(page);
  const title = field(page, 'Title');
  const view = page.getByRole('group', { name: 'View' });
  const status = page.getByRole('status', { name: 'Save status' });
  const ways = [
    async () => view.getByRole('button', { name: 'Comparisons' }).click(),
    async () => page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(SEED_TITLE.slice(0, 20)) }).click(),
  ];
  let expected = SEED_TITLE;
  for (const [i, back] of ways.entries()) {
    expected += ` (${i + 1})`;
    await title.press('End');
    await title.pressSequentially(` (${i + 1})`);
    await expect(status).toHaveText(/Saved/, { timeout: 10_000 });
    await view.getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await back();
    await expect(title).toHaveValue(expected);
  }
  // Each came back on the stored copy: the next edit saves, with no "Changed elsewhere".
  await title.press('End');
  await title.pressSequentially('!');
  await expect(status).toHaveText(/Saved/, { timeout: 10_000 });
  await expect(page.getByRole('alertdialog', { name: 'Changed elsewhere' })).toHaveCount(0);
  expect((await readStoredComparisons())[0]!.title).toBe(`${expected}!`);
});

test('edits a crash left, in the article the writer opens while the app is still opening it, are said to be back in the editor', async ({ page, app }) => {
  const [seedSummary] = await app.services.invoke('comparisons.list', {});
  const seed = await app.services.invoke('comparisons.get', { id: seedSummary!.id });
  expect((await app.dispatch('journal.write', { doc: { ...seed, faqs: seed.faqs.map((f, i) => (i === 0 ? { ...f, question: 'Typed before the crash?' } : f)) }, stamp: 1 })).ok).toBe(true);
  let releaseJournal: () => void = () => undefined;
  let releaseGet: () => void = () => undefined;
  app.heldCalls.set('journal.list', new Promise<void>((go) => (releaseJournal = go)));
  await app.open();
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'journal.list').length).toBe(1);
  app.heldCalls.delete('journal.list');
  // The writer's own open of it is under way (held) when the app's start-up answer comes.
  app.heldCalls.set('comparisons.get', new Promise<void>((go) => (releaseGet = go)));
  await page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(`^${SEED_TITLE.slice(0, 20)}`) }).click();
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'comparisons.get').length).toBe(1);
  releaseJournal();
  await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'journal.list' && c.result).length).toBe(1);
  app.heldCalls.delete('comparisons.get');
  releaseGet();
  await expect(field(page, 'FAQ 1 question')).toHaveValue('Typed before the crash?');
  const banner = page.getByRole('alert', { name: 'Notices' });
  await expect(banner).toContainText('They are back in the editor.');
  await expect(banner).not.toContainText('open it to get them back');
});

test.describe('the first article of an empty workspace', () => {
  test.use({ seed: 'empty' });

  test('a workspace opened from an empty one opens on its first article', async ({ page, app }) => {
    const dir = await mkdtemp(join(tmpdir(), 'versus-desk-second-'));
    try {
      await (await WorkspaceStore.open(dir, { create: true, seed: true })).close();
      await app.open();
      app.chooseFolder.answer(dir);
      await page.getByRole('button', { name: 'Open workspace…' }).click();
      await expectSeedOpen(page);
    } finally {
      // Back to the test's own workspace, so the one removed below is no longer open.
      app.chooseFolder.answer(app.workspaceDir);
      await page.getByRole('button', { name: 'Open workspace…' }).click();
      await expect(page.locator('.workspace-name')).toHaveText(app.workspaceDir.split(/[\\/]/).pop() as string);
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('keeps what the writer types at once: the app does not reopen it from disk', async ({ page, app, readStoredComparisons }) => {
    // Held: a reopen of the new article (the app's start-up open, seeing the list no longer empty) would wait here.
    let release: () => void = () => undefined;
    app.heldCalls.set('comparisons.get', new Promise<void>((go) => (release = go)));
    await app.open();
    await page.getByRole('button', { name: 'New comparison', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New comparison' });
    await dialog.getByRole('textbox', { name: 'Term 1' }).fill('Revenue');
    await dialog.getByRole('textbox', { name: 'Term 2' }).fill('Profit');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'Add chart row' }).click();
    await field(page, 'Row 1 label').fill('Where it is reported');
    await expect.poll(() => app.pageCalls.filter((c) => c.channel === 'journal.list' && c.result).length).toBeGreaterThan(0);
    release();
    await page.getByRole('button', { name: 'Add chart row' }).click();
    await field(page, 'Row 2 label').fill('Taxed');
    await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/, { timeout: 10_000 });
    await expect(field(page, 'Row 1 label')).toHaveValue('Where it is reported');
    const [stored] = await readStoredComparisons();
    expect(stored!.chart.rows.map((row) => row.label)).toEqual(['Where it is reported', 'Taxed']);
    expect(app.pageCalls.filter((c) => c.channel === 'comparisons.get').length).toBe(0);
  });
});
