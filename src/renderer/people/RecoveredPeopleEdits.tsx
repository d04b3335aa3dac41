import { useEffect, useState } from 'react';
import type { Person } from '../../shared/model/person';
import { NEW_PERSON_KEY, type PersonJournalEntry } from '../../shared/model/personJournal';
import { call } from '../api/client';
import { recoveredName } from './personRecovery';

export interface RecoveredPeopleEditsProps {
  people: readonly Person[];
  /** The journal key of the form open now (its own notice covers it), or null. */
  openKey: string | null;
  /** Opens the form of that person (or the new-person form), which replays the edits. */
  onOpen: (key: string) => void;
}

/**
 * When the People view opens, the person forms left with unsaved edits by an earlier session
 * (a crash, a closed window) are offered back: "Recovered unsaved edits to <name>", with a button
 * that opens the form on them. Journals of people deleted since are left out.
 */
export function RecoveredPeopleEdits({ people, openKey, onOpen }: RecoveredPeopleEditsProps) {
  const [entries, setEntries] = useState<PersonJournalEntry[]>([]);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let live = true;
    call('journal.listPeople', {})
      .then((found) => {
        if (live) setEntries(found);
      })
      .catch((error: unknown) => console.warn('Versus Desk: could not list the unsaved-edits journals', error));
    return () => {
      live = false;
    };
  }, []);

  const shown = entries.filter((e) => !opened.has(e.key) && e.key !== openKey && (e.key === NEW_PERSON_KEY || people.some((p) => p.id === e.key)));
  if (shown.length === 0) return null;
  return (
    <div role="status" aria-label="Recovered edits" className="notices">
      <ul>
        {shown.map((entry) => {
          const name = recoveredName(entry, people);
          return (
            <li key={entry.key} className="notice notice-recovered">
              <span className="notice-message">Recovered unsaved edits to “{name}”.</span>
              <button
                type="button"
                className="button subtle"
                onClick={() => {
                  setOpened((keys) => new Set(keys).add(entry.key));
                  onOpen(entry.key);
                }}
              >
                Open recovered edits to {name}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
