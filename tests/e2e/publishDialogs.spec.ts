/**
 * The publishing dialogs on their own: a hostile bundle is refused in words with nothing
 * written; the preview shows the article as it will publish (HTML in a frame that runs no
 * script, and the Markdown source); the File menu's commands open the dialogs and Escape
 * closes them.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { expect, test } from './harness/harness';
import { expectSeedOpen } from './support/editor';
import { SEED_TITLE } from './support/fields';

const SLUG = 'social-media-vs-social-networking';

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path).split(sep).join('/')] = createHash('sha1').update(await readFile(path)).digest('hex');
  }
  return out;
}

test('a tampered bundle is refused with its reason, and nothing is written', async ({ page, app, openApp, workspaceDir }) => {
  const dir = await mkdtemp(join(tmpdir(), 'versus-desk-hostile-'));
  try {
    // A real folder bundle, then one article changed after the manifest recorded its checksum.
    const bundle = join(dir, 'bundle');
    app.chooseExportTarget.answer(bundle);
    expect(await app.dispatch('export.run', { selection: 'all', format: 'folder' })).toMatchObject({ ok: true });
    const entry = `comparisons/${SLUG}.json`;
    const text = await readFile(join(bundle, entry), 'utf8');
    await writeFile(join(bundle, entry), text.replace('Social Media', 'Sociable Med'));
    await openApp();
    await expectSeedOpen(page);
    await app.services.store.flushIndex();
    const before = await tree(workspaceDir);

    app.chooseImportSource.answer(bundle);
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByRole('button', { name: 'Choose bundle folder…' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Nothing was imported.');
    await expect(alert).toContainText(entry);
    await expect(alert).toContainText(/checksum|sha256/i);
    await expect(dialog.getByRole('table', { name: 'Import plan' })).toHaveCount(0);
    expect(app.chooseImportSource.calls).toEqual(['folder']);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(await tree(workspaceDir)).toEqual(before);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the preview shows the article as it will publish, and the File menu opens the dialogs', async ({ page, app, openApp }) => {
  await openApp();
  await expectSeedOpen(page);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Preview: ${SEED_TITLE}` });
  await expect(dialog).toBeVisible();
  const frame = dialog.getByTitle('Rendered article');
  // No allow-scripts: nothing in the frame can run.
  await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin');
  const article = page.frameLocator('iframe[title="Rendered article"]');
  await expect(article.getByRole('heading', { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(article.getByRole('heading', { level: 2, name: 'Comparison Chart' })).toBeVisible();
  await expect(article.getByRole('table')).toBeVisible();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/preview.png' });

  // Keyboard: arrow to the Markdown tab.
  await dialog.getByRole('tab', { name: 'Rendered' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Markdown' })).toHaveAttribute('aria-selected', 'true');
  const source = dialog.getByLabel('Markdown source');
  await expect(source).toContainText(`# ${SEED_TITLE}`);
  await expect(source).toContainText('## Comparison Chart');
  await expect(source).toContainText(`slug: "${SLUG}"`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // File → Export… and File → Import… (the native menu sends these commands).
  await app.emitToPage('menu.command', { command: 'export' });
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Export' })).toHaveCount(0);
  await app.emitToPage('menu.command', { command: 'import' });
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await expect(importDialog).toBeVisible();
  // Closing the open dialog without choosing changes nothing.
  await importDialog.getByRole('button', { name: 'Choose bundle or Markdown file…' }).click();
  await expect(importDialog.getByRole('button', { name: 'Choose bundle or Markdown file…' })).toBeEnabled();
  expect(app.chooseImportSource.calls).toEqual(['file']);
  await page.keyboard.press('Escape');
  await expect(importDialog).toHaveCount(0);
});

test('a signed-off export leaves out an article its out-of-date list calls signed off, says so, and the list follows', async ({ page, app, openApp, workspaceDir }) => {
  const dir = await mkdtemp(join(tmpdir(), 'versus-desk-mislisted-'));
  const ws = join(dir, 'mislisted');
  try {
    // A workspace whose index cache (edited by another program, or restored from a backup) lists
    // the seed's draft as signed off; its file keeps its size and mtime, so the cache is believed.
    const store = await WorkspaceStore.open(ws, { create: true, seed: true });
    await store.close();
    const indexFile = join(ws, '.versus-desk', 'index.json');
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as { comparisons: Record<string, { summary: { status: string } }> };
    for (const entry of Object.values(index.comparisons)) entry.summary.status = 'signed_off';
    await writeFile(indexFile, JSON.stringify(index));

    await openApp();
    app.chooseFolder.answer(ws);
    await page.getByRole('button', { name: 'Open workspace…' }).click();
    await expect(page.locator('.workspace-name')).toHaveText('mislisted');
    const listed = page.getByRole('navigation', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(SEED_TITLE.slice(0, 20)) });
    await expect(listed).toContainText('Signed off');

    const target = join(dir, 'publish.zip');
    app.chooseExportTarget.answer(target);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog.getByRole('radio', { name: /Signed-off articles \(1\)/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Export 1 article…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Exported 0 articles to');
    const alert = dialog.getByRole('alert');
    await expect(alert).toHaveText(
      `1 article listed as signed off was left out (“${SEED_TITLE}”: its file says draft). The list was out of date and now shows it as it is.`,
    );
    // The list now shows the article as its file has it.
    await expect(listed).toContainText('Draft');
    await mkdir('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/export-left-out.png' });
    await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    // Back to the harness's workspace, so the one removed below is no longer open.
    app.chooseFolder.answer(workspaceDir);
    await page.getByRole('button', { name: 'Open workspace…' }).click();
    await expect(page.locator('.workspace-name')).toHaveText(workspaceDir.split(/[\\/]/).pop() as string);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
