/**
 * Journey 3: tab-separated rows pasted from a spreadsheet into the chart create and overwrite rows
 * from the row pasted into, downwards: the label first, then one value per term in order.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness/harness';
import { pasteInto } from './support/clipboard';
import { expectSeedOpen, field } from './support/editor';
import { expectSaved } from './support/fields';

const SLUG = 'social-media-vs-social-networking';
const [A, B] = ['Social Media', 'Social Networking'];

interface Row {
  label: string;
  a: string;
  b: string;
}

async function expectRowsShown(page: Page, rows: Row[]): Promise<void> {
  for (const [i, row] of rows.entries()) {
    await expect(field(page, `Row ${i + 1} label`)).toHaveValue(row.label);
    await expect(field(page, `Row ${i + 1} ${A}`)).toHaveValue(row.a);
    await expect(field(page, `Row ${i + 1} ${B}`)).toHaveValue(row.b);
  }
  await expect(field(page, `Row ${rows.length + 1} label`)).toHaveCount(0);
}

test('pasting spreadsheet rows into a chart cell overwrites rows from there down and adds the rest', async ({
  page,
  openApp,
  readStoredComparison,
}) => {
  await openApp();
  await expectSeedOpen(page);
  const before = await readStoredComparison(SLUG);
  const seedRows = before.chart.rows;
  expect(seedRows).toHaveLength(5);

  const pasted: Row[] = [
    { label: 'Audience', a: 'Anyone who finds the post', b: 'People you are connected to' },
    { label: 'Typical Platforms', a: 'YouTube, Instagram', b: 'LinkedIn, Facebook Groups' },
    { label: 'Main Metric', a: 'Reach and views', b: 'Connections and replies' },
  ];
  // As a spreadsheet copies: CRLF between rows and a trailing line break.
  const tsv = pasted.map((r) => [r.label, r.a, r.b].join('\t')).join('\r\n') + '\r\n';

  // Pasted into row 4's first term cell: the paste still starts at row 4's label.
  await pasteInto(page, field(page, `Row 4 ${A}`), tsv);

  const expected: Row[] = [
    ...seedRows.slice(0, 3).map((r) => ({ label: r.label, a: r.values.a ?? '', b: r.values.b ?? '' })),
    ...pasted,
  ];
  await expectRowsShown(page, expected);

  await expectSaved(page);
  const stored = (await readStoredComparison(SLUG)).chart.rows;
  expect(stored.map((r) => ({ label: r.label, a: r.values.a, b: r.values.b }))).toEqual(expected);
  // Rows 1–5 are the same rows (ids kept, 4 and 5 overwritten in place); row 6 is new.
  expect(stored.slice(0, 5).map((r) => r.id)).toEqual(seedRows.map((r) => r.id));
  expect(seedRows.map((r) => r.id)).not.toContain(stored[5].id);
});

test('pasting rows into the "Paste rows" area appends them; plain text in a cell pastes as text', async ({
  page,
  openApp,
  readStoredComparison,
}) => {
  await openApp();
  await expectSeedOpen(page);
  const seedRows = (await readStoredComparison(SLUG)).chart.rows;

  // A row with a missing last cell: the value is left empty rather than shifting anything.
  await pasteInto(page, page.getByRole('textbox', { name: 'Paste rows', exact: true }), 'Cost\tFree to post\tFree to join\nReach\tGlobal\n');
  await expect(page.getByRole('textbox', { name: 'Paste rows', exact: true })).toHaveValue('');

  // Ordinary text into a cell is just text.
  await field(page, 'Row 1 label').fill('');
  await pasteInto(page, field(page, 'Row 1 label'), 'Primary Goal');

  const expected: Row[] = [
    { label: 'Primary Goal', a: seedRows[0].values.a ?? '', b: seedRows[0].values.b ?? '' },
    ...seedRows.slice(1).map((r) => ({ label: r.label, a: r.values.a ?? '', b: r.values.b ?? '' })),
    { label: 'Cost', a: 'Free to post', b: 'Free to join' },
    { label: 'Reach', a: 'Global', b: '' },
  ];
  await expectRowsShown(page, expected);

  await expectSaved(page);
  const stored = (await readStoredComparison(SLUG)).chart.rows;
  expect(stored.map((r) => ({ label: r.label, a: r.values.a ?? '', b: r.values.b ?? '' }))).toEqual(expected);
  expect(stored.slice(0, 5).map((r) => r.id)).toEqual(seedRows.map((r) => r.id));
});
