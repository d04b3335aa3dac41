import { expect, type Locator, type Page } from '@playwright/test';
import { SEED_TITLE } from './fields';

/** Waits until the editor shows the seed article (the app opens the first comparison by itself). */
export async function expectSeedOpen(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(SEED_TITLE);
}

/** A textbox by its exact accessible name ("FAQ 1 question" must not match "FAQ 11 question"). */
export function field(page: Page, name: string): Locator {
  return page.getByRole('textbox', { name, exact: true });
}

/** What a field shows: the value of an input, the text of a rich-text field. */
export async function shownText(box: Locator): Promise<string> {
  const isInput = await box.evaluate((el) => el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');
  return isInput ? box.inputValue() : ((await box.textContent()) ?? '');
}

/** The undo toast after a removal. */
export function undoToast(page: Page): Locator {
  return page.getByRole('status', { name: 'Undo removal' });
}

/** The "Changed elsewhere" conflict dialog. */
export function conflictDialog(page: Page): Locator {
  return page.getByRole('alertdialog', { name: 'Changed elsewhere' });
}
