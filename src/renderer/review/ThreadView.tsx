import { useId, useState, type FormEvent } from 'react';
import type { CommentThread } from '../../shared/review/reviewModel';
import { formatDate } from '../sidebar/statusWords';
import { useEditorReview } from './EditorReview';

/** One comment thread: the quoted text, the messages, a reply box, resolve or reopen. */
export function ThreadView({ thread, partLabel }: { thread: CommentThread; partLabel: string | null }) {
  const review = useEditorReview();
  const [reply, setReply] = useState('');
  const replyId = useId();
  if (!review) return null;
  const { personName, busy, message } = review;
  const where = `thread:${thread.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await review.reply(thread.id, reply)) setReply('');
  };
  const first = thread.messages[0];
  return (
    <article className={`thread${thread.resolved ? ' is-resolved' : ''}`} aria-label={`Comment by ${personName(first.by)} on ${partLabel ?? 'a removed part'}`}>
      <header className="thread-head">
        <span className="thread-part">{partLabel ?? 'On a removed part'}</span>
        {thread.resolved && <span className="pill pill-approved">Resolved</span>}
      </header>
      {thread.anchor && <blockquote className="thread-quote">“{thread.anchor.quote}”</blockquote>}
      <ol className="thread-messages">
        {thread.messages.map((m) => (
          <li key={m.id}>
            <span className="thread-author">{personName(m.by)}</span> <span className="thread-date">{formatDate(m.at)}</span>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
      {message?.where === where && (
        <p className={message.kind === 'error' ? 'field-error' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="thread-actions">
        {!thread.resolved && (
          <form onSubmit={(e) => void submit(e)} className="thread-reply">
            <label htmlFor={replyId} className="visually-hidden">
              Reply
            </label>
            <textarea id={replyId} className="input" rows={1} placeholder="Reply…" value={reply} maxLength={5000} onChange={(e) => setReply(e.target.value)} />
            <button type="submit" className="button small" disabled={busy || reply.trim() === ''}>
              Reply
            </button>
          </form>
        )}
        <button type="button" className="button small subtle" disabled={busy} onClick={() => void review.resolve(thread.id, !thread.resolved)}>
          {thread.resolved ? 'Reopen' : 'Resolve'}
        </button>
        {partLabel && review.panelOpen && (
          <button type="button" className="button small subtle" onClick={() => review.focusPart(thread.part)}>
            Go to part
          </button>
        )}
      </div>
    </article>
  );
}
