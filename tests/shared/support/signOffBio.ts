import type { Person } from '../../../src/shared/model/person';
import { partHash, personContentHashOf, personParts } from '../../../src/shared/review/parts';

/** Marks a person's bio approved and signed off by `editorId`, as the review service would store it. */
export function signOffBio(person: Person, editorId: string, at = '2024-01-02T00:00:00.000Z'): Person {
  const [bio] = personParts(person);
  person.review = {
    parts: { bio: { state: 'approved', by: editorId, at, hash: partHash(bio!) } },
    signOff: { by: editorId, at, hash: personContentHashOf(person) },
    comments: [],
  };
  return person;
}
