import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Person } from '../../shared/model/person';
import type { RichDoc } from '../../shared/model/richText';
import { docToText, emptyDoc } from '../../shared/model/richText';
import { call, ClientError, errorText } from '../api/client';
import { ConflictDialog } from '../comparison/ConflictDialog';
import { DiscardedCopy } from '../comparison/DiscardedCopy';
import { RichTextField } from '../richText/RichTextField';
import { commentedPerson } from '../../shared/api/reviewContract';
import { NEW_PERSON_KEY, type PersonDraft } from '../../shared/model/personJournal';
import { BioReview, type BioAction } from './BioReview';
import { draftMatches, recoveredMessage } from './personRecovery';
import { usePersonJournal } from './usePersonJournal';
import { BioThreads, type BioCommentAction } from './BioThreads';

export interface PersonFormProps {
  /** The person to edit, or null for a new one. */
  person: Person | null;
  onSaved: (person: Person) => void;
  onCancel: () => void;
  registerFlush: (flush: (() => Promise<boolean>) | null) => void;
  /** The workspace's people, to name who reviewed the bio. */
  people?: readonly Person[];
  /** Opens the person's history (snapshots, diff, restore); no History button when absent. */
  onShowHistory?: () => void;
}

/** Name, credentials and bio, saved with "Save person". */
export function PersonForm({ person, onSaved, onCancel, registerFlush, people = [], onShowHistory }: PersonFormProps) {
  const [name, setName] = useState(person?.name ?? '');
  const [credentials, setCredentials] = useState(person?.credentials ?? '');
  const [bio, setBio] = useState<RichDoc>(person?.bio ?? emptyDoc());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const lastSaved = useRef<Person | null>(null);
  /** The notice of edits replayed from the hot-exit journal, until saved or discarded. */
  const [recovered, setRecovered] = useState<string | null>(null);
  /** Bumped to show a bio set from outside the editor (replayed or discarded edits). */
  const [bioVersion, setBioVersion] = useState(0);
  /** A save refused because the stored person changed elsewhere: the writer chooses which copy wins. */
  const [conflict, setConflict] = useState<string | null>(null);
  /** The copy that lost that choice, on screen until dismissed. */
  const [discarded, setDiscarded] = useState<{ text: string; whose: 'mine' | 'theirs' } | null>(null);

  // Hot exit: unsaved edits go to a journal shortly after each pause, and come back on reopen.
  const journalKey = person?.id ?? NEW_PERSON_KEY;
  const draft = useMemo<PersonDraft>(() => ({ baseRevision: person?.revision ?? 0, name, credentials, bio: bio as PersonDraft['bio'] }), [person?.revision, name, credentials, bio]);
  const journal = usePersonJournal({ journalKey, draft, dirty });
  const replayKey = useRef(journalKey);
  const touched = useRef(false);
  touched.current = dirty;
  useEffect(() => {
    let live = true;
    call('journal.listPeople', { key: replayKey.current })
      .then(([entry]) => {
        if (!live || !entry || touched.current) return;
        if (draftMatches(entry.draft, person)) return void call('journal.clearPerson', { key: entry.key, stamp: entry.stamp });
        setName(entry.draft.name);
        setCredentials(entry.draft.credentials);
        setBio(entry.draft.bio);
        setBioVersion((v) => v + 1);
        setDirty(true);
        setRecovered(recoveredMessage(entry, person));
      })
      .catch((caught: unknown) => console.warn('Versus Desk: could not read the unsaved-edits journal', caught));
    return () => {
      live = false;
    };
    // Replayed once, when the form opens on this person.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const discardRecovered = () => {
    setName(person?.name ?? '');
    setCredentials(person?.credentials ?? '');
    setBio(person?.bio ?? emptyDoc());
    setBioVersion((v) => v + 1);
    setDirty(false);
    setRecovered(null);
    void journal.settle();
  };

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
      setRecovered(null);
      void journal.settle();
      lastSaved.current = saved;
      onSaved(saved);
      return true;
    } catch (caught) {
      if (person && caught instanceof ClientError && caught.code === 'CONFLICT') setConflict(errorText(caught));
      else setError(errorText(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, [name, credentials, bio, person, onSaved, journal]);

  /** Keep mine: my fields saved over the stored copy, which stays on screen as the replaced copy. */
  const keepMine = async () => {
    if (!person) return;
    setConflict(null);
    setBusy(true);
    try {
      const stored = await call('people.get', { id: person.id });
      const saved = await call('people.save', { person: { ...stored, name: name.trim(), credentials, bio }, baseRevision: stored.revision });
      setDiscarded({ text: personText(stored), whose: 'theirs' });
      setDirty(false);
      setRecovered(null);
      void journal.settle();
      lastSaved.current = saved;
      onSaved(saved);
    } catch (caught) {
      if (caught instanceof ClientError && caught.code === 'CONFLICT') setConflict(errorText(caught));
      else setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  /** Reload theirs: the stored copy in the form; mine stays on screen as the discarded copy. */
  const reloadTheirs = async () => {
    if (!person) return;
    setConflict(null);
    try {
      const stored = await call('people.get', { id: person.id });
      setDiscarded({ text: personText({ name, credentials, bio }), whose: 'mine' });
      setName(stored.name);
      setCredentials(stored.credentials);
      setBio(stored.bio);
      setBioVersion((v) => v + 1);
      setDirty(false);
      setRecovered(null);
      void journal.settle();
      onSaved(stored);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

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
      if (!(await save())) return 'Your changes could not be saved, so the bio was not sent: the form says why.';
      base = lastSaved.current ?? person;
    }
    try {
      const reviewed = await call('review.person', { id: base.id, baseRevision: base.revision, baseUpdatedAt: base.updatedAt, action });
      onSaved(reviewed);
      return null;
    } catch (caught) {
      return errorText(caught);
    }
  };

  // Comments leave the bio as it is: they act on the stored person, and any unsaved edits stay in the form.
  const commentOnBio = async (act: BioCommentAction): Promise<void> => {
    if (!person) return;
    const base = { kind: 'person' as const, id: person.id, baseRevision: person.revision };
    const saved =
      act.action === 'add'
        ? await call('comments.add', { ...base, part: 'bio', text: act.text })
        : act.action === 'reply'
          ? await call('comments.reply', { ...base, thread: act.thread, text: act.text })
          : await call('comments.resolve', { ...base, thread: act.thread, resolved: act.resolved });
    onSaved(commentedPerson(saved));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form className="person-form" onSubmit={onSubmit} aria-labelledby="person-form-title" noValidate>
      <h2 id="person-form-title">{person ? `Edit ${person.name}` : 'New person'}</h2>
      {recovered && (
        <div role="status" aria-label="Recovered edits" className="notices">
          <ul>
            <li className="notice notice-recovered">
              <span className="notice-message">{recovered}</span>
              <button type="button" className="button subtle" onClick={discardRecovered}>
                Discard recovered edits
              </button>
            </li>
          </ul>
        </div>
      )}
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
          key={bioVersion}
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
      {person && <BioThreads person={person} people={people} onComment={commentOnBio} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {conflict !== null && person && <ConflictDialog title={person.name} where="the form" message={conflict} onKeepMine={() => void keepMine()} onReloadTheirs={() => void reloadTheirs()} />}
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save person
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            // Cancelled on purpose: the unsaved edits are not offered back later.
            void journal.settle();
            onCancel();
          }}
        >
          Cancel
        </button>
        {person && onShowHistory && (
          <button type="button" className="button" onClick={onShowHistory}>
            History
          </button>
        )}
      </div>
      {discarded !== null && <DiscardedCopy text={discarded.text} whose={discarded.whose} onDismiss={() => setDiscarded(null)} />}
    </form>
  );
}

/** A person as plain text, for the copy that lost a conflict. */
function personText(p: { name: string; credentials: string; bio: RichDoc }): string {
  return `Name: ${p.name}\nCredentials: ${p.credentials}\n\n${docToText(p.bio)}\n`;
}
