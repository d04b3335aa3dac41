import { useState, type FormEvent } from 'react';
import { Dialog } from '../app/Dialog';
import { FormFooter } from '../app/FormFooter';

export interface NewComparisonDialogProps {
  /** Creates the comparison; rejects with words to show when the store refuses. */
  onCreate: (terms: string[]) => Promise<void>;
  onCancel: () => void;
}

/** "New comparison": two to four terms; Enter in a term field creates it. */
export function NewComparisonDialog({ onCreate, onCancel }: NewComparisonDialogProps) {
  const [terms, setTerms] = useState(['', '']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const names = terms.map((t) => t.trim());
    const empty = names.findIndex((t) => t === '');
    if (empty >= 0) {
      setError(`Term ${empty + 1} needs a name.`);
      return;
    }
    setBusy(true);
    try {
      await onCreate(names);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New comparison" onDismiss={onCancel} className="new-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        {terms.map((term, index) => (
          <label className="field" key={index}>
            <span className="field-label">Term {index + 1}</span>
            <input
              type="text"
              className="input"
              value={term}
              maxLength={120}
              autoFocus={index === 0}
              onChange={(event) => setTerms((current) => current.map((t, i) => (i === index ? event.target.value : t)))}
            />
          </label>
        ))}
        {terms.length < 4 && (
          <button type="button" className="button small" onClick={() => setTerms((current) => [...current, ''])}>
            <span aria-hidden="true">+ </span>Add term
          </button>
        )}
        <FormFooter error={error} onCancel={onCancel} submit="Create" busy={busy} />
      </form>
    </Dialog>
  );
}
