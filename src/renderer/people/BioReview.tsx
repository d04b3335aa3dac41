import { useState } from 'react';
import type { Person } from '../../shared/model/person';
import { errorText } from '../api/client';
import { useProfile } from '../review/ProfileContext';
import { formatDate } from '../sidebar/statusWords';
import { bioReviewState, type BioState } from '../../shared/dashboard/bioState';

export type BioAction = 'submit' | 'approve' | 'request_changes' | 'sign_off';

export interface BioReviewProps {
  /** The person as stored, with the form's current (maybe unsaved) name, credentials and bio. */
  current: Person;
  people: readonly Person[];
  /** Runs the action (saving pending edits first); resolves with the service's refusal in words, or null. */
  onAction: (action: BioAction) => Promise<string | null>;
}

/** Each action, who may take it, and the states where it means something (no buttons that can only be refused). */
const ACTIONS: Array<{ action: BioAction; label: string; editorOnly: boolean; when: readonly BioState[] }> = [
  { action: 'submit', label: 'Submit bio for review', editorOnly: false, when: ['draft', 'changes_requested', 'changed'] },
  { action: 'approve', label: 'Approve bio', editorOnly: true, when: ['draft', 'submitted', 'changes_requested', 'changed'] },
  { action: 'request_changes', label: 'Request changes to bio', editorOnly: true, when: ['draft', 'submitted', 'approved', 'changed'] },
  { action: 'sign_off', label: 'Sign off bio', editorOnly: true, when: ['approved'] },
];

/** The bio's review state and the review actions of the current profile. */
export function BioReview({ current, people, onAction }: BioReviewProps) {
  const { profile } = useProfile();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const state = bioReviewState(current);
  const who = state.by ? (people.find((p) => p.id === state.by)?.name ?? 'someone unknown') : null;
  const isEditor = profile?.role === 'editor';

  const run = async (action: BioAction, label: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const refusal = await onAction(action);
      if (refusal) setError(refusal);
      else setDone(`${label}: done.`);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bio-review" aria-labelledby="bio-review-heading">
      <h3 id="bio-review-heading">Bio review</h3>
      <p className="bio-review-state">
        <span className={`pill pill-bio-${state.state}`} data-testid="bio-state">
          {state.words}
        </span>
        {who && state.at && (
          <span className="hint">
            {' '}
            {state.state === 'signed_off' ? 'by' : 'last by'} {who}, {formatDate(state.at)}
          </span>
        )}
      </p>
      <div className="bio-review-actions">
        {ACTIONS.filter((a) => (!a.editorOnly || isEditor) && a.when.includes(state.state)).map(({ action, label }) => (
          <button key={action} type="button" className="button small" disabled={busy} onClick={() => void run(action, label)}>
            {label}
          </button>
        ))}
      </div>
      {!isEditor && <p className="hint">Editors approve, request changes and sign off bios{profile ? '' : ': choose your profile in the top bar'}.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="hint" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
