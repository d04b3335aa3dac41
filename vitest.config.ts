import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/shared/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/bench/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one (2 - 1 = 1 here): the crash loop and the CLI
    // tests spend most of their time waiting on child processes and the disk, so two files at a time
    // take about half the wall time on 2 cores.
    maxWorkers: 2,
  },
});
