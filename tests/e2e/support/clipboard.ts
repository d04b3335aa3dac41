import { expect, type Locator, type Page } from '@playwright/test';

/** The page's clipboard API (the node tsconfig has no DOM lib). */
interface PageClipboard {
  navigator: { clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> } };
}

/**
 * Puts `text` on the system clipboard from the page (as a spreadsheet's Copy would) and pastes it
 * into `target` with the real shortcut, so the browser fires a trusted paste event and, for plain
 * text, inserts it as it normally would.
 */
export async function pasteInto(page: Page, target: Locator, text: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate((t) => (globalThis as unknown as PageClipboard).navigator.clipboard.writeText(t), text);
  expect(await page.evaluate(() => (globalThis as unknown as PageClipboard).navigator.clipboard.readText())).toBe(text);
  await target.click();
  await expect(target).toBeFocused();
  await page.keyboard.press('ControlOrMeta+V');
}
