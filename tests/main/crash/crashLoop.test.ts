import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrashWorker, runCrashLoop } from './crashLoop';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 200);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);

describe('an app killed while saving', () => {
  let root: string;
  let workerFile: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'versus-desk-crash-'));
    workerFile = join(root, 'crashWorker.mjs');
    await buildCrashWorker(fileURLToPath(new URL('./crashWorker.ts', import.meta.url)), workerFile);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it(`keeps every acknowledged save and every file readable over ${CYCLES} SIGKILLs`, { timeout: 480_000 }, async () => {
    console.log(`crash loop seed: ${SEED} (rerun with CRASH_SEED=${SEED})`);
    const result = await runCrashLoop({
      cycles: CYCLES,
      seed: SEED,
      workerFile,
      dir: join(root, 'workspace'),
      log: (line) => console.log(line),
      logEvery: Number(process.env.CRASH_LOG_EVERY ?? 100),
    });
    console.log(
      `crash loop: ${result.cycles} cycles, ${result.acked} acknowledged, ${result.found} found, ${result.corrupt} corrupt; ` +
        `${result.bigAcked} saves of 1–5 MB acknowledged, ${result.killedWhileOpening} kills while opening, ` +
        `${result.tempFilesSeen} temp files cleaned, ${(result.ms / 1000).toFixed(1)} s`,
    );
    expect(result.failures).toEqual([]);
    expect(result.cycles).toBe(CYCLES);
    expect(result.corrupt).toBe(0);
    expect(result.found).toBe(result.acked);
    // Not vacuous: the workers really saved between kills, big articles included.
    expect(result.acked).toBeGreaterThanOrEqual(CYCLES / 2);
    expect(result.bigAcked).toBeGreaterThan(0);
  });
});
