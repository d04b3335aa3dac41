import { useCallback, useEffect, useRef, useState } from 'react';
import { ClientError, errorText } from '../api/client';

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string; error: unknown }
  | { kind: 'conflict'; message: string };

export interface AutosaveOptions {
  /** Grows with every edit. */
  version: number;
  /** The version the store holds; equal to `version` when nothing is unsaved. */
  savedVersion: number;
  /** A reason the current edits cannot be saved yet (shown as the error), or null. */
  problem: string | null;
  /** Saves the latest state and records the answer; throws a ClientError when refused. */
  save: () => Promise<void>;
  delayMs?: number;
}

export interface Autosave {
  status: SaveStatus;
  dirty: boolean;
  /** Saves now if anything is pending; resolves true once everything is stored, false if it could not be. */
  flush: () => Promise<boolean>;
  /** Tries again after an error (or after the writer chose how to resolve a conflict). */
  retry: () => void;
}

/**
 * Debounced autosave with one save in flight at a time: edits arriving during a save wait for it
 * and then go out together. A conflict stops autosaving until the writer chooses what to keep.
 */
export function useAutosave({ version, savedVersion, problem, save, delayMs = 700 }: AutosaveOptions): Autosave {
  const [inFlight, setInFlight] = useState(false);
  const [failure, setFailure] = useState<{ version: number; error: unknown } | null>(null);
  const dirty = version !== savedVersion;

  const live = useRef({ version, dirty, problem, save, inFlight, failure });
  live.current = { version, dirty, problem, save, inFlight, failure };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiters = useRef<Array<(ok: boolean) => void>>([]);
  const urgent = useRef(false);

  const clearTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  const start = useCallback(() => {
    clearTimer();
    const now = live.current;
    if (now.inFlight || !now.dirty) return;
    if (now.problem !== null) {
      setFailure({ version: now.version, error: new ClientError('INVALID_INPUT', now.problem) });
      return;
    }
    urgent.current = false;
    live.current.inFlight = true;
    setInFlight(true);
    const sentVersion = now.version;
    now
      .save()
      .then(() => setFailure(null))
      .catch((error: unknown) => setFailure({ version: sentVersion, error }))
      .finally(() => {
        live.current.inFlight = false;
        setInFlight(false);
      });
  }, []);

  const blocked = failure !== null && (isConflict(failure.error) || failure.version === version);

  useEffect(() => {
    if (inFlight) return;
    if (!dirty) {
      if (failure !== null && !isConflict(failure.error)) setFailure(null);
      settle(waiters, true);
      return;
    }
    if (blocked) {
      settle(waiters, false);
      return;
    }
    clearTimer();
    timer.current = setTimeout(start, urgent.current ? 0 : delayMs);
    return clearTimer;
  }, [version, dirty, inFlight, blocked, failure, delayMs, start]);

  useEffect(() => () => clearTimer(), []);

  const flush = useCallback((): Promise<boolean> => {
    const now = live.current;
    if (!now.dirty && !now.inFlight) return Promise.resolve(true);
    const done = new Promise<boolean>((resolve) => waiters.current.push(resolve));
    urgent.current = true;
    const stuck = now.failure !== null && (isConflict(now.failure.error) || now.failure.version === now.version);
    if (stuck) settle(waiters, false);
    else if (!now.inFlight) start();
    return done;
  }, [start]);

  // The save itself starts from the effect, after the render that carries any state the caller
  // changed just before (a rebased revision, say).
  const retry = useCallback(() => {
    urgent.current = true;
    setFailure(null);
  }, []);

  let status: SaveStatus;
  if (failure !== null && isConflict(failure.error)) status = { kind: 'conflict', message: errorText(failure.error) };
  else if (inFlight) status = { kind: 'saving' };
  else if (failure !== null && failure.version === version) status = { kind: 'error', message: errorText(failure.error), error: failure.error };
  else status = dirty ? { kind: 'saving' } : { kind: 'saved' };
  return { status, dirty, flush, retry };
}

function isConflict(error: unknown): boolean {
  return error instanceof ClientError && error.code === 'CONFLICT';
}

function settle(waiters: { current: Array<(ok: boolean) => void> }, ok: boolean): void {
  const pending = waiters.current;
  waiters.current = [];
  for (const resolve of pending) resolve(ok);
}
