import { spawnSync } from 'node:child_process';

/** Builds main, preload and renderer once per run, so `playwright test` never tests a stale bundle. */
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const started = Date.now();
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal}); the e2e tests need out/renderer`);
  }
  console.log(`[e2e] built the app in ${Date.now() - started} ms`);
}
