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
