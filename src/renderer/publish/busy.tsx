import { useEffect, useRef } from 'react';

/** The words for a File menu command refused while `busy` is at work (see App). */
export function busyRefusal(busy: 'export' | 'import'): string {
  return busy === 'import'
    ? 'An import is being written. Let it finish, or stop it, before you start an export.'
    : 'An export is running. Let it finish, or cancel it, before you start an import.';
}

/** Tells the owner while `busy` holds, and that it ended when the dialog goes. */
export function useBusyReport(busy: boolean, onBusyChange: (busy: boolean) => void): void {
  const report = useRef(onBusyChange);
  report.current = onBusyChange;
  useEffect(() => report.current(busy), [busy]);
  useEffect(() => () => report.current(false), []);
}

/** A refused File menu command, said in the dialog at work (announced again each time). */
export function RefusalNotice({ refusal }: { refusal: { text: string; nonce: number } | null }) {
  return refusal ? (
    <p role="alert" key={refusal.nonce} className="field-error">
      {refusal.text}
    </p>
  ) : null;
}
