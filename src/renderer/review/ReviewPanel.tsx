import { useState } from 'react';
import { threadPartLabel } from '../../shared/review/actions';
import { useEditorReview } from './EditorReview';
import { ThreadView } from './ThreadView';

/** A side panel with every comment thread of the article, open ones first; each jumps to its part. */
export function ReviewPanel() {
  const review = useEditorReview();
  const [showResolved, setShowResolved] = useState(false);
  if (!review || !review.panelOpen) return null;
  const threads = review.doc.review?.comments ?? [];
  const order = new Map(review.view.parts.map((p, i) => [p.key, i]));
  const shown = threads
    .filter((t) => showResolved || t.resolved === null)
    .sort((a, b) => (order.get(a.part) ?? 1e9) - (order.get(b.part) ?? 1e9));
  return (
    <aside className="review-panel" aria-label="Comments">
      <header className="review-panel-head">
        <h2>Comments</h2>
        <button type="button" className="icon-button" aria-label="Close comments" onClick={() => review.setPanelOpen(false)}>
          ×
        </button>
      </header>
      <label className="check">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> Show resolved
      </label>
      {shown.length === 0 && <p className="hint">{threads.length === 0 ? 'No comments yet. Use “Comment” under any part, or select words first to comment on them.' : 'No open comments.'}</p>}
      {shown.map((t) => (
        <ThreadView key={t.id} thread={t} partLabel={threadPartLabel(review.doc, t.part)} />
      ))}
    </aside>
  );
}
