import type { Person } from '../model/person';
import { PART_STATE_WORDS, reviewOfPerson, type PartState } from '../review/status';

export type BioState = PartState | 'signed_off';

export interface BioReviewState {
  state: BioState;
  /** Draft / Awaiting review / Changes requested / Approved / Changed since approval / Signed off. */
  words: string;
  /** Who acted last and when (person id, ISO time), or null for a draft. */
  by: string | null;
  at: string | null;
}

/** A bio's review state in words, for the current (possibly unsaved) name, credentials and bio. */
export function bioReviewState(person: Person): BioReviewState {
  const view = reviewOfPerson(person);
  const part = view.parts[0];
  if (view.status === 'signed_off' && view.signOff) {
    return { state: 'signed_off', words: 'Signed off', by: view.signOff.by, at: view.signOff.at };
  }
  const state = part?.state ?? 'draft';
  return { state, words: PART_STATE_WORDS[state], by: part?.record?.by ?? null, at: part?.record?.at ?? null };
}
