import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CommentAnchor } from '../../shared/review/reviewModel';
import { PART_STATE_WORDS } from '../../shared/review/status';
import { formatDate } from '../sidebar/statusWords';
import { anchorFromSelection } from './anchors';
import { partDomId, useEditorReview } from './EditorReview';
import { ThreadView } from './ThreadView';

/**
 * One reviewable part: its fields, then a strip with its review state, comment count and the
 * review actions (editors approve or request changes; anyone comments, on a text selection too).
 */
export function PartFrame({ partKey, children }: { partKey: string; children: ReactNode }) {
  const review = useEditorReview();
  const frame = useRef<HTMLDivElement>(null);
  const [composer, setComposer] = useState<{ anchor: CommentAnchor | null } | null>(null);
  const [showThreads, setShowThreads] = useState(false);
  const pendingAnchor = useRef<CommentAnchor | null>(null);
  if (!review) return <>{children}</>;
  const part = review.view.parts.find((p) => p.key === partKey);
  const label = part?.label ?? 'This part';
  const state = part?.state ?? 'draft';
  const threads = review.threadsByPart.get(partKey) ?? [];
  const open = threads.filter((t) => t.resolved === null).length;
  const where = `part:${partKey}`;
  const message = review.message?.where === where ? review.message : null;
  const record = part?.record;

  // The selection is read before the button takes focus (a click would clear it in some cases).
  const captureSelection = () => {
    pendingAnchor.current = frame.current ? anchorFromSelection(frame.current, review.getDoc(), partKey) : null;
  };

  return (
    <div className={`part-frame part-${state}`} id={partDomId(partKey)} ref={frame} data-part-key={partKey}>
      {children}
      <div className="part-review" role="group" aria-label={`Review of ${label}`}>
        <span className={`part-state state-${state}`} title={record ? `${PART_STATE_WORDS[state]} · ${review.personName(record.by)} · ${formatDate(record.at)}` : undefined}>
          <span className="visually-hidden">{label}: </span>
          {PART_STATE_WORDS[state]}
          {record && state === 'approved' && <span className="part-by"> by {review.personName(record.by)}</span>}
        </span>
        {threads.length > 0 && (
          <button type="button" className="button small subtle" aria-expanded={showThreads} onClick={() => setShowThreads((v) => !v)}>
            {open} open comment{open === 1 ? '' : 's'}
            {threads.length > open ? ` (${threads.length - open} resolved)` : ''}
          </button>
        )}
        <span className="part-review-actions">
          <button
            type="button"
            className="button small subtle"
            aria-label={`Comment on ${label}`}
            onPointerDown={captureSelection}
            onClick={() => {
              if (!pendingAnchor.current) captureSelection();
              setComposer({ anchor: pendingAnchor.current });
              pendingAnchor.current = null;
            }}
          >
            Comment
          </button>
          {review.isEditor && (
            <>
              <button
                type="button"
                className="button small"
                aria-label={`Request changes on ${label}`}
                disabled={review.busy}
                onClick={() => void review.act(where, 'request_changes', { parts: [partKey] })}
              >
                Request changes
              </button>
              <button
                type="button"
                className="button small approve"
                aria-label={`Approve ${label}`}
                disabled={review.busy || state === 'approved'}
                onClick={() => void review.act(where, 'approve', { parts: [partKey] })}
              >
                Approve
              </button>
            </>
          )}
        </span>
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'field-error part-message' : 'hint part-message'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {composer && (
        <CommentComposer
          label={label}
          anchor={composer.anchor}
          onCancel={() => setComposer(null)}
          onSubmit={async (text) => {
            if (await review.comment(where, partKey, composer.anchor, text)) {
              setComposer(null);
              setShowThreads(true);
            }
          }}
        />
      )}
      {showThreads && threads.length > 0 && (
        <div className="part-threads">
          {threads.map((t) => (
            <ThreadView key={t.id} thread={t} partLabel={label} />
          ))}
        </div>
      )}
    </div>
  );
}

function CommentComposer(props: { label: string; anchor: CommentAnchor | null; onCancel: () => void; onSubmit: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit(text);
  };
  return (
    <form className="comment-composer" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <label htmlFor={id} className="field-label">
        {props.anchor ? `Comment on “${props.anchor.quote}”` : `Comment on ${props.label}`}
      </label>
      <textarea id={id} className="input" rows={2} autoFocus value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} />
      <div className="dialog-actions">
        <button type="button" className="button small" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button small primary" disabled={text.trim() === ''}>
          Add comment
        </button>
      </div>
    </form>
  );
}
