import { expect, test } from './harness/harness';
import { expectSaved } from './support/fields';

test('undo and redo work within a rich-text field and a plain field', async ({ page, openApp, readStoredComparison }) => {
  await openApp();
  const summary = page.getByRole('textbox', { name: 'Summary', exact: true });
  const before = (await summary.textContent()) ?? '';
  await summary.click();
  await expect(summary).toHaveAttribute('contenteditable', 'true');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Extra words.');
  await expect(summary).toHaveText(`${before} Extra words.`);
  await page.keyboard.press('Control+z');
  await expect(summary).toHaveText(before);
  await page.keyboard.press('Control+Shift+z');
  await expect(summary).toHaveText(`${before} Extra words.`);

  const question = page.getByRole('textbox', { name: 'FAQ 1 question' });
  const original = await question.inputValue();
  await question.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Really');
  await expect(question).toHaveValue(`${original} Really`);
  await page.keyboard.press('Control+z');
  await expect(question).toHaveValue(original);
  await page.keyboard.press('Control+Shift+z');
  await expect(question).toHaveValue(`${original} Really`);

  await expectSaved(page);
  const stored = await readStoredComparison('social-media-vs-social-networking');
  expect(stored.faqs[0].question).toBe(`${original} Really`);
});
