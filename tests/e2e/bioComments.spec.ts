/**
 * Comments on a bio and a person's history in the People view (issue 3 follow-up): comment on
 * Aimie Carlson's bio, reply, resolve it, then see the bio review's snapshot in History.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './harness/harness';

const OUT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SUBJECT = 'Aimie Carlson';
const REVIEWER = 'Harlon Moss';

test('comment on a bio, resolve the thread, and see the bio review in its history', async ({ page, openApp, services, readStoredPeople }) => {
  const people = services.store.listPeople();
  const subject = people.find((p) => p.name === SUBJECT)!;
  const reviewer = people.find((p) => p.name === REVIEWER)!;
  await services.invoke('profile.set', { personId: reviewer.id, role: 'editor' });
  await openApp();
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: `Edit ${SUBJECT}` }).click();

  const comments = page.getByRole('region', { name: /^Comments on the bio/ });
  await expect(comments).toContainText('(none yet)');
  await expect(comments.getByRole('button', { name: 'Comment on bio' })).toBeDisabled();
  await comments.getByLabel('New comment on the bio').fill('Say which team she edits for.');
  await comments.getByRole('button', { name: 'Comment on bio' }).click();
  const thread = comments.getByRole('article', { name: `Comment by ${REVIEWER} on the bio` });
  await expect(thread).toContainText('Say which team she edits for.');
  await expect(thread.locator('.thread-author')).toHaveText([REVIEWER]);
  await expect(comments).toContainText('(1 open, 0 resolved)');

  await thread.getByLabel('Reply', { exact: true }).fill('Tech desk, added.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(thread.locator('.thread-messages li')).toHaveCount(2);
  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(thread).toContainText(`Resolved by ${REVIEWER}`);
  await expect(thread.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(comments).toContainText('(0 open, 1 resolved)');

  // A bio review action after the comments: the form kept the latest revision, so no conflict.
  await page.getByRole('button', { name: 'Submit bio for review' }).click();
  await expect(page.getByTestId('bio-state')).toHaveText('Awaiting review');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, 'bio-comments.png'), animations: 'disabled', caret: 'hide' });

  const stored = (await readStoredPeople()).find((p) => p.id === subject.id)!;
  expect(stored.review?.comments).toHaveLength(1);
  expect(stored.review?.comments[0]).toMatchObject({ part: 'bio', resolved: { by: reviewer.id } });
  expect(stored.review?.comments[0].messages.map((m) => m.text)).toEqual(['Say which team she edits for.', 'Tech desk, added.']);

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `History: ${SUBJECT}` });
  const snapshots = dialog.getByRole('list', { name: 'Snapshots, newest first' });
  await expect(snapshots.getByRole('listitem').first()).toContainText(`Revision ${stored.revision} · Submitted for review`);
  await expect(snapshots.getByRole('listitem').first()).toContainText(`by ${REVIEWER}`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
