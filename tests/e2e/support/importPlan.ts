import { expect, type Page } from '../harness/harness';
import type { AppHarness } from '../harness/harness';

/** Chooses `bundle` in the import dialog (the stubbed open dialog answers) and waits for the plan table. */
export async function openImportPlan(page: Page, app: AppHarness, bundle: string) {
  app.chooseImportSource.answer(bundle);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Choose bundle or Markdown file…' }).click();
  const plan = dialog.getByRole('table', { name: 'Import plan' });
  await expect(plan).toBeVisible();
  return { dialog, plan };
}
