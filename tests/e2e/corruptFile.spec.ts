/**
 * Journey 5: unreadable comparison files in the workspace. The app still opens, a notice names
 * each file and where it went, the files are kept (moved to .versus-desk/quarantine/, never
 * deleted), and every other article is listed, opens, and is byte-for-byte what it was.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { Comparison } from '../../src/shared/model/comparison';
import { expect, test } from './harness/harness';
import { expectSeedOpen, field } from './support/editor';
import { SEED_TITLE } from './support/fields';

const SLUG = 'social-media-vs-social-networking';
const OTHER_TITLE = "Tea vs. Coffee: What's the Difference?";

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name), 'utf8'));
  return files;
}

test('a corrupt file is quarantined with a notice and the rest of the workspace opens intact', async ({ page, app, workspaceDir, openApp, restartApp }) => {
  // A second, valid article besides the seed.
  const created = await app.dispatch('comparisons.create', { terms: ['Tea', 'Coffee'] });
  expect(created.ok).toBe(true);
  await app.stop();

  const comparisonsDir = join(workspaceDir, 'comparisons');
  const peopleDir = join(workspaceDir, 'people');
  const before = await snapshot(comparisonsDir);
  const peopleBefore = await snapshot(peopleDir);
  expect(before.size).toBe(2);
  const seedFile = [...before.entries()].find(([, text]) => (JSON.parse(text) as Comparison).slug === SLUG);
  expect(seedFile).toBeDefined();

  // Three kinds of damage: garbage, a copy of the seed cut off mid-write, and valid JSON that is not a comparison.
  const bad = new Map<string, string>([
    [`${ulid()}.json`, '\u0000\u0000garbage{{{ not json'],
    [`${ulid()}.json`, seedFile![1].slice(0, Math.floor(seedFile![1].length / 2))],
    [`${ulid()}.json`, JSON.stringify({ format: 1, id: 'not-an-id', title: 42 })],
  ]);
  for (const [name, text] of bad) await writeFile(join(comparisonsDir, name), text);

  await app.start(false);
  await openApp();

  // The app opens on its newest article, as usual.
  await expect(page.getByRole('heading', { level: 1, name: OTHER_TITLE })).toBeVisible();
  await expect(field(page, 'Term 1')).toHaveValue('Tea');
  const notices = page.getByRole('alert', { name: 'Notices' });
  await expect(notices).toBeVisible();
  await expect(notices.getByRole('listitem')).toHaveCount(bad.size);
  for (const name of bad.keys()) {
    await expect(notices).toContainText(`comparisons/${name} could not be read`);
  }
  await expect(notices).toContainText('was moved to .versus-desk/quarantine/');

  // Each file is kept, unchanged, in quarantine.
  const quarantined = await snapshot(join(workspaceDir, '.versus-desk', 'quarantine'));
  expect(quarantined.size).toBe(bad.size);
  for (const [name, text] of bad) {
    const kept = [...quarantined.entries()].find(([q]) => q.endsWith(`-${name}`));
    expect(kept?.[1]).toBe(text);
  }

  // Every other article: listed, opens, and its file is exactly what it was.
  const list = page.getByRole('list', { name: 'Comparisons' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText(SEED_TITLE);
  await expect(list).toContainText(OTHER_TITLE);
  const seed = JSON.parse(seedFile![1]) as Comparison;
  await list.getByRole('button', { name: SEED_TITLE }).click();
  await expectSeedOpen(page);
  await expect(field(page, 'FAQ 20 question')).toHaveValue(seed.faqs[19].question);
  await expect(field(page, 'Row 5 label')).toHaveValue(seed.chart.rows[4].label);
  await expect(field(page, 'Definition 10 example 1')).toHaveValue(seed.definitions[9].examples[0].text);
  expect(await snapshot(comparisonsDir)).toEqual(before);
  expect(await snapshot(peopleDir)).toEqual(peopleBefore);

  // Dismissed notices go; a restart finds nothing more to quarantine.
  for (let i = bad.size; i > 0; i--) await notices.getByRole('button', { name: 'Dismiss' }).first().click();
  await expect(notices).toHaveCount(0);
  await restartApp();
  await expect(page.getByRole('list', { name: 'Comparisons' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('alert', { name: 'Notices' })).toHaveCount(0);
  expect((await snapshot(join(workspaceDir, '.versus-desk', 'quarantine'))).size).toBe(bad.size);
  expect(await snapshot(comparisonsDir)).toEqual(before);
});
