/** Lowercased, accents and case folded, runs of white space as one space. */
function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * True when `text` names `term` as a whole phrase, in any case and allowing a plural
 * ("Social networks" names "Social network"). "C" is not found inside "CSS", but "C++" and
 * "C#" are found as written.
 */
export function mentionsTerm(text: string, term: string): boolean {
  const haystack = fold(text);
  const needle = fold(term);
  if (needle.length === 0) return false;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    let end = at + needle.length;
    const rest = haystack.slice(end);
    if (rest.startsWith('es') && !WORD_CHAR.test(rest[2] ?? '')) end += 2;
    else if (rest.startsWith('s') && !WORD_CHAR.test(rest[1] ?? '')) end += 1;
    const after = haystack[end];
    const startsClean = before === undefined || !WORD_CHAR.test(before) || !WORD_CHAR.test(needle[0] as string);
    const endsClean = after === undefined || !WORD_CHAR.test(after) || !WORD_CHAR.test(needle[needle.length - 1] as string);
    if (startsClean && endsClean) return true;
  }
  return false;
}
