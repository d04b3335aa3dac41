/**
 * The exchange (issue 4): a writer and an editor, each with their own workspace, trade an
 * article through bundles, all through the UI with the real services behind it. The writer's
 * workspace is the harness's; the editor's is a second temp folder opened with File → Open
 * Workspace (the harness's folder picker answers). Export asks where with the (stubbed) native
 * save dialog, import with the (stubbed) open dialog.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comparison } from '../../src/shared/model/comparison';
import { docToText } from '../../src/shared/model/richText';
import { expect, test, type Page } from './harness/harness';
import type { AppHarness } from './harness/harness';
import { expectSeedOpen, field } from './support/editor';
import { expectSaved, fillRich, SEED_TITLE } from './support/fields';
import { switchProfile } from './support/profile';
import { openImportPlan } from './support/importPlan';

const SLUG = 'social-media-vs-social-networking';
const EDITOR_FAQ = 'Editor: is social networking part of social media?';
const WRITER_SUMMARY = 'Writer: social media is for broadcasting; social networking is for connecting.';
const WRITER_KD = 'Writer: social media spreads content, social networking builds relationships.';
const EDITOR_KD = 'Editor: social media is about content; social networking is about people.';
const COMMENT = 'Editor: name one platform that is both.';
const AUTHOR = 'Harlon Moss';
const EDITOR = 'Aimie Carlson';

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function openWorkspace(page: Page, app: AppHarness, dir: string, name: string): Promise<void> {
  app.chooseFolder.answer(dir);
  await page.getByRole('button', { name: 'Open workspace…' }).click();
  await expect(page.locator('.workspace-name')).toHaveText(name);
}

async function openArticle(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(SEED_TITLE.slice(0, 20)) }).click();
  await expectSeedOpen(page);
}

async function readStored(dir: string): Promise<Comparison> {
  const names = (await readdir(join(dir, 'comparisons'))).filter((n) => n.endsWith('.json'));
  for (const name of names) {
    const c = JSON.parse(await readFile(join(dir, 'comparisons', name), 'utf8')) as Comparison;
    if (c.slug === SLUG) return c;
  }
  throw new Error(`No ${SLUG} in ${dir}`);
}

/** Export through the dialog to `target` (the save dialog's answer); returns the dialog. */
async function exportAll(page: Page, app: AppHarness, target: string, choose: 'All articles' | 'seed'): Promise<void> {
  app.chooseExportTarget.answer(target);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  if (choose === 'seed') {
    await dialog.getByRole('radio', { name: 'Chosen articles' }).check();
    await dialog.getByRole('checkbox', { name: new RegExp(SEED_TITLE.slice(0, 20)) }).check();
  } else {
    await dialog.getByRole('radio', { name: /All articles/ }).check();
  }
  await dialog.getByRole('button', { name: /^Export \d+ articles?…$/ }).click();
  await expect(dialog.getByRole('status')).toContainText(/Exported \d+ articles? to/);
  await expect(dialog.getByRole('status')).toContainText(target);
  expect(app.revealed).toContain(target);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
}

/** Chooses `bundle` in the import dialog and waits for the plan table. */
async function planImport(page: Page, app: AppHarness, bundle: string) {
  const { dialog, plan } = await openImportPlan(page, app, bundle);
  return { dialog, plan, article: plan.getByRole('row', { name: new RegExp(SEED_TITLE.slice(0, 20)) }) };
}

