import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/CliIo';
import { progressReporter } from '../../src/main/cli/progressReporter';

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
