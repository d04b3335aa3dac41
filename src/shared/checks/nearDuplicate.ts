/** Small words that do not make two questions or labels different. */
const FILLER = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'is', 'are', 'do', 'does', 'can', 'vs']);

/**
 * A comparable form of a chart label or FAQ question: lowercase words without punctuation,
 * filler words or a plural "s", in order. "What is the purpose of social media?" and
 * "What's the purpose of Social Media" give the same key.
 */
export function nearDuplicateKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en')
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

/** Edit distance between two strings (characters), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * True when two keys (from nearDuplicateKey) are the same or differ by a typo or two: at most one
 * edit per 8 characters of the longer one. Short keys must match exactly ("Cost" vs "Cast" are
 * different labels).
 */
export function nearlySame(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const longer = Math.max(a.length, b.length);
  const allowed = Math.floor(longer / 8);
  if (allowed === 0) return false;
  return editDistance(a, b, allowed) <= allowed;
}
