/**
 * The real app (out/main/index.js in Electron): open it on a fresh home folder, find the seeded
 * article, edit its summary, quit, start again and find the edit kept. Skipped, with the reason
 * printed, where no Electron binary is installed.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary, NO_ELECTRON_REASON } from './electronBinary';

const SEED_TITLE = "Social Media vs. Social Networking: What's the Difference?";
const executablePath = findElectronBinary();

// Printed once, by the runner while it collects tests (workers have TEST_WORKER_INDEX).
if (!executablePath && process.env.TEST_WORKER_INDEX === undefined) console.log(`[electron] ${NO_ELECTRON_REASON}`);

test.describe('the real app', () => {
  test.skip(!executablePath, NO_ELECTRON_REASON);

  let home: string;
  test.beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'versus-desk-electron-'));
  });
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) await rm(home, { recursive: true, force: true });
  });

  /** Starts the app with its documents and settings folders inside `home`, so the first run seeds a fresh default workspace there. */
  async function launch(): Promise<{ app: ElectronApplication; window: Page }> {
    const app = await electron.launch({
      executablePath,
      args: [resolve('out/main/index.js')],
      env: {
        ...(process.env as Record<string, string>),
        HOME: home,
        USERPROFILE: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        ELECTRON_DISABLE_SECURITY_WARNINGS: 'true',
      },
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('list', { name: 'Comparisons' })).toBeAttached();
    return { app, window };
  }

  async function openSeedArticle(window: Page): Promise<void> {
    const list = window.getByRole('list', { name: 'Comparisons' });
    await expect(list).toContainText(SEED_TITLE);
    await list.getByText(SEED_TITLE).click();
    await expect(window.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  }

  test('keeps an edited summary across a restart', async () => {
    const added = ` Edited in the real app ${Date.now()}.`;
    let { app, window } = await launch();
    try {
      await openSeedArticle(window);
      const summary = window.getByRole('textbox', { name: 'Summary' });
      await summary.click();
      await window.keyboard.press('ControlOrMeta+End');
      await window.keyboard.type(added);
      await expect(window.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
    } finally {
      await app.close();
    }

    ({ app, window } = await launch());
    try {
      await openSeedArticle(window);
      await expect(window.getByRole('textbox', { name: 'Summary' })).toContainText(added.trim());
    } finally {
      await app.close();
    }
  });
});
