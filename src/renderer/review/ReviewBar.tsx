import { SECTIONS } from '../../shared/review/parts';
import { formatDate, STATUS_WORDS } from '../sidebar/statusWords';
import { useEditorReview } from './EditorReview';

/** Under the editor's title: the derived status, the sign-off (or why it no longer holds) and the article-wide actions. */
export function ReviewBar() {
  const review = useEditorReview();
  if (!review) return null;
  const { view, isEditor, busy, profile } = review;
  const where = 'bar';
  const message = review.message?.where === where ? review.message : null;
  const counts = { approved: 0, open: 0 };
  for (const p of view.parts) counts[p.state === 'approved' ? 'approved' : 'open']++;
  const signOff = view.signOff;
  // Something new or changed that no editor has been asked to look at yet.
  const submittable = view.parts.some((p) => p.state === 'draft' || p.state === 'changed' || p.state === 'changes_requested');
  return (
    <div className="review-bar" role="region" aria-label="Review">
      <span className={`pill pill-${view.status}`} aria-label={`Status: ${STATUS_WORDS[view.status]}`}>
        {STATUS_WORDS[view.status]}
      </span>
      <span className="review-progress">
        {counts.approved} of {view.parts.length} parts approved
      </span>
      {signOff?.valid && (
        <span className="sign-off ok">
          Signed off by {review.personName(signOff.by)} on {formatDate(signOff.at)}
        </span>
      )}
      {signOff && !signOff.valid && (
        <span className="sign-off void" role="note">
          Sign-off voided: the article changed after {review.personName(signOff.by)} signed it off on {formatDate(signOff.at)}.
        </span>
      )}
      <span className="review-bar-actions">
        <button type="button" className="button small" aria-pressed={review.panelOpen} onClick={() => review.setPanelOpen(!review.panelOpen)}>
          Comments ({review.openThreads} open)
        </button>
        {submittable && (
          <button type="button" className="button small" disabled={busy || !profile} title={profile ? undefined : 'Choose your profile first'} onClick={() => void review.act(where, 'submit')}>
            {view.parts.some((p) => p.record) ? 'Resubmit for review' : 'Submit for review'}
          </button>
        )}
        {isEditor && view.status !== 'signed_off' && counts.open > 0 && (
          <button type="button" className="button small" disabled={busy} onClick={() => void review.act(where, 'approve', { sections: [...SECTIONS] })}>
            Approve all parts
          </button>
        )}
        {isEditor && (
          <button
            type="button"
            className="button small primary"
            disabled={busy || view.status === 'signed_off'}
            onClick={() => void review.act(where, 'sign_off')}
          >
            Sign off
          </button>
        )}
      </span>
      {!profile && <span className="hint">Choose your profile (top right) to submit or review.</span>}
      {message && (
        <p className={message.kind === 'error' ? 'field-error review-message' : 'hint review-message'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
