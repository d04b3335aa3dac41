import { memo, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ListLabels } from './listLabels';

export type DropMark = 'before' | 'after' | null;

export interface RowHandlers {
  remove: (id: string, index: number) => void;
  move: (id: string, toIndex: number, keepFocus: boolean) => void;
  dragStart: (id: string, event: DragEvent<HTMLElement>) => void;
  dragOver: (id: string, index: number, event: DragEvent<HTMLElement>) => void;
  drop: (id: string, index: number, event: DragEvent<HTMLElement>) => void;
  dragEnd: () => void;
}

export interface SortableRowProps<T extends { id: string }> {
  item: T;
  /** Stable (memoized) renderer of the item's fields, so unchanged rows skip re-rendering. */
  render: (item: T, index: number) => ReactNode;
  index: number;
  count: number;
  canRemove: boolean;
  labels: ListLabels;
  handlers: RowHandlers;
  dropMark: DropMark;
  dragging: boolean;
}

/** One item of a SortableList with its handle, move and remove buttons. */
function SortableRowView<T extends { id: string }>({ item, render, index, count, canRemove, labels, handlers, dropMark, dragging }: SortableRowProps<T>) {
  const id = item.id;
  const n = index + 1;
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    // The innermost list handles the keys: an example moves inside its definition, not the definition.
    event.preventDefault();
    event.stopPropagation();
    handlers.move(id, event.key === 'ArrowUp' ? index - 1 : index + 1, true);
  };
  const classes = ['sortable-row', dropMark ? `drop-${dropMark}` : '', dragging ? 'is-dragging' : ''].filter(Boolean).join(' ');
  return (
    <li
      className={classes}
      data-item-id={id}
      onKeyDown={onKeyDown}
      onDragOver={(event) => handlers.dragOver(id, index, event)}
      onDrop={(event) => handlers.drop(id, index, event)}
    >
      <div className="row-controls">
        <button
          type="button"
          className="icon-button drag-handle"
          draggable
          aria-label={labels.drag(n)}
          title="Drag to reorder (or Alt+Arrow keys)"
          onDragStart={(event) => handlers.dragStart(id, event)}
          onDragEnd={handlers.dragEnd}
        >
          ⠿
        </button>
        <span className="row-number" aria-hidden="true">
          {n}
        </span>
      </div>
      <div className="row-body">{render(item, index)}</div>
      <div className="row-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={labels.moveUp(n)}
          aria-disabled={index === 0}
          title="Move up (Alt+↑)"
          onClick={() => handlers.move(id, index - 1, true)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={labels.moveDown(n)}
          aria-disabled={index === count - 1}
          title="Move down (Alt+↓)"
          onClick={() => handlers.move(id, index + 1, true)}
        >
          ↓
        </button>
        {canRemove && (
          <button type="button" className="icon-button danger" aria-label={labels.remove(n)} title="Remove" onClick={() => handlers.remove(id, index)}>
            ×
          </button>
        )}
      </div>
    </li>
  );
}

export const SortableRow = memo(SortableRowView) as typeof SortableRowView;
