/** What a command touches outside its arguments: the streams, whether they are terminals, the clock. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdin is a terminal a person can answer questions on. */
  stdinIsTTY: boolean;
  /** True when stderr is a terminal: only then is progress drawn. */
  stderrIsTTY: boolean;
  /** Terminal width for the progress line. */
  columns: number;
  now(): Date;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Calls `handler` on the first Ctrl+C (SIGINT) instead of quitting; a second one quits as usual.
   * Returns the function that takes the handler back. Absent: Ctrl+C quits at once.
   */
  onInterrupt?(handler: () => void): () => void;
  /**
   * Where questions are asked and answered (tests: streams standing in for a terminal, with
   * `terminal: true` so Ctrl+C arrives as readline's). Absent: stdin and stderr.
   */
  prompt?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; terminal: boolean };
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
    now: () => new Date(),
    env: process.env,
    onInterrupt: (handler) => {
      // `once`: with no listener left, the next Ctrl+C quits the way Node does by default.
      process.once('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
  };
}