test('a writer and an editor exchange an article through bundles, merging part by part', async ({ page, app, openApp, workspaceDir }) => {
  test.setTimeout(90_000);
  const shared = await mkdtemp(join(tmpdir(), 'versus-desk-exchange-'));
  const bundles = join(shared, 'bundles');
  const editorDir = join(shared, 'editor');
  await mkdir(bundles);
  await mkdir(editorDir);
  const writerName = workspaceDir.split(/[\\/]/).pop() as string;
  try {
    // Two more articles, so the export has counts to show.
    for (const terms of [['Tea', 'Coffee'], ['Cats', 'Dogs']]) expect((await app.dispatch('comparisons.create', { terms })).ok).toBe(true);
    await openApp();
    await openArticle(page);

    // 1. The writer exports. First a cancelled export: held after the first article, it shows
    // its counts; Cancel leaves nothing behind.
    app.exportGate.hold(1);
    app.chooseExportTarget.answer(join(bundles, 'cancelled.zip'));
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    await expect(exportDialog.getByRole('radio', { name: /Signed-off articles \(0\)/ })).toBeChecked();
    await exportDialog.getByRole('button', { name: 'Export 0 articles…' }).click();
    await expect(exportDialog.getByRole('alert')).toContainText('No article is signed off yet');
    await exportDialog.getByRole('radio', { name: 'All articles (3)' }).check();
    await exportDialog.getByRole('button', { name: 'Export 3 articles…' }).click();
    await app.exportGate.reached();
    await expect(exportDialog.getByText('1 of 3 articles exported')).toBeVisible();
    await expect(exportDialog.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('value', '1');
    await screenshot(page, 'export-progress');
    // File → Import while it runs: the export stays, and says why no import dialog came.
    await app.emitToPage('menu.command', { command: 'import' });
    await expect(exportDialog.getByRole('alert')).toHaveText('An export is running. Let it finish, or cancel it, before you start an import.');
    await expect(page.getByRole('dialog', { name: 'Import' })).toHaveCount(0);
    await expect(exportDialog.getByText('1 of 3 articles exported')).toBeVisible();
    await screenshot(page, 'export-refuses-import');
    await exportDialog.getByRole('button', { name: 'Cancel export' }).click();
    await expect(exportDialog.getByRole('status')).toHaveText('Export cancelled. Nothing was written.');
    app.exportGate.release();
    expect(await readdir(bundles)).toEqual([]);
    await exportDialog.getByRole('button', { name: 'Close' }).click();

    // The draft itself, chosen from the list.
    const writerZip = join(bundles, 'writer.zip');
    await exportAll(page, app, writerZip, 'seed');
    expect(await readdir(bundles)).toEqual(['writer.zip']);

    // 2. The editor imports it (in their own, empty workspace), comments, and edits a FAQ.
    await openWorkspace(page, app, editorDir, 'editor');
    let { dialog, plan, article } = await planImport(page, app, writerZip);
    await expect(article).toContainText('New');
    await expect(plan.getByRole('row', { name: /Person/ })).toHaveCount(2);
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await expect(dialog.getByRole('list', { name: 'Imported' })).toContainText(`Created article “${SEED_TITLE}”`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await openArticle(page);
    await switchProfile(page, EDITOR, 'Editor');
    await page.getByRole('button', { name: 'Comment on Key difference 2', exact: true }).click();
    await page.getByRole('textbox', { name: 'Comment on Key difference 2', exact: true }).fill(COMMENT);
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect(page.getByRole('article', { name: `Comment by ${EDITOR} on Key difference 2` })).toContainText(COMMENT);
    await field(page, 'FAQ 1 question').fill(EDITOR_FAQ);
    await expectSaved(page);
    expect((await readStored(editorDir)).review?.comments).toEqual([expect.objectContaining({ messages: [expect.objectContaining({ text: COMMENT })] })]);

    // 3. The editor exports.
    const editorZip = join(bundles, 'editor.zip');
    await exportAll(page, app, editorZip, 'All articles');

    // 4. The writer edits a different part (the summary), then imports: the editor's FAQ
    // arrives and the writer's summary stays.
    await openWorkspace(page, app, workspaceDir, writerName);
    await openArticle(page);
    await switchProfile(page, AUTHOR, 'Writer');
    expect((await readStored(workspaceDir)).review?.comments ?? []).toEqual([]);
    await fillRich(page, 'Summary', WRITER_SUMMARY);
    await expectSaved(page);
    ({ dialog, plan, article } = await planImport(page, app, editorZip));
    await expect(article).toContainText('Conflicting');
    await expect(article).toContainText('1 changed in the bundle, 1 changed here');
    await expect(article.getByRole('combobox', { name: /Choice for/ })).toHaveValue('parts');
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await expect(dialog.getByRole('list', { name: 'Imported' })).toContainText(`Updated article “${SEED_TITLE}”`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    let stored = await readStored(workspaceDir);
    expect(stored.faqs[0].question).toBe(EDITOR_FAQ);
    expect(docToText(stored.summary)).toBe(WRITER_SUMMARY);
    // The editor's comment arrived, on the part it was made on.
    expect(stored.review?.comments).toEqual([
      expect.objectContaining({ part: `kd:${stored.keyDifferences[1].id}`, messages: [expect.objectContaining({ text: COMMENT })] }),
    ]);
    await expect(page.getByRole('button', { name: /^Comments \(1 open\)$/ })).toBeVisible();
    // The open editor shows the merged article.
    await expect(field(page, 'FAQ 1 question')).toHaveValue(EDITOR_FAQ);
    await expect(page.getByRole('textbox', { name: 'Summary', exact: true })).toHaveText(WRITER_SUMMARY);

    // 5. Both change the same part (key difference 1): the import shows both sides and keeps the pick.
    await openWorkspace(page, app, editorDir, 'editor');
    await openArticle(page);
    await fillRich(page, 'Key difference 1', EDITOR_KD);
    await expectSaved(page);
    const editorZip2 = join(bundles, 'editor-2.zip');
    await exportAll(page, app, editorZip2, 'All articles');

    await openWorkspace(page, app, workspaceDir, writerName);
    await openArticle(page);
    await fillRich(page, 'Key difference 1', WRITER_KD);
    await expectSaved(page);
    const before = await readStored(workspaceDir);
    ({ dialog, plan, article } = await planImport(page, app, editorZip2));
    await expect(article).toContainText('Conflicting');
    await expect(article).toContainText('1 changed on both sides');
    await screenshot(page, 'import-plan');
    // Applying without a pick is refused in words, and writes nothing.
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await expect(dialog.getByRole('alert')).toContainText('changed on both sides (Key difference 1)');
    expect(await readStored(workspaceDir)).toEqual(before);

    await article.getByRole('button', { name: /Merge parts of/ }).click();
    const pick = dialog.getByRole('group', { name: 'Key difference 1' });
    await expect(pick).toContainText('Mine (this workspace)');
    await expect(pick).toContainText(WRITER_KD);
    await expect(pick).toContainText('Theirs (the bundle)');
    await expect(pick).toContainText(EDITOR_KD);
    await screenshot(page, 'import-part-merge');
    await pick.getByRole('radio', { name: 'Take theirs for Key difference 1' }).check();
    await dialog.getByRole('button', { name: 'Use these picks' }).click();
    await expect(article).toContainText('Picks made');
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await expect(dialog.getByRole('list', { name: 'Imported' })).toContainText(`Updated article “${SEED_TITLE}”`);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    stored = await readStored(workspaceDir);
    expect(docToText(stored.keyDifferences[0].text)).toBe(EDITOR_KD);
    expect(docToText(stored.summary)).toBe(WRITER_SUMMARY);
    expect(stored.faqs[0].question).toBe(EDITOR_FAQ);
    await expect(page.getByRole('textbox', { name: 'Key difference 1', exact: true })).toHaveText(EDITOR_KD);
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
});

test('an import shows how far it has got, reading the bundle (which can be stopped) and then writing it', async ({ page, app, openApp, workspaceDir }) => {
  test.setTimeout(60_000);
  const shared = await mkdtemp(join(tmpdir(), 'versus-desk-import-progress-'));
  const bundle = join(shared, 'three.zip');
  const empty = join(shared, 'empty');
  await mkdir(empty);
  try {
    for (const terms of [['Tea', 'Coffee'], ['Cats', 'Dogs']]) expect((await app.dispatch('comparisons.create', { terms })).ok).toBe(true);
    await openApp();
    await exportAll(page, app, bundle, 'All articles');
    await openWorkspace(page, app, empty, 'empty');

    // Reading: held once the first of the three articles is read and checked.
    app.importGates.reading.hold(1);
    app.chooseImportSource.answer(bundle);
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByRole('button', { name: 'Choose bundle or Markdown file…' }).click();
    await app.importGates.reading.reached();
    await expect(dialog.getByText('Reading and checking… 1 of 3 articles checked')).toBeVisible();
    await expect(dialog.getByRole('progressbar', { name: 'Reading and checking progress' })).toHaveAttribute('value', '1');
    await expect(dialog.getByRole('button', { name: 'Choose bundle or Markdown file…' })).toBeDisabled();
    await screenshot(page, 'import-reading');

    // Stopped: back to choosing with the focus on the first choice, nothing imported; then read through.
    await dialog.getByRole('button', { name: 'Stop reading' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Reading stopped. Nothing was imported.' })).toBeVisible();
    const chooseFile = dialog.getByRole('button', { name: 'Choose bundle or Markdown file…' });
    await expect(chooseFile).toBeEnabled();
    await expect(chooseFile).toBeFocused();
    await expect(dialog.getByRole('progressbar')).toHaveCount(0);
    await screenshot(page, 'import-stopped');
    expect((await readdir(join(empty, 'comparisons')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))).toEqual([]);
    app.importGates.reading.release();

    // Stopped just as the reading ends: the stop reaches main after its plan came back. The plan
    // that arrives after Stop reading is not shown; the stop stands.
    app.importGates.reading.hold(1);
    await page.keyboard.press('Enter');
    await app.importGates.reading.reached();
    const answeredCancels = () => app.pageCalls.filter((c) => c.channel === 'import.cancel' && c.result).length;
    const cancelsAnswered = answeredCancels();
    let letCancelThrough: () => void = () => undefined;
    app.heldCalls.set('import.cancel', new Promise<void>((go) => (letCancelThrough = go)));
    const plans = () => app.pageCalls.filter((c) => c.channel === 'import.plan');
    const plansBefore = plans().length;
    await dialog.getByRole('button', { name: 'Stop reading' }).click();
    app.importGates.reading.release();
    await expect.poll(() => plans().filter((c) => c.result).length).toBe(plansBefore);
    expect(plans().at(-1)?.result).toMatchObject({ ok: true, value: { planId: expect.any(String) } });
    await expect(dialog.getByRole('status').filter({ hasText: 'Reading stopped. Nothing was imported.' })).toBeVisible();
    await expect(dialog.getByRole('table', { name: 'Import plan' })).toHaveCount(0);
    await expect(chooseFile).toBeEnabled();
    app.heldCalls.delete('import.cancel');
    letCancelThrough();
    await expect.poll(answeredCancels).toBe(cancelsAnswered + 1);
    await expect(dialog.getByRole('table', { name: 'Import plan' })).toHaveCount(0);

    await chooseFile.focus();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('table', { name: 'Import plan' })).toBeVisible();

    // Writing: held before the first batch is written.
    app.importGates.writing.hold(0);
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await app.importGates.writing.reached();
    await expect(dialog.getByText('Importing… 0 of 3 articles written')).toBeVisible();
    await expect(dialog.getByRole('progressbar', { name: 'Importing progress' })).toHaveAttribute('value', '0');
    await screenshot(page, 'import-writing');
    // An import being written is not left halfway: Escape (even twice, which the browser may force) leaves the dialog open.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('Importing… 0 of 3 articles written')).toBeVisible();
    // File → Export meanwhile: the import stays (its report is not lost), and says why no export dialog came.
    await app.emitToPage('menu.command', { command: 'export' });
    await expect(dialog.getByRole('alert')).toHaveText('An import is being written. Let it finish, or stop it, before you start an export.');
    await expect(page.getByRole('dialog', { name: 'Export' })).toHaveCount(0);
    await screenshot(page, 'import-refuses-export');
    // Stopped: everything written is taken back (the people were), and the plan is there to apply again.
    await dialog.getByRole('button', { name: 'Stop and take back' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Import stopped and taken back: nothing was changed.' })).toBeVisible();
    await expect(dialog.getByRole('table', { name: 'Import plan' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Apply import' })).toBeFocused();
    // Nothing at work now: the refusal is gone.
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await screenshot(page, 'import-write-stopped');
    expect((await readdir(join(empty, 'comparisons')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))).toEqual([]);
    expect((await readdir(join(empty, 'people')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))).toEqual([]);
    app.importGates.writing.release();
    // File → Export with the plan on screen: the plan stays, with the choice made in it, and says why.
    const firstChoice = dialog.getByRole('combobox', { name: /^Choice for / }).first();
    await firstChoice.selectOption({ label: 'Skip' });
    await app.emitToPage('menu.command', { command: 'export' });
    await expect(dialog.getByRole('alert')).toHaveText('An import is waiting for your choices. Apply it, or cancel it, before you start an export.');
    await expect(page.getByRole('dialog', { name: 'Export' })).toHaveCount(0);
    await expect(firstChoice).toHaveValue('mine');
    await screenshot(page, 'plan-refuses-export');
    await firstChoice.selectOption({ label: 'Import' });
    await dialog.getByRole('button', { name: 'Apply import' }).click();
    await expect(dialog.getByRole('list', { name: 'Imported' })).toContainText('Created article “Tea vs. Coffee');
    // Written: the refusal said for the plan is gone with it.
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    expect((await readdir(join(empty, 'comparisons'))).filter((n) => n.endsWith('.json'))).toHaveLength(3);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The dialog taken away another way (File → Export puts its own in its place) while reading: the reading stops.
    app.importGates.reading.hold(1);
    await page.getByRole('button', { name: 'Import…' }).click();
    await dialog.getByRole('button', { name: 'Choose bundle or Markdown file…' }).click();
    await app.importGates.reading.reached();
    const cancels = () => app.pageCalls.filter((c) => c.channel === 'import.cancel');
    const cancelsBefore = cancels().length;
    await app.emitToPage('menu.command', { command: 'export' });
    await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    // The dialog's cancel went out as it was removed, and stopped the reading.
    await expect.poll(() => cancels().slice(cancelsBefore).filter((c) => c.result).length).toBe(1);
    expect(cancels().at(-1)?.result).toEqual({ ok: true, value: { cancelled: true } });
    app.importGates.reading.release();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Export' })).toHaveCount(0);
    // Back to the first workspace, so the one removed below is no longer open.
    await openWorkspace(page, app, workspaceDir, workspaceDir.split(/[\\/]/).pop() as string);
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
});
