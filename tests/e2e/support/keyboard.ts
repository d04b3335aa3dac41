import { expect, type Locator, type Page } from '@playwright/test';

/** The page's globals these callbacks read (the node tsconfig has no DOM lib). */
interface PageFocus {
  document: { activeElement: { tagName: string; getAttribute(name: string): string | null; textContent: string | null } | null };
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user moves through the
 * page; fails if it takes more than `max` presses (focus lost, or the target is not a tab stop).
 */
export async function tabTo(page: Page, target: Locator, { max = 600, backwards = false } = {}): Promise<number> {
  // Resolved once: a role query on every press would cost more than the press on a long article.
  const handle = await target.elementHandle();
  if (!handle) throw new Error('The Tab target is not on the page');
  try {
    for (let presses = 0; presses <= max; presses++) {
      if (await handle.evaluate((el) => el === (globalThis as unknown as PageFocus).document.activeElement)) return presses;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
  } finally {
    await handle.dispose();
  }
  const focused = await page.evaluate(() => {
    const el = (globalThis as unknown as PageFocus).document.activeElement;
    return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}` : 'nothing';
  });
  throw new Error(`Tab did not reach the target within ${max} presses (focus is on ${focused})`);
}

/** Asserts the target is focused, then types into it (no click, no fill). */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await expect(target).toBeFocused();
  await page.keyboard.type(text);
}
