import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Person } from '../../shared/model/person';
import type { RichDoc } from '../../shared/model/richText';
import { emptyDoc } from '../../shared/model/richText';
import { call, errorText } from '../api/client';
import { RichTextField } from '../richText/RichTextField';
import { BioReview, type BioAction } from './BioReview';

export interface PersonFormProps {
  /** The person to edit, or null for a new one. */
  person: Person | null;
  onSaved: (person: Person) => void;
  onCancel: () => void;
  registerFlush: (flush: (() => Promise<boolean>) | null) => void;
  /** The workspace's people, to name who reviewed the bio. */
  people?: readonly Person[];
}

/** Name, credentials and bio, saved with "Save person". */
export function PersonForm({ person, onSaved, onCancel, registerFlush, people = [] }: PersonFormProps) {
  const [name, setName] = useState(person?.name ?? '');
  const [credentials, setCredentials] = useState(person?.credentials ?? '');
  const [bio, setBio] = useState<RichDoc>(person?.bio ?? emptyDoc());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const lastSaved = useRef<Person | null>(null);

  const save = useCallback(async (): Promise<boolean> => {
    if (name.trim() === '') {
      setError('A person needs a name.');
      return false;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = person
        ? await call('people.save', { person: { ...person, name: name.trim(), credentials, bio }, baseRevision: person.revision })
        : await call('people.create', { name: name.trim(), credentials, bio });
      setDirty(false);
      lastSaved.current = saved;
      onSaved(saved);
      return true;
    } catch (caught) {
      setError(errorText(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, [name, credentials, bio, person, onSaved]);

  // When the app quits with this form changed, save it rather than lose it.
  const live = useRef({ dirty, save });
  live.current = { dirty, save };
  useEffect(() => {
    registerFlush(() => (live.current.dirty ? live.current.save() : Promise.resolve(true)));
    return () => registerFlush(null);
  }, [registerFlush]);

  // A review action acts on the stored bio: pending edits are saved first, then the action is
  // based on that revision, and the form takes the reviewed person (its revision) for later saves.
  const reviewBio = async (action: BioAction): Promise<string | null> => {
    if (!person) return null;
    let base: Person = person;
    if (dirty) {
      if (!(await save())) return 'Your changes could not be saved, so the bio was not sent. See the message below.';
      base = lastSaved.current ?? person;
    }
    try {
      const reviewed = await call('review.person', { id: base.id, baseRevision: base.revision, action });
      onSaved(reviewed);
      return null;
    } catch (caught) {
      return errorText(caught);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form className="person-form" onSubmit={onSubmit} aria-labelledby="person-form-title" noValidate>
      <h2 id="person-form-title">{person ? `Edit ${person.name}` : 'New person'}</h2>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          type="text"
          className="input"
          value={name}
          maxLength={200}
          autoFocus
          onChange={(event) => {
            setName(event.target.value);
            setDirty(true);
          }}
        />
      </label>
      <label className="field">
        <span className="field-label">Credentials</span>
        <input
          type="text"
          className="input"
          value={credentials}
          maxLength={500}
          onChange={(event) => {
            setCredentials(event.target.value);
            setDirty(true);
          }}
        />
      </label>
      <div className="field">
        <span className="field-label">Bio</span>
        <RichTextField
          label="Bio"
          allowLists
          value={bio}
          onChange={(doc) => {
            setBio(doc);
            setDirty(true);
          }}
        />
      </div>
      {person && <BioReview current={{ ...person, name: name.trim() || person.name, credentials, bio: bio as Person['bio'] }} people={people} onAction={reviewBio} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save person
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
