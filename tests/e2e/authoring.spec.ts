import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { comparisonToParts, fixtureToComparisonParts } from '../../src/main/seed/seedWorkspace';
import { expect, test } from './harness/harness';
import { expectSaved, fillRich, SEED_TITLE } from './support/fields';

interface Fixture {
  title: string;
  termA: string;
  termB: string;
  summary: string;
  keyDifferences: string[];
  chart: Array<{ label: string; a: string; b: string }>;
  definitions: Array<{ term: 'A' | 'B'; text: string; example: string }>;
  faqs: Array<{ q: string; a: string }>;
  author: { name: string; bio: string };
  editor: { name: string; bio: string };
  updated: string;
}

const fixturePath = fileURLToPath(new URL('../fixtures/social-media-vs-social-networking.json', import.meta.url));

test.use({ seed: 'empty' });
test.setTimeout(240_000);

test('a writer authors the whole seed article through the UI and finds it intact after a restart', async ({
  page,
  openApp,
  restartApp,
  readStoredComparisons,
  readStoredPeople,
}) => {
  const fx = JSON.parse(await readFile(fixturePath, 'utf8')) as Fixture;
  await openApp();

  // People first, so the byline can name them.
  await page.getByRole('button', { name: 'People', exact: true }).click();
  for (const person of [fx.author, fx.editor]) {
    await page.getByRole('button', { name: 'New person' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(person.name);
    await fillRich(page, 'Bio', person.bio);
    await page.getByRole('button', { name: 'Save person' }).click();
    await expect(page.getByRole('list', { name: 'People' })).toContainText(person.name);
  }

  await page.getByRole('button', { name: 'Comparisons', exact: true }).click();
  await page.getByRole('button', { name: 'New comparison', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New comparison' });
  await dialog.getByRole('textbox', { name: 'Term 1' }).fill(fx.termA);
  await dialog.getByRole('textbox', { name: 'Term 2' }).fill(fx.termB);
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(fx.title);
  await expect(page.getByRole('textbox', { name: 'Slug', exact: true })).toHaveValue('social-media-vs-social-networking');

  await fillRich(page, 'Summary', fx.summary);

  for (const [i, text] of fx.keyDifferences.entries()) {
    await page.getByRole('button', { name: 'Add key difference' }).click();
    await fillRich(page, `Key difference ${i + 1}`, text);
  }

  for (const [i, row] of fx.chart.entries()) {
    await page.getByRole('button', { name: 'Add chart row' }).click();
    await page.getByRole('textbox', { name: `Row ${i + 1} label` }).fill(row.label);
    await page.getByRole('textbox', { name: `Row ${i + 1} ${fx.termA}` }).fill(row.a);
    await page.getByRole('textbox', { name: `Row ${i + 1} ${fx.termB}` }).fill(row.b);
  }

  for (const [i, def] of fx.definitions.entries()) {
    const n = i + 1;
    await page.getByRole('button', { name: 'Add definition' }).click();
    await page.getByRole('combobox', { name: `Definition ${n} term` }).selectOption({ label: def.term === 'A' ? fx.termA : fx.termB });
    await fillRich(page, `Definition ${n} text`, def.text);
    await page.getByRole('textbox', { name: `Definition ${n} example 1` }).fill(def.example);
  }

  for (const [i, faq] of fx.faqs.entries()) {
    await page.getByRole('button', { name: 'Add FAQ' }).click();
    await page.getByRole('textbox', { name: `FAQ ${i + 1} question` }).fill(faq.q);
    await fillRich(page, `FAQ ${i + 1} answer`, faq.a);
  }

  await page.getByRole('combobox', { name: 'Author' }).selectOption({ label: fx.author.name });
  await page.getByRole('combobox', { name: 'Editor' }).selectOption({ label: fx.editor.name });
  await page.getByLabel('Updated on').fill(fx.updated);
  await expectSaved(page);

  await restartApp();
  await page.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(`^${escapeRegExp(SEED_TITLE)}`) }).click();

  // Every field shown equals the fixture.
  await expect(page.getByRole('textbox', { name: 'Term 1' })).toHaveValue(fx.termA);
  await expect(page.getByRole('textbox', { name: 'Term 2' })).toHaveValue(fx.termB);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(fx.title);
  await expect(page.getByRole('textbox', { name: 'Summary', exact: true })).toHaveText(fx.summary);
  for (const [i, text] of fx.keyDifferences.entries()) {
    await expect(page.getByRole('textbox', { name: `Key difference ${i + 1}`, exact: true })).toHaveText(text);
  }
  await expect(page.getByRole('textbox', { name: `Key difference ${fx.keyDifferences.length + 1}`, exact: true })).toHaveCount(0);
  for (const [i, row] of fx.chart.entries()) {
    await expect(page.getByRole('textbox', { name: `Row ${i + 1} label` })).toHaveValue(row.label);
    await expect(page.getByRole('textbox', { name: `Row ${i + 1} ${fx.termA}` })).toHaveValue(row.a);
    await expect(page.getByRole('textbox', { name: `Row ${i + 1} ${fx.termB}` })).toHaveValue(row.b);
  }
  for (const [i, def] of fx.definitions.entries()) {
    const n = i + 1;
    await expect(page.getByRole('combobox', { name: `Definition ${n} term` }).locator('option:checked')).toHaveText(def.term === 'A' ? fx.termA : fx.termB);
    await expect(page.getByRole('textbox', { name: `Definition ${n} text`, exact: true })).toHaveText(def.text);
    await expect(page.getByRole('textbox', { name: `Definition ${n} example 1` })).toHaveValue(def.example);
  }
  for (const [i, faq] of fx.faqs.entries()) {
    await expect(page.getByRole('textbox', { name: `FAQ ${i + 1} question` })).toHaveValue(faq.q);
    await expect(page.getByRole('textbox', { name: `FAQ ${i + 1} answer`, exact: true })).toHaveText(faq.a);
  }
  await expect(page.getByRole('combobox', { name: 'Author' }).locator('option:checked')).toHaveText(fx.author.name);
  await expect(page.getByRole('combobox', { name: 'Editor' }).locator('option:checked')).toHaveText(fx.editor.name);
  await expect(page.getByLabel('Updated on')).toHaveValue(fx.updated);

  // Every field stored on disk equals the fixture.
  const stored = await readStoredComparisons();
  expect(stored).toHaveLength(1);
  const people = await readStoredPeople();
  expect(comparisonToParts(stored[0], people)).toEqual(fixtureToComparisonParts());
  expect(people.map((p) => p.name).sort()).toEqual([fx.author.name, fx.editor.name].sort());
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
