import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  /** 'alertdialog' for a choice the writer must make (Escape does not dismiss it). */
  role?: 'dialog' | 'alertdialog';
  /** Called on Escape (dialogs only); omit to make Escape do nothing. */
  onDismiss?: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal on the native <dialog>: the browser keeps focus inside it, makes the rest of the page
 * inert, and returns focus to where it was when it closes. Mounted = open.
 */
export function Dialog({ title, role = 'dialog', onDismiss, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The browser may force-close a dialog whose cancel was refused: treat that as a dismissal, or
    // reopen an alert dialog until the choice is made.
    const reopen = () => {
      if (dismissRef.current) dismissRef.current();
      else if (dialog.isConnected && !dialog.open) dialog.showModal();
    };
    dialog.addEventListener('close', reopen);
    return () => {
      dialog.removeEventListener('close', reopen);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-modal="true"
      className={['dialog', className].filter(Boolean).join(' ')}
      onCancel={(event) => {
        event.preventDefault();
        dismissRef.current?.();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
