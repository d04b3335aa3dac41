import { SECTION_LABELS, type Section } from '../../shared/review/parts';
import { useEditorReview } from './EditorReview';

/** Beside a section heading: how many of its parts are approved, and (editors) act on all at once. */
export function SectionReview({ section }: { section: Section }) {
  const review = useEditorReview();
  if (!review) return null;
  const parts = review.view.parts.filter((p) => p.section === section);
  if (parts.length === 0) return null;
  const approved = parts.filter((p) => p.state === 'approved').length;
  const where = `section:${section}`;
  const message = review.message?.where === where ? review.message : null;
  const name = SECTION_LABELS[section];
  return (
    <div className="section-review">
      <span className="section-review-count">
        {approved} of {parts.length} approved
      </span>
      {review.isEditor && parts.length > 1 && (
        <>
          <button type="button" className="button small subtle" disabled={review.busy} onClick={() => void review.act(where, 'request_changes', { sections: [section] })}>
            Request changes on all {name.toLowerCase()}
          </button>
          <button type="button" className="button small subtle" disabled={review.busy || approved === parts.length} onClick={() => void review.act(where, 'approve', { sections: [section] })}>
            Approve all {name.toLowerCase()}
          </button>
        </>
      )}
      {message && (
        <span className={message.kind === 'error' ? 'field-error' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
