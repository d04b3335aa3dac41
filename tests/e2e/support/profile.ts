import { expect, type Page } from '@playwright/test';

/** Switches who is working in this copy of the app through the top bar's profile dialog. */
export async function switchProfile(page: Page, name: string, role: 'Writer' | 'Editor'): Promise<void> {
  await page.getByRole('button', { name: /^Profile: / }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is working?' });
  await dialog.getByLabel('Your name').selectOption({ label: name });
  await dialog.getByRole('radio', { name: role }).check();
  await dialog.getByRole('button', { name: 'Switch' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Profile: ${name}, ${role.toLowerCase()}. Switch profile` })).toBeVisible();
}
