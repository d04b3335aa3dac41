import { useCallback, useEffect, useRef, useState } from 'react';
import type { Comparison } from '../../shared/model/comparison';
import { call, errorText, onEvent } from '../api/client';
import { sameContent } from '../save/journalReplay';
import { applyMerge, planMerge, type MergeRow, type Side } from './outsideMerge';

export interface OutsideChangeOptions {
  /** The editor's copy now, and whether it holds edits the store has not acknowledged. */
  doc: Comparison;
  dirty: boolean;
  /** The stored copy the editor opened with (its edits are based on it). */
  stored: Comparison;
  /** Shows the stored copy as is (nothing unsaved to lose). */
  onReload: (doc: Comparison) => void;
  /** Puts the merged copy in the editor, to be saved; `discarded` is the copy that lost parts. */
  onMerged: (doc: Comparison, discarded: { text: string; whose: Side } | null) => void;
  /** The article was deleted outside; `dirty` says whether unsaved edits are still on screen. */
  onRemoved: (dirty: boolean) => void;
  onMessage: (message: string, kind: 'info' | 'warning') => void;
}

export interface OutsideChange {
  /** The merge the writer is asked to make (autosave waits while it is open). */
  offer: { theirs: Comparison; rows: MergeRow[] } | null;
  merge: (choices: Record<string, Side>) => void;
}

/**
 * The open article changed on disk by another program (`workspace.outsideChange`): with nothing
 * unsaved it is reloaded with a notice; with unsaved edits the writer merges part by part.
 */
export function useOutsideChange(options: OutsideChangeOptions): OutsideChange {
  const [offer, setOffer] = useState<OutsideChange['offer']>(null);
  const live = useRef(options);
  live.current = options;
  // The last copy known to be stored: what "who changed this part" is judged against.
  const base = useRef(options.stored);
  if (!options.dirty) base.current = options.doc;

  const handle = useCallback(async (change: 'added' | 'changed' | 'removed') => {
    const { doc, dirty } = live.current;
    if (change === 'removed') {
      live.current.onRemoved(dirty);
      return;
    }
    const theirs = await call('comparisons.get', { id: doc.id });
    const now = live.current;
    if (sameContent(theirs, now.doc)) {
      if (theirs.revision !== now.doc.revision && !now.dirty) now.onReload(theirs);
      return;
    }
    if (!now.dirty) {
      now.onReload(theirs);
      now.onMessage(`“${theirs.title}” was changed outside Versus Desk and has been reloaded.`, 'info');
      return;
    }
    setOffer({ theirs, rows: planMerge(base.current, now.doc, theirs) });
  }, []);

  useEffect(
    () =>
      onEvent('workspace.outsideChange', ({ changes }) => {
        const mine = changes.find((c) => c.kind === 'comparison' && c.id === live.current.doc.id);
        if (!mine) return;
        handle(mine.change).catch((error: unknown) =>
          live.current.onMessage(`Could not load the copy changed outside Versus Desk: ${errorText(error)}`, 'warning'),
        );
      }),
    [handle],
  );

  const merge = useCallback(
    (choices: Record<string, Side>) => {
      if (!offer) return;
      const { doc, discarded } = applyMerge(live.current.doc, offer.theirs, offer.rows, choices);
      base.current = offer.theirs;
      setOffer(null);
      live.current.onMerged(doc, discarded);
    },
    [offer],
  );

  return { offer, merge };
}
