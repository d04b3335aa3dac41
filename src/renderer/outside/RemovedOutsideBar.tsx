export interface RemovedOutsideBarProps {
  onSaveAsNew: () => void;
  busy: boolean;
  error: string | null;
}

/**
 * The open article was deleted by another program while it held unsaved edits: they stay on
 * screen (and in the journal), and one click stores them as a new article.
 */
export function RemovedOutsideBar({ onSaveAsNew, busy, error }: RemovedOutsideBarProps) {
  return (
    <section className="alert removed-outside" role="region" aria-label="Deleted outside Versus Desk">
      <p>
        This article was deleted outside Versus Desk. Your unsaved edits are still here: save them as a new article to keep them.
      </p>
      <button type="button" className="button primary" onClick={onSaveAsNew} disabled={busy}>
        {busy ? 'Saving as a new article…' : 'Save as a new article'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
