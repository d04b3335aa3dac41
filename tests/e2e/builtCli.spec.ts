/**
 * The built command line (bin/versus-desk.js → out/main/cli.js, built by this run's global
 * setup) opening a workspace without its index cache: it finds the list worker electron-vite
 * built beside it (`?modulePath`), lists on worker threads, and prints the same list as the
 * services alone. The Electron entry registers the worker the same way; it cannot start here
 * (no Electron binary), so the command line stands for both.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { synthWorkspace } from '../../bench/synth';
import { stableStringify } from '../../src/shared/util/stableStringify';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'versus-desk.js'), ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

test('the built command line lists a workspace without its index on worker threads', async () => {
  test.setTimeout(120_000);
  const dir = join(await mkdtemp(join(tmpdir(), 'versus-desk-cli-workers-')), 'ws');
  try {
    await (await WorkspaceStore.open(dir, { create: true, seed: false })).close();
    const { comparisons } = synthWorkspace({ articles: 300, people: 10, seed: 21 });
    await Promise.all(comparisons.map((c) => writeFile(join(dir, 'comparisons', `${c.id}.json`), stableStringify(c))));
    // One damaged file: the main thread quarantines it, as without workers.
    await writeFile(join(dir, 'comparisons', `${comparisons[7]?.id}.json`), '{"format": 1,');

    const run = await runCli(['list', dir, '--json'], { VERSUS_DESK_TRACE: '1' });
    expect(run.code).toBe(0);
    expect(run.err).toContain('listed 300 comparison files without an index cache, 299 of them on worker threads');
    expect(run.err).not.toContain('failed');
    const listed = JSON.parse(run.out) as Array<{ id: string; status: string }>;
    expect(listed).toHaveLength(299);
    expect(new Set(listed.map((i) => i.status))).toEqual(new Set(['signed_off']));

    // The same list from the services alone (this process registers no worker).
    await rm(join(dir, '.versus-desk', 'index.json'));
    const store = await WorkspaceStore.open(dir);
    const expected = [...store.listComparisons()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    await store.close();
    expect(listed).toEqual(JSON.parse(JSON.stringify(expected)));
  } finally {
    await rm(join(dir, '..'), { recursive: true, force: true });
  }
});
