/**
 * Before the window closes or the app quits, the renderer gets an `app.flush` event and saves
 * its pending edits; it answers through the `app.flushed` call. A renderer that never answers
 * (hung, crashed, still loading) gets a deadline, so the app can always be closed.
 */
export interface FlushGate {
  /** True once a flush has finished (answered or timed out): closing may go ahead. */
  readonly done: boolean;
  /** Asks the renderer to flush (once, however often it is called) and settles when it has. */
  request(): Promise<void>;
  /** The renderer's answer (the `app.flushed` call). */
  markFlushed(): void;
}

export const FLUSH_TIMEOUT_MS = 3_000;

export function createFlushGate(sendFlush: () => void, timeoutMs = FLUSH_TIMEOUT_MS): FlushGate {
  let done = false;
  let pending: Promise<void> | undefined;
  let finish: (() => void) | undefined;

  return {
    get done() {
      return done;
    },
    request() {
      if (done) return Promise.resolve();
      pending ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          console.warn(`The window did not confirm saving within ${timeoutMs} ms; closing anyway.`);
          finish?.();
        }, timeoutMs);
        finish = () => {
          clearTimeout(timer);
          done = true;
          resolve();
        };
        try {
          sendFlush();
        } catch (error) {
          // No page to ask (destroyed or crashed): nothing is pending in it either.
          console.warn('Could not ask the window to save.', error);
          finish();
        }
      });
      return pending;
    },
    markFlushed() {
      finish?.();
    },
  };
}

/** The part of a BrowserWindow the close guard needs. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

/** Holds the window's first close until the renderer has saved, then closes it for real. */
export function guardWindowClose(window: ClosableWindow, gate: FlushGate): void {
  window.on('close', (event) => {
    if (gate.done) return;
    event.preventDefault();
    void gate.request().then(() => {
      if (!window.isDestroyed()) window.close();
    });
  });
}
