import { useCallback, useEffect, useRef } from 'react';
import type { Comparison } from '../../shared/model/comparison';
import { call } from '../api/client';
import { useSerialQueue } from './useSerialQueue';

const JOURNAL_WARNING = 'Versus Desk: the unsaved-edits journal could not be updated';

export interface JournalOptions {
  doc: Comparison;
  /** True while there are edits the store has not acknowledged (saveable or not). */
  dirty: boolean;
  /** Idle time before the journal is written; shorter than the autosave's 700 ms. */
  delayMs?: number;
  /** While typing goes on without a pause, the journal is still written at least this often. */
  maxWaitMs?: number;
}

export interface Journal {
  /** Writes the journal now if there are unsaved edits not journaled yet (before a close or quit). */
  writeNow: () => Promise<void>;
}

/**
 * Hot exit: the open article's unsaved edits go to `.versus-desk/journal/<id>.json` shortly after
 * the writer pauses (and on close), so a crash of the page or the app, or a quit while a save is
 * refused (an empty title, say), loses nothing. Once the store acknowledged a save covering the
 * journal (nothing is dirty any more), the journal is cleared. Calls go out one at a time, in order.
 */
export function useJournal({ doc, dirty, delayMs = 250, maxWaitMs = 1000 }: JournalOptions): Journal {
  const live = useRef({ doc, dirty });
  live.current = { doc, dirty };
  const { enqueue, idle } = useSerialQueue(JOURNAL_WARNING);
  /** The doc last journaled, and the stamp of a journal that is on disk and not cleared yet. */
  const journaled = useRef<{ doc: Comparison; stamp: number } | null>(null);
  const lastStamp = useRef(0);
  const lastWriteAt = useRef(0);

  const writeNow = useCallback((): Promise<void> => {
    const { doc: current, dirty: unsaved } = live.current;
    if (!unsaved || journaled.current?.doc === current) return idle();
    const stamp = Math.max(Date.now(), lastStamp.current + 1);
    lastStamp.current = stamp;
    lastWriteAt.current = Date.now();
    journaled.current = { doc: current, stamp };
    return enqueue(() => call('journal.write', { doc: current, stamp }));
  }, [enqueue, idle]);

  useEffect(() => {
    if (dirty) {
      const sinceWrite = Date.now() - lastWriteAt.current;
      const timer = setTimeout(() => void writeNow(), Math.min(delayMs, Math.max(0, maxWaitMs - sinceWrite)));
      return () => clearTimeout(timer);
    }
    const written = journaled.current;
    if (written !== null) {
      journaled.current = null;
      void enqueue(() => call('journal.clear', { id: written.doc.id, stamp: written.stamp }));
    }
    return undefined;
  }, [doc, dirty, delayMs, maxWaitMs, writeNow, enqueue]);

  // Leaving the article with edits still unsaved (the app moved on without a flush): keep them.
  useEffect(() => () => void writeNow(), [writeNow]);

  return { writeNow };
}
