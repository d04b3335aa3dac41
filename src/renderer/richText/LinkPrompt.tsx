import { useId, useState, type KeyboardEvent } from 'react';

interface LinkPromptProps {
  initialHref: string;
  /** Returns a message to show when the address is refused, or null when applied. */
  onApply: (href: string) => string | null;
  onCancel: () => void;
}

/** The small inline address input opened by the Link button or Ctrl/Cmd+K. */
export function LinkPrompt({ initialHref, onApply, onCancel }: LinkPromptProps) {
  const [href, setHref] = useState(initialHref);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const apply = (): void => setError(onApply(href));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="rt-link-prompt">
      <input
        className="rt-link-input"
        type="url"
        aria-label="Link address"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder="https://… (empty removes the link)"
        value={href}
        autoFocus
        spellCheck={false}
        onChange={(event) => {
          setHref(event.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="rt-link-action" onClick={apply}>
        {href.trim() === '' && initialHref !== '' ? 'Remove' : 'Apply'}
      </button>
      <button type="button" className="rt-link-action" onClick={onCancel}>
        Cancel
      </button>
      {error ? (
        <p id={errorId} className="rt-link-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
