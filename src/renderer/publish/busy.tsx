import { useEffect, useRef } from 'react';

/**
 * Work a publish dialog must not lose to the File menu's other dialog: an export running, an
 * import being written, or an import plan waiting for the writer's choices (which may hold picks
 * and part-by-part merges the writer made).
 */
export type PublishWork = 'exporting' | 'writing-import' | 'import-plan';

/** The words for a File menu command refused while `work` is on screen (see App). */
export function busyRefusal(work: PublishWork): string {
  switch (work) {
    case 'writing-import':
      return 'An import is being written. Let it finish, or stop it, before you start an export.';
    case 'import-plan':
      return 'An import is waiting for your choices. Apply it, or cancel it, before you start an export.';
    case 'exporting':
      return 'An export is running. Let it finish, or cancel it, before you start an import.';
  }
}

/** Tells the owner what work the dialog holds now (null: none), and that it ended when the dialog goes. */
export function useBusyReport(work: PublishWork | null, onBusyChange: (work: PublishWork | null) => void): void {
  const report = useRef(onBusyChange);
  report.current = onBusyChange;
  useEffect(() => report.current(work), [work]);
  useEffect(() => () => report.current(null), []);
}

/** A refused File menu command, said in the dialog at work (announced again each time). */
export function RefusalNotice({ refusal }: { refusal: { text: string; nonce: number } | null }) {
  return refusal ? (
    <p role="alert" key={refusal.nonce} className="field-error">
      {refusal.text}
    </p>
  ) : null;
}
