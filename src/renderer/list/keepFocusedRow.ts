import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, type FocusEvent } from 'react';

/**
 * A virtualized list drops the rows scrolled out of view. A row holding the keyboard focus took
 * the focus with it (to the page's body: Tab started again from the top of the window, and a
 * screen reader lost its place) when the list was scrolled with the wheel or the scroll bar.
 *
 * This keeps the row with the focus rendered wherever the list is scrolled, with the rows on
 * either side of it, so Tab and Shift+Tab from it reach the next and previous rows (the browser
 * then scrolls them into view, and the list renders around them). Rows carry their index in
 * `data-index` (as the virtualizer's measuring needs anyway); the handlers go on the element
 * that holds the rows. The row is remembered by its key (`keyAt(index)`), so it is still found
 * when the list changes order or length while it has the focus.
 */
export function useKeepFocusedRow(keyAt: (index: number) => string | undefined): {
  rangeExtractor: (range: Range) => number[];
  focusHandlers: { onFocus: (event: FocusEvent<HTMLElement>) => void; onBlur: (event: FocusEvent<HTMLElement>) => void };
} {
  // Refs, not state: focus moving needs no render; the next scroll asks for the range again.
  const focused = useRef<FocusedRow | null>(null);
  const keys = useRef(keyAt);
  keys.current = keyAt;
  const rangeExtractor = useCallback((range: Range) => keepRows(defaultRangeExtractor(range), focusedIndex(focused.current, keys.current, range.count), range.count), []);
  const focusHandlers = useMemo(
    () => ({
      onFocus(event: FocusEvent<HTMLElement>) {
        const row = (event.target as Element).closest<HTMLElement>('[data-index]');
        const index = row && event.currentTarget.contains(row) ? Number(row.dataset.index) : NaN;
        const key = Number.isInteger(index) ? keys.current(index) : undefined;
        focused.current = key === undefined ? null : { key, index };
      },
      onBlur(event: FocusEvent<HTMLElement>) {
        // Another window took the focus: the row keeps it, to have it back when this window does.
        if (!document.hasFocus()) return;
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) focused.current = null;
      },
    }),
    [],
  );
  return { rangeExtractor, focusHandlers };
}

/** The row with the focus: its key, and its index when last seen. */
export interface FocusedRow {
  key: string;
  index: number;
}

/**
 * Where the focused row is now: at its last index while that still holds its key, else wherever
 * its key went (the list changed; remembered for next time); null when it is gone or none has focus.
 */
export function focusedIndex(row: FocusedRow | null, keyAt: (index: number) => string | undefined, count: number): number | null {
  if (!row) return null;
  if (row.index < count && keyAt(row.index) === row.key) return row.index;
  for (let i = 0; i < count; i++) {
    if (keyAt(i) === row.key) {
      row.index = i;
      return i;
    }
  }
  return null;
}

/** `indexes` (ascending) with `focused` and its neighbours added, in order. */
export function keepRows(indexes: number[], focused: number | null, count: number): number[] {
  if (focused === null) return indexes;
  const extra = [focused - 1, focused, focused + 1].filter((i) => i >= 0 && i < count && !indexes.includes(i));
  return extra.length === 0 ? indexes : [...indexes, ...extra].sort((a, b) => a - b);
}

/**
 * The space before each rendered row that no rendered row fills: 0 between neighbours, the
 * height of the rows not rendered between a kept focused row and the rows in view.
 */
export function gapsBefore(items: ReadonlyArray<{ start: number; end: number }>): number[] {
  return items.map((item, i) => (i === 0 ? 0 : Math.max(0, item.start - (items[i - 1] as { end: number }).end)));
}
