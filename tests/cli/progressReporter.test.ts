import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/CliIo';
import { join } from 'node:path';
import { progressReporter } from '../../src/main/cli/progressReporter';
import { runCli } from '../../src/main/cli/runCli';
import { bundleOf, opened } from '../main/import/importKit';
import { tempDir } from '../main/storeTestKit';

function fakeIo(stderrIsTTY: boolean): CliIo & { written: string[] } {
  const written: string[] = [];
  return { written, out: () => undefined, err: (t) => written.push(t), stdinIsTTY: false, stderrIsTTY, columns: 80, now: () => new Date(), env: {} };
}

describe('CLI progress', () => {
  it('draws a counter on a terminal and clears it when done', () => {
    const io = fakeIo(true);
    const progress = progressReporter(io, 'Exporting');
    progress.update(0, 40);
    progress.update(40, 40);
    progress.done();
    expect(io.written).toEqual(['\r\x1b[2KExporting 0/40', '\r\x1b[2KExporting 40/40', '\r\x1b[2K']);
  });

  it('writes nothing when stderr is piped, or for a short run', () => {
    const piped = fakeIo(false);
    const long = progressReporter(piped, 'Exporting');
    long.update(5, 400);
    long.done();
    expect(piped.written).toEqual([]);
    const tty = fakeIo(true);
    const short = progressReporter(tty, 'Exporting');
    short.update(1, 3);
    short.done();
    expect(tty.written).toEqual([]);
  });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('versus-desk import on a terminal', () => {
  it('counts the articles read and checked, then the articles written, and clears the line', async () => {
    const bundle = await bundleOf(25);
    const workspace = join(await tempDir(), 'ws');
    const io = fakeIo(true);
    expect(await runCli(['init', workspace], io)).toBe(0);
    io.written.length = 0;
    expect(await runCli(['import', workspace, bundle], io)).toBe(0);
    const lines = io.written.map((w) => w.replace('\r\x1b[2K', ''));
    expect(lines[0]).toBe('Reading many.zip 0/25');
    expect(lines).toContain('Reading many.zip 25/25');
    const writing = lines.filter((l) => l.startsWith('Importing many.zip'));
    expect(writing).toEqual(['Importing many.zip 0/25', 'Importing many.zip 25/25']);
    // Each counter's line is cleared when it ends (nothing left drawn after the last one).
    expect(io.written.at(-1)).toBe('\r\x1b[2K');
  }, 30_000);
});
