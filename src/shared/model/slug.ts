/** Slugs are lowercase ASCII words joined by single hyphens, 1–80 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug);
}

const SYMBOL_WORDS: Array<[RegExp, string]> = [
  [/\+\+/g, ' plus plus '],
  [/\+/g, ' plus '],
  [/#/g, ' sharp '],
  [/&/g, ' and '],
  [/@/g, ' at '],
  [/%/g, ' percent '],
];

/** "C# vs. C++" -> "c-sharp-vs-c-plus-plus"; accents are folded ("Café" -> "cafe"). */
export function slugify(text: string): string {
  let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  for (const [pattern, word] of SYMBOL_WORDS) s = s.replace(pattern, word);
  s = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > SLUG_MAX) s = s.slice(0, SLUG_MAX).replace(/-+[^-]*$/, '') || s.slice(0, SLUG_MAX);
  return s.replace(/-+$/g, '');
}

/** The slug a comparison gets from its terms: "social-media-vs-social-networking". */
export function slugFromTerms(terms: readonly string[]): string {
  return slugify(terms.join(' vs '));
}

/** The first of base, base-2, base-3, … that `taken` does not contain. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  const root = base || 'comparison';
  if (!taken(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = root.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken(candidate)) return candidate;
  }
}
