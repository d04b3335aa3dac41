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
 * that holds the rows.
 */
export function useKeepFocusedRow(): {
  rangeExtractor: (range: Range) => number[];
  focusHandlers: { onFocus: (event: FocusEvent<HTMLElement>) => void; onBlur: (event: FocusEvent<HTMLElement>) => void };
} {
  // A ref, not state: focus moving needs no render; the next scroll asks for the range again.
  const focused = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => keepRows(defaultRangeExtractor(range), focused.current, range.count), []);
  const focusHandlers = useMemo(
    () => ({
      onFocus(event: FocusEvent<HTMLElement>) {
        const row = (event.target as Element).closest<HTMLElement>('[data-index]');
        const index = row && event.currentTarget.contains(row) ? Number(row.dataset.index) : NaN;
        focused.current = Number.isInteger(index) ? index : null;
      },
      onBlur(event: FocusEvent<HTMLElement>) {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) focused.current = null;
      },
    }),
    [],
  );
  return { rangeExtractor, focusHandlers };
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
