import { memo, type Dispatch } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { useUndo } from '../app/UndoToast';
import type { EditorAction } from './comparisonReducer';

export interface RelatedSectionProps {
  selfId: string;
  related: readonly string[];
  summaries: readonly ComparisonSummary[];
  dispatch: Dispatch<EditorAction>;
}

/** Other comparisons this one points readers to. */
function RelatedSectionView({ selfId, related, summaries, dispatch }: RelatedSectionProps) {
  const showUndo = useUndo();
  const titleOf = (id: string) => summaries.find((s) => s.id === id)?.title ?? 'A comparison that no longer exists';
  const candidates = summaries.filter((s) => s.id !== selfId && !related.includes(s.id));
  return (
    <section className="section" aria-labelledby="related-heading">
      <h2 id="related-heading">Related Comparisons</h2>
      {related.length > 0 ? (
        <ul className="related-list" aria-label="Related comparisons">
          {related.map((id, index) => (
            <li key={id} className="related-item">
              <span>{titleOf(id)}</span>
              <button
                type="button"
                className="icon-button danger"
                aria-label={`Remove related ${titleOf(id)}`}
                onClick={() => {
                  dispatch({ type: 'removeRelated', id });
                  showUndo(`Removed related ${titleOf(id)}`, () => dispatch({ type: 'addRelated', id, index }));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No related comparisons yet.</p>
      )}
      <label className="field">
        <span className="field-label">Add related comparison</span>
        <select
          className="input select"
          value=""
          disabled={candidates.length === 0}
          onChange={(event) => {
            if (event.target.value) dispatch({ type: 'addRelated', id: event.target.value });
          }}
        >
          <option value="">{candidates.length === 0 ? 'No other comparisons' : 'Choose a comparison…'}</option>
          {candidates.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

export const RelatedSection = memo(RelatedSectionView);
