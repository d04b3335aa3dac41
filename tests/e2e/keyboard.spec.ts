/**
 * Journey 6: a keyboard-only writer adds a chart row and a FAQ to the seed article, moving with
 * Tab from the top of the page and pressing Enter on the Add buttons: no mouse, no fill().
 */
import { expect, test } from './harness/harness';
import { expectSeedOpen, field } from './support/editor';
import { expectSaved } from './support/fields';
import { tabTo, typeInto } from './support/keyboard';

const SLUG = 'social-media-vs-social-networking';
const ROW = { label: 'Time Spent', a: 'Scrolling a feed', b: 'Messaging contacts' };
const QUESTION = 'Can one app be both?';

test('authors a chart row and a FAQ with the keyboard alone; both are shown and stored', async ({ page, openApp, readStoredComparison }) => {
  await openApp();
  await expectSeedOpen(page);
  const seed = await readStoredComparison(SLUG);
  const rowCount = seed.chart.rows.length;
  const faqCount = seed.faqs.length;

  // From the top of the page, Tab to "Add chart row" and press Enter: the new row's label takes focus.
  await page.keyboard.press('Tab');
  await tabTo(page, page.getByRole('button', { name: 'Add chart row', exact: true }));
  await page.keyboard.press('Enter');
  const r = rowCount + 1;
  await typeInto(page, field(page, `Row ${r} label`), ROW.label);
  await page.keyboard.press('Tab');
  await typeInto(page, field(page, `Row ${r} Social Media`), ROW.a);
  await page.keyboard.press('Tab');
  await typeInto(page, field(page, `Row ${r} Social Networking`), ROW.b);

  // On to "Add FAQ"; the question takes focus, Tab goes to the answer (a rich-text field).
  await tabTo(page, page.getByRole('button', { name: 'Add FAQ', exact: true }));
  await page.keyboard.press('Enter');
  const f = faqCount + 1;
  await typeInto(page, field(page, `FAQ ${f} question`), QUESTION);
  await page.keyboard.press('Tab');
  const answer = field(page, `FAQ ${f} answer`);
  await expect(answer).toHaveAttribute('contenteditable', 'true');
  // Bold by shortcut, then a bulleted list by typing "- " at the start of a line.
  await typeInto(page, answer, 'Yes: ');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('many apps');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type(' mix both.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- Feeds for content');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Groups for connections');

  // Shown.
  await expect(field(page, `Row ${r} label`)).toHaveValue(ROW.label);
  await expect(field(page, `Row ${r} Social Media`)).toHaveValue(ROW.a);
  await expect(field(page, `Row ${r} Social Networking`)).toHaveValue(ROW.b);
  await expect(field(page, `FAQ ${f} question`)).toHaveValue(QUESTION);
  await expect(answer.locator('strong')).toHaveText('many apps');
  await expect(answer.locator('ul > li')).toHaveText(['Feeds for content', 'Groups for connections']);

  // Stored.
  await expectSaved(page);
  const stored = await readStoredComparison(SLUG);
  expect(stored.chart.rows).toHaveLength(rowCount + 1);
  expect(stored.chart.rows.slice(0, rowCount)).toEqual(seed.chart.rows);
  expect(stored.chart.rows[rowCount]).toMatchObject({ label: ROW.label, values: { a: ROW.a, b: ROW.b } });
  expect(stored.faqs).toHaveLength(faqCount + 1);
  expect(stored.faqs.slice(0, faqCount)).toEqual(seed.faqs);
  const faq = stored.faqs[faqCount];
  expect(faq.question).toBe(QUESTION);
  const item = (text: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  expect(faq.answer).toEqual({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Yes: ' },
          { type: 'text', text: 'many apps', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' mix both.' },
        ],
      },
      { type: 'bulletList', content: [item('Feeds for content'), item('Groups for connections')] },
    ],
  });
});
