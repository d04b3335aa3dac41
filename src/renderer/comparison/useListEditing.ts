import { useCallback, useMemo, useRef, type Dispatch } from 'react';
import { useUndo } from '../app/UndoToast';
import type { ListLabels } from '../list/listLabels';
import type { EditorAction, ListItems, ListName } from './comparisonReducer';

export interface ListEditing {
  onAdd: () => void;
  onRemove: (id: string, index: number) => void;
  onMove: (id: string, toIndex: number) => void;
}

/** Stable add/remove/move callbacks for one of the comparison's lists; removal offers an undo. */
export function useListEditing<L extends ListName>(
  list: L,
  items: readonly ListItems[L][],
  dispatch: Dispatch<EditorAction>,
  labels: ListLabels,
  makeItem: () => ListItems[L],
): ListEditing {
  const showUndo = useUndo();
  const live = useRef({ items, makeItem, labels });
  live.current = { items, makeItem, labels };

  const onAdd = useCallback(() => {
    const { items: now, makeItem: make } = live.current;
    dispatch({ type: 'listInsert', list, index: now.length, item: make() } as EditorAction);
  }, [dispatch, list]);

  const onRemove = useCallback(
    (id: string, index: number) => {
      const item = live.current.items.find((entry) => entry.id === id);
      if (!item) return;
      dispatch({ type: 'listRemove', list, id });
      showUndo(live.current.labels.removed(index + 1), () =>
        dispatch({ type: 'listInsert', list, index, item } as EditorAction),
      );
    },
    [dispatch, list, showUndo],
  );

  const onMove = useCallback((id: string, toIndex: number) => dispatch({ type: 'listMove', list, id, toIndex }), [dispatch, list]);

  return useMemo(() => ({ onAdd, onRemove, onMove }), [onAdd, onRemove, onMove]);
}
