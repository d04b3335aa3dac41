import { stableStringify } from '../../shared/util/stableStringify';

/**
 * Merges what the store returned for a save into the local copy without losing edits typed while
 * the save was in flight: a top-level field the writer left alone since the save was sent takes
 * the stored value (so revision, updatedAt and a de-duplicated slug arrive), a field they changed
 * keeps their newer local value (and stays dirty for the next save).
 */
export function mergeSaved<T extends object>(local: T, sent: T, saved: T): T {
  if (local === sent) return saved;
  const merged = { ...local };
  for (const key of Object.keys(saved) as Array<keyof T>) {
    if (local[key] === sent[key]) merged[key] = saved[key];
  }
  return merged;
}

/**
 * The stored answer to a save, reusing the sent copy's value for every top-level field the store
 * returned unchanged (equal JSON, key order aside: a record read from disk has its keys sorted, a
 * save's answer has them in schema order). The article then keeps its item objects across a save, so what
 * is cached by item (the review view's part hashes) stays valid and only what the store changed
 * (revision, dates, a de-duplicated slug, ...) is new.
 */
export function keepUnchanged<T extends object>(sent: T, saved: T): T {
  const kept = { ...saved };
  for (const key of Object.keys(saved) as Array<keyof T>) {
    const before = sent[key];
    const after = saved[key];
    if (before !== after && typeof after === 'object' && after !== null && stableStringify(before) === stableStringify(after)) kept[key] = before;
  }
  return kept;
}
