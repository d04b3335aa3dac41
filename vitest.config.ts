import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/shared/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/bench/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One fork runs every file (vitest's default on 2 cores), reusing its modules from file to
    // file instead of a new process per file: the suite took 271 s alone with isolation and 204 s
    // without (90 s less CPU), beside Playwright in `npm test`. No test relies on a fresh process;
    // vi.mock is per file either way, spies and stubbed globals are restored after each test
    // (restoreMocks, unstubGlobals), fake timers are put back in each file's afterEach, and each
    // file removes its temp folders.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
  },
});
