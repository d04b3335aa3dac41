import type { CliIo } from './CliIo';

export interface ProgressReporter {
  update(done: number, total: number): void;
  /** Clears the line; safe to call when nothing was drawn. */
  done(): void;
}

/**
 * A one-line `label 12/340` counter redrawn on stderr, only when stderr is a terminal: piped or
 * redirected output (scripts, CI logs) stays clean. Short runs draw nothing.
 */
export function progressReporter(io: CliIo, label: string, minTotal = 20): ProgressReporter {
  let drawn = false;
  return {
    update(done, total) {
      if (!io.stderrIsTTY || total < minTotal) return;
      const line = `${label} ${done}/${total}`.slice(0, Math.max(10, io.columns - 1));
      io.err(`\r\x1b[2K${line}`);
      drawn = true;
    },
    done() {
      if (drawn) io.err('\r\x1b[2K');
      drawn = false;
    },
  };
}
