import { defineConfig } from 'vitest/config';

/** Files that replace modules with vi.mock (electron, the journal's clock): each in a process of its own. */
const MOCKING = ['tests/electron/**/*.test.ts', 'tests/unit/renderer/journalTiming.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Spies and stubbed globals are restored after each test; fake timers are put back in each
    // file's afterEach; each file removes its temp folders.
    restoreMocks: true,
    unstubGlobals: true,
    // One fork runs the files one after another (vitest's default on 2 cores). The files in
    // "shared" reuse its loaded modules from file to file instead of a new process per file:
    // the suite took 271 s alone with every file isolated and 204 s without (90 s less CPU,
    // beside Playwright in `npm test`). The files that mock modules stay isolated: a module
    // loaded under one file's mock would stay cached for the next file, and the Electron fake
    // (and the listeners the app's wiring adds to it) would carry over.
    projects: [
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['tests/unit/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/shared/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/bench/**/*.test.ts'],
          exclude: MOCKING,
          isolate: false,
        },
      },
    ],
  },
});
