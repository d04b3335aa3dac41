import type { ReactNode } from 'react';

export interface FormFooterProps {
  /** The reason the last submit failed, in words (shown as an alert above the buttons). */
  error: string | null;
  onCancel: () => void;
  cancelLabel?: string;
  /** The submit button's text. */
  submit: ReactNode;
  busy?: boolean;
}

/** The end of a dialog's form: its error, then Cancel and the primary submit button. */
export function FormFooter({ error, onCancel, cancelLabel = 'Cancel', submit, busy = false }: FormFooterProps) {
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {submit}
        </button>
      </div>
    </>
  );
}
