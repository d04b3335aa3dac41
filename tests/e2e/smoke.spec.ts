import { expect, test } from './harness/harness';

const SEED_TITLE = "Social Media vs. Social Networking: What's the Difference?";

test('opens on the seeded workspace and lists the sample article', async ({ page, openApp, readStoredComparison }) => {
  await openApp();
  const list = page.getByRole('list', { name: 'Comparisons' });
  await expect(list).toContainText(SEED_TITLE);
  await expect(list).toContainText('Social Media · Social Networking');
  // What the list shows is what the workspace holds on disk.
  const stored = await readStoredComparison('social-media-vs-social-networking');
  expect(stored.title).toBe(SEED_TITLE);
});

test.describe('an empty workspace', () => {
  test.use({ seed: 'empty' });

  test('opens with an empty list', async ({ page, openApp, readStoredComparisons }) => {
    await openApp();
    await expect(page.getByRole('list', { name: 'Comparisons' })).not.toContainText(SEED_TITLE);
    expect(await readStoredComparisons()).toEqual([]);
  });
});
