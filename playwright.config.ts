import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { defineConfig } from '@playwright/test';

// The services import JSON the bundler way (no import attribute); Node's ESM loader needs help.
// The config loads in the runner and in every worker, so each process gets the hook.
register('./tests/e2e/harness/jsonModules.mjs', import.meta.url);

/**
 * The browser: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own
 * (undefined lets Playwright use the browser `npx playwright install chromium` fetched).
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Builds the renderer once (skipped with E2E_SKIP_BUILD=1, which `npm test` sets after its own build).
  globalSetup: './tests/e2e/harness/globalSetup.ts',
  // Two workers, test by test: each test has its own workspace, services and page, and a single
  // worker left half of the 2 cores idle (the journeys wait on autosave, journal and debounce
  // timers). E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumExecutable(),
          // Without the networking flags Chromium keeps dialling out on a closed network.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-dev-shm-usage',
          ],
        },
      },
    },
    {
      // The same journeys against the real app; skipped (with the reason printed) without an Electron binary.
      name: 'electron',
      testDir: 'tests/e2e-electron',
    },
  ],
});
