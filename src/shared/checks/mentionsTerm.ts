/** Lowercased, accents and case folded, runs of white space as one space. */
function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * True when `text` names `term` as a whole phrase, in any case and allowing a plural or a
 * possessive ("Social networks" and "social network's" name "Social network", "companies" names
 * "Company"). "C" is not found inside "CSS", but "C++" and "C#" are found as written.
 */
export function mentionsTerm(text: string, term: string): boolean {
  const haystack = fold(text);
  const needle = fold(term);
  if (needle.length === 0) return false;
  if (found(haystack, needle)) return true;
  // "Company" -> "companies": a consonant before a final y takes "ies".
  return /[^aeiou\W]y$/u.test(needle) && found(haystack, `${needle.slice(0, -1)}ies`);
}

function found(haystack: string, needle: string): boolean {
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
