/** A copy of `items` with the item `id` moved to `toIndex` (clamped); the same array if nothing moves. */
export function moveItem<T extends { id: string }>(items: readonly T[], id: string, toIndex: number): T[] {
  const from = items.findIndex((item) => item.id === id);
  const to = Math.max(0, Math.min(items.length - 1, toIndex));
  if (from < 0 || from === to) return items as T[];
  const next = items.slice();
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** A copy of `items` with `item` inserted at `index` (clamped to the ends). */
export function insertItem<T>(items: readonly T[], index: number, item: T): T[] {
  const at = Math.max(0, Math.min(items.length, index));
  return [...items.slice(0, at), item, ...items.slice(at)];
}

/** A copy of `items` with the item `id` replaced by `update(item)`; untouched items keep their identity. */
export function updateItem<T extends { id: string }>(items: readonly T[], id: string, update: (item: T) => T): T[] {
  return items.map((item) => (item.id === id ? update(item) : item));
}
