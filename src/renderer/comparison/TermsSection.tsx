import { memo, type Dispatch } from 'react';
import type { Comparison } from '../../shared/model/comparison';
import { useUndo } from '../app/UndoToast';
import type { EditorAction } from './comparisonReducer';

export interface TermsSectionProps {
  doc: Comparison;
  dispatch: Dispatch<EditorAction>;
}

/** Terms 1–4: rename, add, and remove (with undo, which also brings back the term's chart values). */
function TermsSectionView({ doc, dispatch }: TermsSectionProps) {
  const showUndo = useUndo();
  const { terms } = doc;

  const remove = (index: number) => {
    const term = terms[index];
    const chartValues: Record<string, string> = {};
    for (const row of doc.chart.rows) {
      const value = row.values[term.key];
      if (value !== undefined) chartValues[row.id] = value;
    }
    const definitionIds = doc.definitions.filter((d) => d.term === term.key).map((d) => d.id);
    dispatch({ type: 'removeTerm', key: term.key });
    showUndo(`Removed term ${index + 1}`, () => dispatch({ type: 'restoreTerm', term, index, chartValues, definitionIds }));
  };

  return (
    <section className="section" aria-labelledby="terms-heading">
      <h2 id="terms-heading">Terms</h2>
      <div className="terms">
        {terms.map((term, index) => (
          <div className="term" key={term.key}>
            <label className="field">
              <span className="field-label">Term {index + 1}</span>
              <input
                type="text"
                className="input"
                value={term.name}
                maxLength={120}
                aria-invalid={term.name.trim() === ''}
                onChange={(event) => dispatch({ type: 'setTermName', key: term.key, name: event.target.value })}
              />
            </label>
            {terms.length > 2 && (
              <button type="button" className="icon-button danger" aria-label={`Remove term ${index + 1}`} onClick={() => remove(index)}>
                ×
              </button>
            )}
          </div>
        ))}
        {terms.length < 4 && (
          <button type="button" className="button" onClick={() => dispatch({ type: 'addTerm' })}>
            <span aria-hidden="true">+ </span>Add term
          </button>
        )}
      </div>
      {terms.some((t) => t.name.trim() === '') && <p className="field-error">Every term needs a name.</p>}
    </section>
  );
}

export const TermsSection = memo(TermsSectionView);
