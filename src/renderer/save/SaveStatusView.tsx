import type { SaveStatus } from './useAutosave';

export interface SaveStatusViewProps {
  status: SaveStatus;
  /** Without it there is no Retry (nothing a retry could change, e.g. the article is gone). */
  onRetry?: () => void;
}

/** "Saving…", "Saved" or "Couldn't save: <reason>" with a Retry button. */
export function SaveStatusView({ status, onRetry }: SaveStatusViewProps) {
  let text: string;
  if (status.kind === 'saving') text = 'Saving…';
  else if (status.kind === 'saved') text = 'Saved';
  else if (status.kind === 'conflict') text = 'Changed elsewhere: choose which copy to keep';
  else text = `Couldn't save: ${status.message}`;
  return (
    <div role="status" aria-label="Save status" className={`save-status save-${status.kind}`}>
      <span>{text}</span>
      {status.kind === 'error' && onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
