/**
 * Issue 3's editorial journey through the UI with the real services: submit, request changes
 * with a comment on a text range, fix and resubmit, see exactly those changes, approve and sign
 * off, an edit voids only its part and the sign-off, and the author is refused approving.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/harness';
import { switchProfile } from './support/profile';
import { expectSaved } from './support/fields';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const AUTHOR = 'Harlon Moss';
const EDITOR = 'Aimie Carlson';

/** Selects `words` inside the (static) rich-text field named `field`, as a mouse drag would (in-page code as a string: this file is typed for Node). */
async function selectWords(page: Page, field: string, words: string) {
  await page.getByRole('textbox', { name: field, exact: true }).waitFor();
  await page.evaluate(`(() => {
    const el = [...document.querySelectorAll('[role="textbox"]')].find((x) => x.getAttribute('aria-label') === ${JSON.stringify(field)});
    const quote = ${JSON.stringify(words)};
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(quote);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + quote.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return;
    }
    throw new Error('"' + quote + '" is not in the field');
  })()`);
}

/** How many ranges the comment-anchor highlight paints. */
const highlighted = (page: Page) => page.evaluate<number>(`CSS.highlights.get('vd-comment-anchor')?.size ?? 0`);

const statusPill = (page: Page) => page.getByRole('region', { name: 'Review' }).locator('.pill');

