import { expect, type Page } from '@playwright/test';

/** A rich-text field renders statically until focused; click it, wait for the live editor, then type. */
export async function fillRich(page: Page, name: string, text: string): Promise<void> {
  const field = page.getByRole('textbox', { name, exact: true });
  await field.click();
  await expect(field).toHaveAttribute('contenteditable', 'true');
  await field.fill(text);
  await expect(field).toHaveText(text);
}

/** Waits until the save status says everything typed is on disk. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/, { timeout: 10_000 });
}

export const SEED_TITLE = "Social Media vs. Social Networking: What's the Difference?";
