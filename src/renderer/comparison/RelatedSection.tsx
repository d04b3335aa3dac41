import { memo, useDeferredValue, useMemo, useState, type Dispatch } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { useUndo } from '../app/UndoToast';
import type { EditorAction } from './comparisonReducer';

export interface RelatedSectionProps {
  selfId: string;
  related: readonly string[];
  summaries: readonly ComparisonSummary[];
  dispatch: Dispatch<EditorAction>;
}

/** At most this many candidates are offered at once: a workspace of 10,000 articles must not become 10,000 options. */
export const RELATED_CHOICES_MAX = 100;

/** Other comparisons this one points readers to. */
function RelatedSectionView({ selfId, related, summaries, dispatch }: RelatedSectionProps) {
  const showUndo = useUndo();
  const [filter, setFilter] = useState('');
  const query = useDeferredValue(filter.trim().toLowerCase());
  const titleOf = (id: string) => summaries.find((s) => s.id === id)?.title ?? 'A comparison that no longer exists';
  const { candidates, more } = useMemo(() => {
    const all = summaries.filter((s) => s.id !== selfId && !related.includes(s.id) && (query === '' || s.title.toLowerCase().includes(query)));
    return { candidates: all.slice(0, RELATED_CHOICES_MAX), more: Math.max(0, all.length - RELATED_CHOICES_MAX) };
  }, [summaries, selfId, related, query]);
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
      {(summaries.length > RELATED_CHOICES_MAX || filter !== '') && (
        <label className="field">
          <span className="field-label">Find a comparison to relate</span>
          <input type="search" className="input" value={filter} maxLength={200} onChange={(event) => setFilter(event.target.value)} placeholder="Words of its title" />
        </label>
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
          <option value="">{candidates.length === 0 ? (query ? 'No comparison matches' : 'No other comparisons') : more > 0 ? `Choose one of the first ${candidates.length} (${more} more: narrow the search)…` : 'Choose a comparison…'}</option>
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