test('an article goes from submission to sign-off part by part, and nothing approved changes unseen', async ({ page, openApp, app, readStoredComparison }) => {
  test.setTimeout(90_000);
  await mkdir(SHOTS, { recursive: true });
  // Bios are reviewed in the People view; here they start signed off so the article's checklist can pass.
  const people = app.services.store.listPeople();
  const author = people.find((p) => p.name === AUTHOR)!;
  const editor = people.find((p) => p.name === EDITOR)!;
  for (const [reviewer, subject] of [
    [editor, author],
    [author, editor],
  ] as const) {
    await app.services.review.setProfile({ personId: reviewer.id, role: 'editor' });
    const p = await app.services.store.getPerson(subject.id);
    const approved = await app.services.review.reviewPerson(p.id, p.revision, { action: 'approve', parts: [], sections: [] });
    await app.services.review.reviewPerson(p.id, approved.revision, { action: 'sign_off' });
  }
  await openApp();
  const seed = app.services.store.listComparisons()[0];
  const sidebarItem = page.getByRole('navigation').getByRole('button', { name: /Social Media vs\. Social Networking/ });

  // 1. The writer submits the seed article.
  await switchProfile(page, AUTHOR, 'Writer');
  // The window's title bar names who is working, as what.
  await expect(page).toHaveTitle(`Versus Desk — ${await page.locator('.workspace-name').innerText()} — ${AUTHOR} (writer)`);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(statusPill(page)).toHaveText('In review');
  await expect(sidebarItem).toContainText('In review');

  // 2. The editor requests changes on one chart row, and comments on words of a key difference.
  await switchProfile(page, EDITOR, 'Editor');
  await page.getByRole('button', { name: 'Request changes on Chart row “User Interaction”' }).click();
  await expect(page.getByRole('group', { name: 'Review of Chart row “User Interaction”' })).toContainText('Changes requested');
  await expect(statusPill(page)).toHaveText('Changes requested');
  const kdText = (await page.getByRole('textbox', { name: 'Key difference 1', exact: true }).innerText()).trim();
  const quote = kdText.split(/\s+/).slice(2, 5).join(' ');
  await selectWords(page, 'Key difference 1', quote);
  await page.getByRole('button', { name: 'Comment on Key difference 1' }).click();
  await page.getByLabel(`Comment on “${quote}”`).fill('Say who does the sharing.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByRole('article', { name: `Comment by ${EDITOR} on Key difference 1` })).toContainText('Say who does the sharing.');
  // The commented words are highlighted in the field.
  await expect.poll(() => highlighted(page)).toBe(1);
  await page.getByRole('button', { name: /^Comments \(1 open\)$/ }).click();
  const panel = page.getByRole('complementary', { name: 'Comments' });
  await expect(panel).toContainText(`“${quote}”`);
  await page.screenshot({ path: `${SHOTS}review-panel.png` });
  let stored = await readStoredComparison(seed.id);
  expect(stored.review?.comments).toEqual([
    expect.objectContaining({ part: `kd:${stored.keyDifferences[0].id}`, anchor: expect.objectContaining({ quote }), resolved: null }),
  ]);
  await panel.getByRole('button', { name: 'Close comments' }).click();

  // 3. The writer fixes both and resubmits.
  await switchProfile(page, AUTHOR, 'Writer');
  const cell = page.getByRole('textbox', { name: 'Row 2 Social Media', exact: true });
  await cell.fill('Users share content with a wide audience');
  const kd = page.getByRole('textbox', { name: 'Key difference 1', exact: true });
  await kd.click();
  await expect(kd).toHaveAttribute('contenteditable', 'true');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Creators do the sharing.');
  await expect(kd).toContainText(/connections among users\. Creators do the sharing\.$/);
  await expectSaved(page);
  await page.getByRole('button', { name: /^Comments \(1 open\)$/ }).click();
  await panel.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('button', { name: /^Comments \(0 open\)$/ })).toBeVisible();
  await expect.poll(() => highlighted(page)).toBe(0);
  await panel.getByRole('button', { name: 'Close comments' }).click();
  await page.getByRole('button', { name: 'Resubmit for review' }).click();
  await expect(statusPill(page)).toHaveText('In review');

  // 4. The editor sees exactly those changes since their last review, approves everything and signs off.
  await switchProfile(page, EDITOR, 'Editor');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('dialog', { name: /^History: / });
  await history.getByRole('button', { name: 'Changes since my last review' }).click();
  const diff = history.getByRole('region', { name: 'Differences' });
  await expect(diff.locator('.diff-section-title')).toHaveText(['Key differences', 'Comparison chart']);
  await expect(diff.getByRole('table').locator('[data-changed="true"]')).toHaveCount(1);
  await expect(diff.getByRole('table').getByRole('rowheader')).toHaveText('User Interaction');
  await expect(diff.getByRole('table').locator('ins')).toContainText(['wide audience']);
  await expect(diff.getByRole('region', { name: 'Key differences' }).locator('ins')).toContainText(['Creators do the sharing.']);
  await history.screenshot({ path: `${SHOTS}review-changes-since-last-review.png` });
  await history.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Approve all parts' }).click();
  await expect(statusPill(page)).toHaveText('Approved');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(statusPill(page)).toHaveText('Signed off');
  await expect(page.getByRole('region', { name: 'Review' })).toContainText(`Signed off by ${EDITOR}`);
  await expect(sidebarItem).toContainText('Signed off');

  // 5. The writer edits one FAQ: only that FAQ and the sign-off are voided, visibly.
  await switchProfile(page, AUTHOR, 'Writer');
  const question = page.getByRole('textbox', { name: 'FAQ 2 question', exact: true });
  await question.fill(`${await question.inputValue()} Really?`);
  await expectSaved(page);
  const faqGroup = page.getByRole('group', { name: /^Review of FAQ “/ }).nth(1);
  await expect(faqGroup).toContainText('Changed since approval');
  await expect(page.getByRole('region', { name: 'Review' })).toContainText(`Sign-off voided: the article changed after ${EDITOR} signed it off`);
  await expect(statusPill(page)).toHaveText('In review');
  const states = await page.locator('.part-state').allInnerTexts();
  expect(states.filter((s) => !s.includes('Approved'))).toHaveLength(1);
  await faqGroup.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}review-voided-part.png` });
  await page.getByRole('region', { name: 'Review' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}review-voided.png` });
  stored = await readStoredComparison(seed.id);
  expect(stored.faqs[1].question).toMatch(/Really\?$/);

  // 6. The author, even as an editor, is refused approving their own article.
  await switchProfile(page, AUTHOR, 'Editor');
  const before = await readStoredComparison(seed.id);
  await faqGroup.getByRole('button', { name: /^Approve FAQ/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Four-eyes rule' })).toContainText(`${AUTHOR} wrote this article, so ${AUTHOR} cannot approve parts of it`);
  expect(await readStoredComparison(seed.id)).toEqual(before);
});
