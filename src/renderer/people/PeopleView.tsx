import { useCallback, useRef, useState } from 'react';
import type { Person } from '../../shared/model/person';
import { call, errorText } from '../api/client';
import { Dialog } from '../app/Dialog';
import { HistoryDialog } from '../history/HistoryPanel';
import { PersonForm } from './PersonForm';
import { RecoveredPeopleEdits } from './RecoveredPeopleEdits';
import { NEW_PERSON_KEY } from '../../shared/model/personJournal';
import { bioReviewState } from '../../shared/dashboard/bioState';
import './bioReview.css';

export interface PeopleViewProps {
  people: readonly Person[];
  /** Reloads the people list after a change. */
  onChanged: () => Promise<void>;
  registerFlush: (flush: (() => Promise<boolean>) | null) => void;
}

type Editing = { mode: 'new' } | { mode: 'edit'; person: Person } | null;

/** Authors and editors: list, create, edit, delete (refused while named in a byline). */
export function PeopleView({ people, onChanged, registerFlush }: PeopleViewProps) {
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Person | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  // A restore replaces the form's contents: a new key remounts the form with the restored person.
  const [restores, setRestores] = useState(0);
  // The form's "save pending edits" (for a restore from History), passed on to the app as well.
  const formFlush = useRef<(() => Promise<boolean>) | null>(null);
  const registerFormFlush = useCallback(
    (flush: (() => Promise<boolean>) | null) => {
      formFlush.current = flush;
      registerFlush(flush);
    },
    [registerFlush],
  );

  const confirmDelete = async (person: Person) => {
    setDeleting(null);
    try {
      await call('people.delete', { id: person.id });
      setMessage(null);
      if (editing?.mode === 'edit' && editing.person.id === person.id) setEditing(null);
      await onChanged();
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  return (
    <div className="people">
      <div className="people-list-pane">
        <div className="people-header">
          <h1>People</h1>
          <button type="button" className="button primary" onClick={() => setEditing({ mode: 'new' })}>
            New person
          </button>
        </div>
        <RecoveredPeopleEdits
          people={people}
          openKey={editing === null ? null : editing.mode === 'new' ? NEW_PERSON_KEY : editing.person.id}
          onOpen={(key) => {
            const person = people.find((p) => p.id === key);
            setEditing(person ? { mode: 'edit', person } : { mode: 'new' });
          }}
        />
        {message && (
          <div className="alert" role="alert">
            <span>{message}</span>
            <button type="button" className="button subtle" onClick={() => setMessage(null)}>
              Dismiss
            </button>
          </div>
        )}
        <ul role="list" aria-label="People" className="people-list">
          {people.map((person) => (
            <li key={person.id} className="person-item">
              <div className="person-text">
                <span className="person-name">{person.name}</span>
                <span className="person-credentials">{person.credentials}</span>
                <span className="person-bio-state">
                  Bio: <span className={`pill pill-bio-${bioReviewState(person).state}`}>{bioReviewState(person).words}</span>
                </span>
              </div>
              <div className="person-actions">
                <button type="button" className="button small" onClick={() => setEditing({ mode: 'edit', person })}>
                  Edit <span className="visually-hidden">{person.name}</span>
                </button>
                <button type="button" className="button small danger" onClick={() => setDeleting(person)}>
                  Delete <span className="visually-hidden">{person.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
        {people.length === 0 && <p className="hint">No people yet: add the authors and editors who sign articles.</p>}
      </div>
      <div className="people-form-pane">
        {editing ? (
          <PersonForm
            key={editing.mode === 'edit' ? `${editing.person.id}:${restores}` : 'new'}
            person={editing.mode === 'edit' ? editing.person : null}
            registerFlush={registerFormFlush}
            people={people}
            onShowHistory={() => setHistoryOpen(true)}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing({ mode: 'edit', person: saved });
              void onChanged();
            }}
          />
        ) : (
          <p className="hint">Choose someone to edit, or add a new person.</p>
        )}
      </div>
      {historyOpen && editing?.mode === 'edit' && (
        <HistoryDialog
          person={editing.person}
          flush={() => formFlush.current?.() ?? Promise.resolve(true)}
          onRestored={(restored: Person) => {
            setEditing({ mode: 'edit', person: restored });
            setRestores((n) => n + 1);
            void onChanged();
          }}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {deleting && (
        <Dialog title={`Delete ${deleting.name}?`} onDismiss={() => setDeleting(null)}>
          <p>This removes {deleting.name} from the workspace. It is refused while an article still names them in its byline.</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setDeleting(null)} autoFocus>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => void confirmDelete(deleting)}>
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
