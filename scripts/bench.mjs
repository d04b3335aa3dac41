#!/usr/bin/env node
/**
 * `npm run bench [-- --small] [-- --no-browser] [-- --work <dir>]`
 *
 * 1. builds the app (electron-vite build → out/renderer, the page the typing and first-screen
 *    measurements load; skipped with BENCH_SKIP_BUILD=1),
 * 2. bundles the benchmark (bench/cli.ts, TypeScript importing the real services and the e2e
 *    harness) with Vite into out/bench/cli.mjs, dependencies left external,
 * 3. builds the bare TipTap page of the typing floor (bench/bare-editor → out/bench/bare-editor;
 *    a separate build, never part of the shipped app),
 * 4. runs out/bench/cli.mjs with --expose-gc. It prints the table and writes bench/results.json
 *    and docs/performance.md (full scale only).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_OUT: another folder for the bundle, so two benchmark builds at once do not overwrite each other.
const outDir = process.env.BENCH_OUT ? resolve(process.env.BENCH_OUT) : join(root, 'out', 'bench');
const args = process.argv.slice(2);

function step(title, work) {
  const started = Date.now();
  return Promise.resolve(work()).then((value) => {
    console.error(`[bench] ${title} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return value;
  });
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  await step('built the app', () => {
    const result = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal})`);
  });
}

await step('bundled the benchmark', () =>
  build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: {
        input: {
          cli: join(root, 'bench', 'cli.ts'),
          memoryChild: join(root, 'bench', 'memoryChild.ts'),
          // Each workspace's timed saves run in a child of their own, taking turns (bench/saveTurns.ts).
          saveChild: join(root, 'bench', 'saveChild.ts'),
          // The cold open's worker (the app gets it through electron-vite's ?modulePath; bench/cli.ts registers this one).
          listWorker: join(root, 'src', 'main', 'store', 'listWorker.ts'),
        },
        output: { entryFileNames: '[name].mjs', format: 'es' },
      },
    },
  }),
);

await step('built the bare editor page', () =>
  build({
    configFile: false,
    root: join(root, 'bench', 'bare-editor'),
    base: './',
    logLevel: 'warn',
    build: { outDir: join(outDir, 'bare-editor'), emptyOutDir: true },
  }),
);

const result = spawnSync(process.execPath, ['--expose-gc', join(outDir, 'cli.mjs'), '--root', root, ...args], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
