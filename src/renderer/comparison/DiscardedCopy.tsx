import { useState } from 'react';

export interface DiscardedCopyProps {
  text: string;
  onDismiss: () => void;
}

/** The writer's own copy after they chose "Reload theirs": there to copy from until dismissed. */
export function DiscardedCopy({ text, onDismiss }: DiscardedCopyProps) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <details className="discarded" open>
      <summary>Your discarded copy</summary>
      <p className="hint">You reloaded the newer copy. Your version is kept here until you dismiss it.</p>
      <textarea className="input mono" readOnly aria-label="Your discarded copy" rows={10} value={text} />
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            navigator.clipboard
              .writeText(text)
              .then(() => setCopied('Copied to the clipboard.'))
              .catch(() => setCopied('Could not use the clipboard: select the text and copy it.'));
          }}
        >
          Copy to clipboard
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss discarded copy
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
    </details>
  );
}
