/**
 * Hot exit for the People form: a person's name, credentials and bio typed but not saved go to
 * `.versus-desk/journal/person-<id>.json` about 250 ms after the pause, survive a crash of the
 * page, are offered back when the People view opens and replayed into the form with a notice;
 * "Save person" stores them and removes the journal. A journal based on an older revision is shown
 * unsaved with a warning, never saved over the newer stored person by itself.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/harness';
import { journalTexts } from './support/journal';

const CREDENTIALS = 'Typed before the crash: senior networks editor';
const BIO_WORDS = 'Unsaved bio line.';

/** The texts of the person journals on disk. */
async function openPeople(page: Page) {
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'People' }).click();
  await expect(page.getByRole('list', { name: 'People' })).toBeVisible();
}

test('a person’s unsaved credentials and bio survive a page crash, come back with a notice, and Save person stores them', async ({ page, context, openApp, readStoredPeople, workspaceDir }) => {
  await openApp();
  const [person] = await readStoredPeople();
  await openPeople(page);
  await page.getByRole('button', { name: `Edit ${person.name}` }).click();
  await page.getByRole('textbox', { name: 'Credentials' }).fill(CREDENTIALS);
  await page.getByRole('textbox', { name: 'Bio' }).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(` ${BIO_WORDS}`);
  await page.waitForTimeout(600);
  expect((await journalTexts(workspaceDir, 'person-')).some((j) => j.includes(CREDENTIALS) && j.includes(BIO_WORDS))).toBe(true);
  // The page dies at once: no beforeunload, no flush, nothing saved.
  await page.close({ runBeforeUnload: false });
  expect((await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(person.credentials);

  const again = await context.newPage();
  await openApp(again);
  await openPeople(again);
  const offer = again.getByRole('status', { name: 'Recovered edits' });
  await expect(offer).toContainText(`Recovered unsaved edits to “${person.name}”`);
  await again.getByRole('button', { name: `Open recovered edits to ${person.name}` }).click();
  await expect(again.getByRole('status', { name: 'Recovered edits' })).toContainText('They were not saved when Versus Desk last closed');
  await expect(again.getByRole('textbox', { name: 'Credentials' })).toHaveValue(CREDENTIALS);
  await expect(again.getByRole('textbox', { name: 'Bio' })).toContainText(BIO_WORDS);
  await mkdir('test-results/screenshots', { recursive: true });
  await again.screenshot({ path: 'test-results/screenshots/hot-exit-person-recovered.png' });

  await again.getByRole('button', { name: 'Save person' }).click();
  await expect(again.getByRole('status', { name: 'Recovered edits' })).toHaveCount(0);
  await expect.poll(async () => (await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(CREDENTIALS);
  expect(JSON.stringify((await readStoredPeople()).find((p) => p.id === person.id)?.bio)).toContain(BIO_WORDS);
  await expect.poll(() => journalTexts(workspaceDir, 'person-')).toEqual([]);
});

test('edits based on an older revision are shown unsaved with a warning; discarding them keeps the newer stored person', async ({ page, openApp, services, readStoredPeople, workspaceDir }) => {
  const [person] = await readStoredPeople();
  const stale = { baseRevision: person.revision, name: person.name, credentials: 'Old recovered credentials', bio: person.bio };
  await services.invoke('journal.writePerson', { key: person.id, draft: stale, stamp: 1 });
  // Meanwhile someone saved a newer revision.
  const newer = await services.invoke('people.save', { person: { ...person, credentials: 'Newer stored credentials' }, baseRevision: person.revision });

  await openApp();
  await openPeople(page);
  await page.getByRole('button', { name: `Open recovered edits to ${person.name}` }).click();
  const notice = page.getByRole('status', { name: 'Recovered edits' });
  await expect(notice).toContainText('was changed elsewhere since then');
  await expect(page.getByRole('textbox', { name: 'Credentials' })).toHaveValue('Old recovered credentials');
  // Nothing is saved over the newer person by itself.
  await page.waitForTimeout(400);
  expect((await readStoredPeople()).find((p) => p.id === person.id)).toMatchObject({ revision: newer.revision, credentials: 'Newer stored credentials' });

  await notice.getByRole('button', { name: 'Discard recovered edits' }).click();
  await expect(page.getByRole('textbox', { name: 'Credentials' })).toHaveValue('Newer stored credentials');
  await expect.poll(() => journalTexts(workspaceDir, 'person-')).toEqual([]);
  expect((await readStoredPeople()).find((p) => p.id === person.id)?.revision).toBe(newer.revision);
});
