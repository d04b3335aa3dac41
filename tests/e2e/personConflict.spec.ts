/**
 * A person changed elsewhere while their form is open (another window, or a synced copy): "Save
 * person" is refused and the writer chooses, as for an article. "Keep mine" stores the form's copy
 * and shows the one it replaced; "Reload theirs" puts the stored copy in the form and keeps the
 * writer's on screen. Nothing is lost without the writer seeing it.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Person } from '../../src/shared/model/person';
import { expect, test, type AppHarness } from './harness/harness';

const MINE = 'Mine: senior editor, social platforms';
const THEIRS = 'Theirs: staff writer, typed in the other window';

/**
 * Opens the first person's form, has another window save that person first (credentials THEIRS),
 * types MINE and presses Save person: the conflict dialog it brings up, and the person as opened.
 */
async function saveAfterAnotherWindow(page: Page, app: AppHarness, people: Person[]) {
  const person = people[0]!;
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: `Edit ${person.name}` }).click();
  await expect(page.getByRole('textbox', { name: 'Credentials' })).toHaveValue(person.credentials);
  expect((await app.dispatch('people.save', { person: { ...person, credentials: THEIRS }, baseRevision: person.revision })).ok).toBe(true);
  await page.getByRole('textbox', { name: 'Credentials' }).fill(MINE);
  await page.getByRole('button', { name: 'Save person' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Changed elsewhere' });
  await expect(dialog).toBeVisible();
  return { person, dialog };
}

test('"Keep mine" after a person was saved elsewhere stores my copy and shows the one it replaced', async ({ page, app, openApp, readStoredPeople }) => {
  await openApp();
  const { person, dialog } = await saveAfterAnotherWindow(page, app, await readStoredPeople());
  await expect(dialog).toContainText(`${person.name} was changed elsewhere`);
  // Until the writer chooses, theirs stands.
  expect((await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(THEIRS);
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/person-conflict.png' });

  await dialog.getByRole('button', { name: 'Keep mine', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(MINE);
  expect((await readStoredPeople()).find((p) => p.id === person.id)?.revision).toBe(person.revision + 2);
  await expect(page.getByRole('textbox', { name: 'The replaced copy' })).toHaveValue(new RegExp(THEIRS));
  await page.screenshot({ path: 'test-results/screenshots/person-conflict-kept.png' });

  // Later saves go through (the form is based on the new revision).
  await page.getByRole('textbox', { name: 'Credentials' }).fill(`${MINE}, again`);
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect.poll(async () => (await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(`${MINE}, again`);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Dismiss replaced copy' }).click();
  await expect(page.getByRole('textbox', { name: 'The replaced copy' })).toHaveCount(0);
});

test('"Reload theirs" puts the stored person in the form and keeps mine on screen', async ({ page, app, openApp, readStoredPeople }) => {
  await openApp();
  const { person, dialog } = await saveAfterAnotherWindow(page, app, await readStoredPeople());
  await dialog.getByRole('button', { name: 'Reload theirs', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Credentials' })).toHaveValue(THEIRS);
  await expect(page.getByRole('textbox', { name: 'Your discarded copy' })).toHaveValue(new RegExp(MINE));
  expect((await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(THEIRS);

  // Saving now builds on their copy.
  await page.getByRole('textbox', { name: 'Credentials' }).fill(`${THEIRS}, then mine`);
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect.poll(async () => (await readStoredPeople()).find((p) => p.id === person.id)?.credentials).toBe(`${THEIRS}, then mine`);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});
