import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useEffect, useRef, type CSSProperties } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { gapsBefore, useKeepFocusedRow } from '../list/keepFocusedRow';
import { ComparisonListItem } from './ComparisonListItem';
import './virtualList.css';

export interface VirtualComparisonListProps {
  summaries: readonly ComparisonSummary[];
  selectedId: string | null;
  onOpen: (id: string) => void;
  loading: boolean;
}

/** Rows above and below the visible ones that stay mounted (keeps Tab and scrolling smooth). */
const OVERSCAN = 8;
/** A row's height before it is measured: title, terms and the status line. */
const ESTIMATED_ROW_PX = 74;
/** The list's own padding at top and bottom (0.4rem), which the virtualizer must account for. */
const LIST_PADDING_PX = 6;

/**
 * The sidebar's list, virtualized: only the rows in view (plus a few) are in the DOM, so a
 * workspace of 10,000 articles renders as fast as one of 20. The `<ul>` stays the scroll
 * container and the only wrapper: the rows around the rendered ones are two empty pseudo-elements
 * before and after them (virtualList.css), so the list semantics (list → listitem → button) are unchanged; each row says its
 * position (aria-posinset/setsize) for screen readers. The row holding the keyboard focus stays
 * rendered when the list is scrolled away from it (with a hidden spacer item between it and the
 * rows in view).
 */
export function VirtualComparisonList({ summaries, selectedId, onOpen, loading }: VirtualComparisonListProps) {
  const listRef = useRef<HTMLUListElement | null>(null);
  const { rangeExtractor, focusHandlers } = useKeepFocusedRow((index) => summaries[index]?.id);
  const virtualizer = useVirtualizer<HTMLUListElement, HTMLLIElement>({
    count: summaries.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => summaries[index]?.id ?? index,
    overscan: OVERSCAN,
    rangeExtractor,
    paddingStart: LIST_PADDING_PX,
    paddingEnd: LIST_PADDING_PX,
    // Render the first screenful on the very first pass, before the list has been measured.
    initialRect: { width: 300, height: 900 },
  });

  // The open article stays in view when it is chosen elsewhere (a new article, a link).
  const selectedIndex = selectedId ? summaries.findIndex((s) => s.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const total = virtualizer.getTotalSize();
  const gaps = gapsBefore(items);
  const spacers = {
    '--rows-before': `${first ? first.start : LIST_PADDING_PX}px`,
    '--rows-after': `${last ? Math.max(0, total - last.end) : LIST_PADDING_PX}px`,
  } as CSSProperties;
  return (
    <ul
      ref={listRef}
      role="list"
      aria-label="Comparisons"
      className="comparison-list virtual-list"
      aria-busy={loading}
      style={spacers}
      {...focusHandlers}
    >
      {items.map((item, i) => {
        const summary = summaries[item.index] as ComparisonSummary;
        const gap = gaps[i] as number;
        return (
          // Keyed children: a spacer coming or going before a row must not remount it (and drop its focus).
          <Fragment key={summary.id}>
            {gap > 0 && <li key="gap" role="none" aria-hidden="true" className="virtual-gap" style={{ height: gap }} />}
            <ComparisonListItem
              key="row"
              summary={summary}
              selected={summary.id === selectedId}
              onOpen={onOpen}
              position={{ index: item.index, setSize: summaries.length, measureRef: virtualizer.measureElement }}
            />
          </Fragment>
        );
      })}
    </ul>
  );
}
