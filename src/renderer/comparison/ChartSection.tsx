import { memo, useCallback, useRef, useState, type ClipboardEvent, type Dispatch, type KeyboardEvent } from 'react';
import { ulid } from 'ulid';
import type { ChartRow, Term } from '../../shared/model/comparison';
import type { TermKey } from '../../shared/model/ids';
import { nounLabels } from '../list/listLabels';
import { SortableList } from '../list/SortableList';
import { PartFrame } from '../review/PartFrame';
import { SectionReview } from '../review/SectionReview';
import type { EditorAction } from './comparisonReducer';
import { looksLikeTsv, parseTsv } from './parseTsv';
import { useListEditing } from './useListEditing';

const LABELS = nounLabels('chart row');
const makeItem = (): ChartRow => ({ id: ulid(), label: '', values: {} });

// Cells are one-line values, but shown whole: textareas that grow with their text (CSS
// field-sizing), where Enter adds no line break.
const noLineBreak = (event: KeyboardEvent<HTMLTextAreaElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

export interface ChartSectionProps {
  headerLabel: string;
  rows: readonly ChartRow[];
  terms: readonly Term[];
  dispatch: Dispatch<EditorAction>;
}

function ChartSectionView({ headerLabel, rows, terms, dispatch }: ChartSectionProps) {
  const editing = useListEditing('chartRows', rows, dispatch, LABELS, makeItem);
  const [pasteText, setPasteText] = useState('');
  const live = useRef(terms);
  live.current = terms;

  /** Spreadsheet rows pasted from `startRowId` down (null: after the last row). */
  const pasteRows = useCallback(
    (text: string, startRowId: string | null) => {
      const parsed = parseTsv(text, live.current.length);
      if (parsed.length === 0) return;
      dispatch({ type: 'pasteChartRows', startRowId, rows: parsed, newIds: parsed.map(() => ulid()) });
    },
    [dispatch],
  );

  const onCellPaste = useCallback(
    (rowId: string, event: ClipboardEvent<HTMLTextAreaElement>) => {
      const text = event.clipboardData.getData('text/plain');
      if (!looksLikeTsv(text)) return; // ordinary text pastes as usual
      event.preventDefault();
      pasteRows(text, rowId);
    },
    [pasteRows],
  );

  const renderItem = useCallback(
    (row: ChartRow, index: number) => (
      <PartFrame partKey={`chart:${row.id}`}>
      <div className={`chart-cells chart-cols-${live.current.length}`}>
        <textarea
          className="input chart-cell chart-label"
          rows={1}
          aria-label={`Row ${index + 1} label`}
          placeholder="Label"
          value={row.label}
          maxLength={200}
          onKeyDown={noLineBreak}
          onPaste={(event) => onCellPaste(row.id, event)}
          onChange={(event) => dispatch({ type: 'listUpdate', list: 'chartRows', id: row.id, patch: { label: event.target.value } })}
        />
        {live.current.map((term) => (
          <textarea
            key={term.key}
            className="input chart-cell"
            rows={1}
            aria-label={`Row ${index + 1} ${term.name}`}
            placeholder={term.name}
            value={row.values[term.key] ?? ''}
            maxLength={2000}
            onKeyDown={noLineBreak}
            onPaste={(event) => onCellPaste(row.id, event)}
            onChange={(event) =>
              dispatch({
                type: 'listUpdate',
                list: 'chartRows',
                id: row.id,
                patch: { values: { ...row.values, [term.key as TermKey]: event.target.value } },
              })
            }
          />
        ))}
      </div>
      </PartFrame>
    ),
    // The term names label the cells: rows re-render when they change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dispatch, onCellPaste, terms],
  );

  return (
    <section className="section" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Comparison Chart</h2>
      <SectionReview section="chart" />
      <div className={`chart-head chart-cols-${terms.length}`}>
        <input
          type="text"
          className="input"
          aria-label="Chart header label"
          placeholder="Header label (optional)"
          value={headerLabel}
          maxLength={200}
          onChange={(event) => dispatch({ type: 'setChartHeader', label: event.target.value })}
        />
        {terms.map((term) => (
          <span key={term.key} className="chart-column">
            {term.name || 'Unnamed term'}
          </span>
        ))}
      </div>
      <SortableList
        items={rows}
        listLabel="Chart rows"
        labels={LABELS}
        renderItem={renderItem}
        className="chart-list"
        {...editing}
        footer={
          <textarea
            className="input paste-area"
            aria-label="Paste rows"
            placeholder="Paste rows from a spreadsheet here (label, then one column per term)"
            rows={1}
            value={pasteText}
            onChange={(event) => setPasteText(event.target.value)}
            onPaste={(event) => {
              event.preventDefault();
              pasteRows(event.clipboardData.getData('text/plain'), null);
              setPasteText('');
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && pasteText.trim() !== '') {
                event.preventDefault();
                pasteRows(pasteText, null);
                setPasteText('');
              }
            }}
          />
        }
      />
    </section>
  );
}

export const ChartSection = memo(ChartSectionView);
