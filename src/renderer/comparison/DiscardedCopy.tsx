import { useState } from 'react';

export interface DiscardedCopyProps {
  text: string;
  /** Whose copy lost the conflict: 'mine' after "Reload theirs", 'theirs' after "Keep mine". Default 'mine'. */
  whose?: 'mine' | 'theirs';
  onDismiss: () => void;
}

const WORDS = {
  mine: {
    title: 'Your discarded copy',
    hint: 'You reloaded the newer copy. Your version is kept here until you dismiss it.',
    dismiss: 'Dismiss discarded copy',
  },
  theirs: {
    title: 'The replaced copy',
    hint: 'You kept your copy. The newer one it replaced is kept here until you dismiss it.',
    dismiss: 'Dismiss replaced copy',
  },
} as const;

/** The copy that lost a conflict, there to copy from until dismissed: nothing is lost unseen. */
export function DiscardedCopy({ text, whose = 'mine', onDismiss }: DiscardedCopyProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const words = WORDS[whose];
  return (
    <details className="discarded" open>
      <summary>{words.title}</summary>
      <p className="hint">{words.hint}</p>
      <textarea className="input mono" readOnly aria-label={words.title} rows={10} value={text} />
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
          {words.dismiss}
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
    </details>
  );
}
