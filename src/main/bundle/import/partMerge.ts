import { stableStringify } from '../../store/durableWrite';
import { samePart as same } from '../../../shared/merge/partMerge';

export { articleParts, diffParts, mergeParts, type PartDiff, type PartState } from '../../../shared/merge/partMerge';

/**
 * Review records merged by id: keys only one side has are kept; where both have a key, arrays
 * are united by each element's `id` (mine first, theirs' new ones after), objects merge key by
 * key, and other differing values take `prefer`'s side.
 */
export function mergeReviewValue(mine: unknown, theirs: unknown, prefer: 'mine' | 'theirs'): unknown {
  if (mine === undefined) return theirs;
  if (theirs === undefined) return mine;
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    const out = [...mine];
    const keyOf = (x: unknown) => (x !== null && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? `id:${(x as { id: string }).id}` : `v:${stableStringify(x)}`);
    const index = new Map(out.map((x, i) => [keyOf(x), i]));
    for (const x of theirs) {
      const at = index.get(keyOf(x));
      if (at === undefined) {
        index.set(keyOf(x), out.length);
        out.push(x);
      } else out[at] = mergeReviewValue(out[at], x, prefer);
    }
    return out;
  }
  if (isPlain(mine) && isPlain(theirs)) {
    const out: Record<string, unknown> = {};
    for (const key of [...new Set([...Object.keys(mine), ...Object.keys(theirs)])]) {
      out[key] = mergeReviewValue(mine[key], theirs[key], prefer);
    }
    return out;
  }
  return same(mine, theirs) ? mine : prefer === 'theirs' ? theirs : mine;
}

function isPlain(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
