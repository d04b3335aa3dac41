/**
 * The save rows' turns (bench/saveTurns.ts): each workspace saves in a child process of its own
 * (the built saveChild.mjs, as `npm run bench` runs it), the two taking turns. Checks that the
 * children really save (the files change) and that a child that cannot open its workspace is
 * an error naming it, not a hang. No timing is asserted.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNodeEntry } from '../nodeBuild';
import { measureSaves } from '../../bench/nodeBench';
import { childSaveTurns } from '../../bench/saveTurns';
import { synthWorkspace } from '../../bench/synth';
import { writeWorkspace } from '../../bench/workspace';

let buildDir = '';
let work = '';
const script = () => join(buildDir, 'saveChild.mjs');

beforeAll(async () => {
  buildDir = (await buildNodeEntry('saveChild', 'bench/saveChild.ts')).dir;
  work = await mkdtemp(join(process.cwd(), 'out', 'test-save-turns-'));
}, 60_000);
afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('save turns in child processes', () => {
  it('two workspaces take turns saving, each in its own child, and every save reaches the disk', async () => {
    const synth = synthWorkspace({ articles: 12, people: 3 });
    const small = join(work, 'small');
    const large = join(work, 'large');
    await writeWorkspace(small, synth.people, synth.comparisons.slice(0, 4));
    await writeWorkspace(large, synth.people, synth.comparisons);
    const before = (synth.comparisons[0] as { revision: number }).revision;

    const figures = await measureSaves([small, large], 3, (dir) => childSaveTurns(script(), dir));
    expect(figures).toHaveLength(2);
    for (const f of figures) {
      for (const v of [f.p50, f.p95, f.floorP50, f.floorP95]) expect(v > 0 && Number.isFinite(v)).toBe(true);
    }
    // 8 saves in each (5 untimed, 3 timed) spread over its articles: the first article was saved
    // (i = 0 picks it) and its file holds a later revision; the floor's scratch file is gone.
    const first = synth.comparisons[0] as { id: string };
    for (const dir of [small, large]) {
      const stored = JSON.parse(await readFile(join(dir, 'comparisons', `${first.id}.json`), 'utf8')) as { revision: number };
      expect(stored.revision).toBeGreaterThan(before);
      await expect(readFile(join(dir, 'comparisons', '.bench-floor.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    }
  }, 60_000);

  it('a child that cannot open its workspace fails with an error naming the folder', async () => {
    const missing = join(work, 'no-such-workspace');
    await expect(childSaveTurns(script(), missing)).rejects.toThrow(/no-such-workspace/);
  }, 30_000);
});
