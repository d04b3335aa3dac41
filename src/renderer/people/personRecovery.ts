import type { Person } from '../../shared/model/person';
import { emptyDoc } from '../../shared/model/richText';
import { NEW_PERSON_KEY, type PersonDraft, type PersonJournalEntry } from '../../shared/model/personJournal';

/** True when the draft says what the stored person says (its save went through after all). */
export function draftMatches(draft: PersonDraft, person: Person | null): boolean {
  if (!person) return draft.name.trim() === '' && draft.credentials === '' && JSON.stringify(draft.bio) === JSON.stringify(emptyDoc());
  return draft.name.trim() === person.name && draft.credentials === person.credentials && JSON.stringify(draft.bio) === JSON.stringify(person.bio);
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The name a recovered journal goes by in notices. */
export function recoveredName(entry: PersonJournalEntry, people: readonly Person[]): string {
  const stored = people.find((p) => p.id === entry.key);
  return entry.draft.name.trim() || stored?.name || (entry.key === NEW_PERSON_KEY ? 'a new person' : 'a person');
}

/** The notice shown in the form when a journal is replayed into it. */
export function recoveredMessage(entry: PersonJournalEntry, person: Person | null): string {
  const name = entry.draft.name.trim() || person?.name || 'a new person';
  const head = `Recovered unsaved edits to “${name}” from ${when(entry.writtenAt)}.`;
  if (person && entry.draft.baseRevision !== person.revision) {
    return `${head} ${person.name} was changed elsewhere since then: the recovered copy is shown, not saved. Save person to keep it over the stored one, or discard it to keep the stored one.`;
  }
  return `${head} They were not saved when Versus Desk last closed: Save person to keep them.`;
}
