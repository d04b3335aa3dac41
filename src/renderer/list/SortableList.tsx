import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { ListLabels } from './listLabels';
import { SortableRow, type DropMark, type RowHandlers } from './SortableRow';

export interface SortableListProps<T extends { id: string }> {
  items: readonly T[];
  /** Accessible name of the list itself. */
  listLabel: string;
  labels: ListLabels;
  /** Stable (useCallback) renderer of one item's fields. */
  renderItem: (item: T, index: number) => ReactNode;
  onAdd: () => void;
  onRemove: (id: string, index: number) => void;
  onMove: (id: string, toIndex: number) => void;
  /** Items that must remain (definitions keep one example). */
  minItems?: number;
  className?: string;
  /** Extra controls beside the Add button. */
  footer?: ReactNode;
}

const DRAG_TYPE = 'application/x-versus-desk-item';
const FIELD_SELECTOR = 'input, textarea, select, [contenteditable="true"], [role="textbox"]';

/**
 * The one list used by key differences, chart rows, definitions, FAQs and examples: add, remove,
 * move by buttons, by Alt+Arrow keys (focus follows the item) and by dragging the handle (native
 * HTML5 drag and drop). Items are keyed by their stable id, never by index.
 */
export function SortableList<T extends { id: string }>(props: SortableListProps<T>) {
  const { items, listLabel, labels, renderItem, onAdd, onRemove, onMove, minItems = 0, className, footer } = props;
  const [dragId, setDragId] = useState<string | null>(null);
  const [over, setOver] = useState<{ id: string; mark: DropMark } | null>(null);
  const live = useRef({ items, onMove, onRemove, dragId });
  live.current = { items, onMove, onRemove, dragId };
  const focusAfterMove = useRef<HTMLElement | null>(null);
  /** Ids before an Add, so the new item's first field can take focus (keyboard authoring). */
  const idsBeforeAdd = useRef<Set<string> | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    // React re-inserts a moved row's DOM node, which drops focus: put it back where it was.
    const element = focusAfterMove.current;
    focusAfterMove.current = null;
    if (element && element.isConnected && document.activeElement !== element) element.focus({ preventScroll: false });
    const before = idsBeforeAdd.current;
    const added = before ? items.find((item) => !before.has(item.id)) : undefined;
    if (added && listRef.current) {
      idsBeforeAdd.current = null;
      const row = listRef.current.querySelector(`[data-item-id="${added.id}"] .row-body`);
      const field = row?.querySelector<HTMLElement>(FIELD_SELECTOR);
      field?.focus();
    }
  });

  const add = useCallback(() => {
    idsBeforeAdd.current = new Set(live.current.items.map((item) => item.id));
    onAdd();
  }, [onAdd]);

  const indexOf = (id: string) => live.current.items.findIndex((item) => item.id === id);

  const handlers = useMemo<RowHandlers>(
    () => ({
      remove: (id, index) => live.current.onRemove(id, index),
      move: (id, toIndex, keepFocus) => {
        const count = live.current.items.length;
        if (toIndex < 0 || toIndex >= count || indexOf(id) === toIndex) return;
        if (keepFocus && document.activeElement instanceof HTMLElement) focusAfterMove.current = document.activeElement;
        live.current.onMove(id, toIndex);
      },
      dragStart: (id, event: DragEvent<HTMLElement>) => {
        event.stopPropagation();
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData(DRAG_TYPE, id);
        event.dataTransfer.setData('text/plain', '');
        const row = event.currentTarget.closest('li');
        if (row) event.dataTransfer.setDragImage(row, 16, 16);
        live.current.dragId = id;
        setDragId(id);
      },
      dragOver: (id, index, event) => {
        const dragging = live.current.dragId;
        if (dragging === null) return; // not this list's drag: let an outer list see it
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'move';
        const from = indexOf(dragging);
        const mark: DropMark = dragging === id ? null : from < index ? 'after' : 'before';
        setOver((current) => (current?.id === id && current.mark === mark ? current : { id, mark }));
      },
      drop: (_id, index, event) => {
        const dragging = live.current.dragId;
        if (dragging === null) return;
        event.preventDefault();
        event.stopPropagation();
        // Dropping on a row takes that row's place; the rows between shift by one.
        if (indexOf(dragging) !== index) live.current.onMove(dragging, index);
        live.current.dragId = null;
        setDragId(null);
        setOver(null);
      },
      dragEnd: () => {
        live.current.dragId = null;
        setDragId(null);
        setOver(null);
      },
    }),
    [],
  );

  const onListDragLeave = useCallback((event: DragEvent<HTMLUListElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
  }, []);

  return (
    <div ref={listRef} className={['sortable', className].filter(Boolean).join(' ')}>
      {items.length > 0 && (
        <ul className="sortable-list" aria-label={listLabel} onDragLeave={onListDragLeave}>
          {items.map((item, index) => (
            <SortableRow
              key={item.id}
              item={item}
              render={renderItem}
              index={index}
              count={items.length}
              canRemove={items.length > minItems}
              labels={labels}
              handlers={handlers}
              dropMark={over?.id === item.id ? over.mark : null}
              dragging={dragId === item.id}
            />
          ))}
        </ul>
      )}
      <div className="sortable-footer">
        <button type="button" className="button" onClick={add}>
          <span aria-hidden="true">+ </span>
          {labels.add}
        </button>
        {footer}
      </div>
    </div>
  );
}
