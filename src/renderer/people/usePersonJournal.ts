import { useCallback, useEffect, useRef } from 'react';
import type { PersonDraft } from '../../shared/model/personJournal';
import { call } from '../api/client';
import { useSerialQueue } from '../save/useSerialQueue';

const JOURNAL_WARNING = 'Versus Desk: the unsaved-edits journal could not be updated';

export interface PersonJournalOptions {
  /** The person's id, or `new-person` for a person not created yet. */
  journalKey: string;
  /** The form as the user has it now (a new object only when something in it changed). */
  draft: PersonDraft;
  /** True while the form holds edits "Save person" has not stored. */
  dirty: boolean;
  /** Idle time before the journal is written. */
  delayMs?: number;
  /** While typing goes on without a pause, the journal is still written at least this often. */
  maxWaitMs?: number;
}

export interface PersonJournal {
  /** Writes the journal now if there are unsaved edits not journaled yet. */
  writeNow: () => Promise<void>;
  /** The edits were saved (acknowledged) or discarded on purpose: the journal goes, and the form's
   * current content is not journaled again on the way out. */
  settle: () => Promise<void>;
}

/**
 * Hot exit for the person form, like useJournal for articles: unsaved edits go to
 * `.versus-desk/journal/person-<key>.json` about 250 ms after the user pauses (and when the form
 * goes away with edits still unsaved), and the journal is removed once "Save person" is
 * acknowledged or the user cancels or discards the edits. Calls go out one at a time, in order.
 */
export function usePersonJournal({ journalKey, draft, dirty, delayMs = 250, maxWaitMs = 1000 }: PersonJournalOptions): PersonJournal {
  const live = useRef({ journalKey, draft, dirty });
  live.current = { journalKey, draft, dirty };
  const { enqueue, idle } = useSerialQueue(JOURNAL_WARNING);
  /** The draft last journaled, or settled (saved or discarded): neither is written again. */
  const done = useRef<PersonDraft | null>(null);
  const lastStamp = useRef(0);
  const lastWriteAt = useRef(0);

  const nextStamp = () => {
    lastStamp.current = Math.max(Date.now(), lastStamp.current + 1);
    return lastStamp.current;
  };

  const writeNow = useCallback((): Promise<void> => {
    const { journalKey: key, draft: current, dirty: unsaved } = live.current;
    if (!unsaved || done.current === current) return idle();
    const stamp = nextStamp();
    lastWriteAt.current = Date.now();
    done.current = current;
    return enqueue(() => call('journal.writePerson', { key, draft: current, stamp }));
  }, [enqueue, idle]);

  const settle = useCallback((): Promise<void> => {
    const { journalKey: key, draft: current } = live.current;
    done.current = current;
    // Up to now: covers this session's writes and a journal replayed from an earlier one.
    const stamp = nextStamp();
    return enqueue(() => call('journal.clearPerson', { key, stamp }));
  }, [enqueue]);

  useEffect(() => {
    if (!dirty) return undefined;
    const sinceWrite = Date.now() - lastWriteAt.current;
    const timer = setTimeout(() => void writeNow(), Math.min(delayMs, Math.max(0, maxWaitMs - sinceWrite)));
    return () => clearTimeout(timer);
  }, [draft, dirty, delayMs, maxWaitMs, writeNow]);

  // The form goes away (another person opened) with edits unsaved: keep them for later.
  useEffect(() => () => void writeNow(), [writeNow]);

  return { writeNow, settle };
}
