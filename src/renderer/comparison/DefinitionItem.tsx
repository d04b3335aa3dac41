import { memo, useCallback, useMemo, type Dispatch } from 'react';
import { ulid } from 'ulid';
import type { Definition, Example, Term } from '../../shared/model/comparison';
import type { TermKey } from '../../shared/model/ids';
import { useUndo } from '../app/UndoToast';
import type { ListLabels } from '../list/listLabels';
import { SortableList } from '../list/SortableList';
import { RichTextField } from '../richText/RichTextField';
import type { EditorAction } from './comparisonReducer';

export interface DefinitionItemProps {
  definition: Definition;
  index: number;
  terms: readonly Term[];
  dispatch: Dispatch<EditorAction>;
}

function exampleLabels(n: number): ListLabels {
  return {
    add: `Add example to definition ${n}`,
    remove: (m) => `Remove example ${m} from definition ${n}`,
    moveUp: (m) => `Move example ${m} of definition ${n} up`,
    moveDown: (m) => `Move example ${m} of definition ${n} down`,
    drag: (m) => `Drag example ${m} of definition ${n}`,
    removed: (m) => `Removed example ${m} from definition ${n}`,
  };
}

/** One definition: its term, its text and its example sentences (a list of their own). */
function DefinitionItemView({ definition, index, terms, dispatch }: DefinitionItemProps) {
  const n = index + 1;
  const showUndo = useUndo();
  const definitionId = definition.id;
  const labels = useMemo(() => exampleLabels(n), [n]);

  const onAdd = useCallback(
    () => dispatch({ type: 'exampleInsert', definitionId, index: Number.MAX_SAFE_INTEGER, example: { id: ulid(), text: '' } }),
    [dispatch, definitionId],
  );
  const onMove = useCallback(
    (id: string, toIndex: number) => dispatch({ type: 'exampleMove', definitionId, id, toIndex }),
    [dispatch, definitionId],
  );
  const examples = definition.examples;
  const onRemove = useCallback(
    (id: string, at: number) => {
      const example = examples.find((e) => e.id === id);
      if (!example) return;
      dispatch({ type: 'exampleRemove', definitionId, id });
      showUndo(labels.removed(at + 1), () => dispatch({ type: 'exampleInsert', definitionId, index: at, example }));
    },
    [dispatch, definitionId, examples, labels, showUndo],
  );
  const renderExample = useCallback(
    (example: Example, at: number) => (
      <input
        type="text"
        className="input"
        aria-label={`Definition ${n} example ${at + 1}`}
        placeholder="An example sentence"
        value={example.text}
        maxLength={2000}
        onChange={(event) => dispatch({ type: 'exampleUpdate', definitionId, id: example.id, text: event.target.value })}
      />
    ),
    [dispatch, definitionId, n],
  );

  return (
    <div className="stack">
      <label className="field">
        <span className="field-label">Definition {n} term</span>
        <select
          className="input select"
          value={definition.term}
          onChange={(event) =>
            dispatch({ type: 'listUpdate', list: 'definitions', id: definitionId, patch: { term: event.target.value as TermKey } })
          }
        >
          {terms.map((term) => (
            <option key={term.key} value={term.key}>
              {term.name || `Term ${terms.indexOf(term) + 1}`}
            </option>
          ))}
        </select>
      </label>
      <RichTextField
        label={`Definition ${n} text`}
        value={definition.text}
        onChange={(text) =>
          dispatch({ type: 'listUpdate', list: 'definitions', id: definitionId, patch: { text: text as Definition['text'] } })
        }
      />
      <div className="examples">
        <span className="field-label">Examples</span>
        <SortableList
          items={examples}
          listLabel={`Examples of definition ${n}`}
          labels={labels}
          renderItem={renderExample}
          onAdd={onAdd}
          onRemove={onRemove}
          onMove={onMove}
          minItems={1}
          className="nested"
        />
      </div>
    </div>
  );
}

export const DefinitionItem = memo(DefinitionItemView);
