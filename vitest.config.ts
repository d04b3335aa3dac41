import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/shared/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/bench/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
