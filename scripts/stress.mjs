#!/usr/bin/env node
/**
 * `npm run stress [cycles] [seed]`: the crash loop of tests/main/crash at 1,000 cycles (the test
 * suite runs 200). The loop and its worker are TypeScript; rolldown (already here through vite)
 * bundles both into plain .mjs files first, so no TypeScript loader is needed. The last line is
 * `stress: <cycles> cycles, <acked> acknowledged, <found> found, <corrupt> corrupt`; the exit
 * code is 1 when any check failed.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cycles = Number(process.argv[2] ?? process.env.STRESS_CYCLES ?? 1000);
const seed = Number(process.argv[3] ?? process.env.STRESS_SEED ?? Date.now() % 2 ** 31);
const work = await mkdtemp(join(tmpdir(), 'versus-desk-stress-'));
// The bundles live inside the project so the loop's lazy `import('rolldown')` resolves.
const bundles = join(root, 'node_modules', '.cache', 'versus-desk-stress');
await mkdir(bundles, { recursive: true });
try {
  const loopFile = join(bundles, 'crashLoop.mjs');
  const workerFile = join(bundles, 'crashWorker.mjs');
  // The loop bundle imports rolldown itself lazily (buildCrashWorker); keep it external.
  await build({ input: join(root, 'tests/main/crash/crashLoop.ts'), platform: 'node', logLevel: 'silent', external: ['rolldown'], output: { file: loopFile, format: 'esm' } });
  const { buildCrashWorker, runCrashLoop } = await import(pathToFileURL(loopFile).href);
  await buildCrashWorker(join(root, 'tests/main/crash/crashWorker.ts'), workerFile);
  console.log(`stress: seed ${seed} (rerun with: npm run stress -- ${cycles} ${seed})`);
  const result = await runCrashLoop({ cycles, seed, workerFile, dir: join(work, 'workspace'), log: (line) => console.log(line), logEvery: 100 });
  for (const failure of result.failures) console.error(`FAILED ${failure}`);
  console.log(
    `${result.bigAcked} saves of 1–5 MB acknowledged, ${result.killedWhileOpening} kills while opening, ` +
      `${result.tempFilesSeen} temp files cleaned, ${(result.ms / 1000).toFixed(1)} s`,
  );
  const ok = result.failures.length === 0 && result.cycles === cycles && result.corrupt === 0 && result.found === result.acked;
  process.exitCode = ok ? 0 : 1;
  console.log(`stress: ${result.cycles} cycles, ${result.acked} acknowledged, ${result.found} found, ${result.corrupt} corrupt`);
} finally {
  await rm(work, { recursive: true, force: true });
}
