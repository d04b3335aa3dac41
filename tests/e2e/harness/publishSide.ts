/**
 * Test-controlled stand-ins for the native dialogs and the file manager behind export and
 * import (src/main/electron/publishDialogs.ts in the real app), and a gate that holds an export
 * between articles so a test can see its progress and cancel it.
 */
export type ExportFormat = 'zip' | 'folder';
export type ImportSourceKind = 'file' | 'folder';

/** What a dialog answers: a path, null (the user cancelled), or a function of what was asked. */
export type DialogAnswer<Mode> = string | null | ((mode: Mode) => string | null | Promise<string | null>);

export class DialogStub<Mode> {
  private next: DialogAnswer<Mode> = null;
  /** Every mode the app asked with, in order. */
  readonly calls: Mode[] = [];
  /** Sets the answer for the following calls (until set again). Default: null (cancelled). */
  answer(next: DialogAnswer<Mode>): void {
    this.next = next;
  }
  async choose(mode: Mode): Promise<string | null> {
    this.calls.push(mode);
    const next = this.next;
    return typeof next === 'function' ? next(mode) : next;
  }
}

/**
 * Holds an export before it reads article `from` (0-based) until released; also an import's
 * reading or writing once `from` articles are done (the services' `importPace`).
 */
export class ExportGate {
  private from: number | null = null;
  private waiters: Array<() => void> = [];
  private reachedWaiters: Array<() => void> = [];
  private reachedAt: number | null = null;

  /** From now on, an export pauses before reading article `from` (and every later one) until `release()`. */
  hold(from: number): void {
    this.from = from;
    this.reachedAt = null;
  }

  /** Lets every held export go on, and holds nothing more. */
  release(): void {
    this.from = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const go of waiters) go();
  }

  /** Resolves once an export is held at the gate. */
  reached(): Promise<void> {
    if (this.reachedAt !== null) return Promise.resolve();
    return new Promise((done) => this.reachedWaiters.push(done));
  }

  /** The `exportPace` seam of the services. */
  pace = (index: number): Promise<void> => {
    if (this.from === null || index < this.from) return Promise.resolve();
    this.reachedAt = index;
    const reached = this.reachedWaiters;
    this.reachedWaiters = [];
    for (const done of reached) done();
    return new Promise((go) => this.waiters.push(go));
  };
}
