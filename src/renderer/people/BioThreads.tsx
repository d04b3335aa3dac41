import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Person } from '../../shared/model/person';
import { COMMENT_MAX, type CommentThread } from '../../shared/review/reviewModel';
import { readReview } from '../../shared/review/status';
import { errorText } from '../api/client';
import { useProfile } from '../review/ProfileContext';
import { formatDate } from '../sidebar/statusWords';
import '../review/review.css';

/** A comment action on the stored person; resolves once the form has taken the saved person. */
export type BioCommentAction =
  | { action: 'add'; text: string }
  | { action: 'reply'; thread: string; text: string }
  | { action: 'resolve'; thread: string; resolved: boolean };

export interface BioThreadsProps {
  person: Person;
  people: readonly Person[];
  /** Runs one comment action; throws the service's refusal. */
  onComment: (act: BioCommentAction) => Promise<void>;
}

/** Ctrl+Enter (Cmd+Enter) in a comment box sends it; Enter alone is a new line. */
function onCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>, send: () => void): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    send();
  }
}

/** Where a message belongs: the composer (`new`) or one thread (its id). */
type Message = { where: string; kind: 'error' | 'ok'; text: string } | null;

/** The comment threads on a person's bio (open ones first), a composer, reply, resolve and reopen. */
export function BioThreads({ person, people, onComment }: BioThreadsProps) {
  const { profile } = useProfile();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [draft, setDraft] = useState('');
  const composerId = useId();

  const threads = readReview(person.review).comments.filter((t) => t.part === 'bio');
  const ordered = [...threads.filter((t) => !t.resolved), ...threads.filter((t) => t.resolved)];
  const open = threads.length - threads.filter((t) => t.resolved).length;
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? 'Someone not in this workspace';

  const run = async (where: string, act: BioCommentAction, done: string): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      await onComment(act);
      setMessage({ where, kind: 'ok', text: done });
      return true;
    } catch (caught) {
      setMessage({ where, kind: 'error', text: errorText(caught) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    if (draft.trim() === '') return;
    if (await run('new', { action: 'add', text: draft }, 'Comment added.')) setDraft('');
  };

  const note = (where: string) =>
    message?.where === where && (
      <p className={message.kind === 'error' ? 'field-error' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'}>
        {message.text}
      </p>
    );

  return (
    <section className="bio-review bio-threads" aria-labelledby="bio-threads-heading">
      <h3 id="bio-threads-heading">
        Comments on the bio{' '}
        <span className="hint">{threads.length === 0 ? '(none yet)' : `(${open} open, ${threads.length - open} resolved)`}</span>
      </h3>
      {ordered.length > 0 && (
        <div className="part-threads">
          {ordered.map((t) => (
            <BioThread key={t.id} thread={t} nameOf={nameOf} busy={busy} note={note(t.id)} run={run} />
          ))}
        </div>
      )}
      {profile ? (
        // Not a <form>: this sits inside the person form, and forms cannot nest.
        <div className="thread-reply" role="group" aria-label="New comment">
          <label htmlFor={composerId} className="visually-hidden">
            New comment on the bio
          </label>
          <textarea
            id={composerId}
            className="input"
            rows={2}
            placeholder="Comment on the bio…"
            value={draft}
            maxLength={COMMENT_MAX}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => onCtrlEnter(e, () => void add())}
          />
          <button type="button" className="button small" disabled={busy || draft.trim() === ''} onClick={() => void add()}>
            Comment on bio
          </button>
        </div>
      ) : (
        <p className="hint">Choose your profile in the top bar to comment on the bio.</p>
      )}
      {note('new')}
    </section>
  );
}

interface BioThreadProps {
  thread: CommentThread;
  nameOf: (id: string) => string;
  busy: boolean;
  note: ReactNode;
  run: (where: string, act: BioCommentAction, done: string) => Promise<boolean>;
}

function BioThread({ thread, nameOf, busy, note, run }: BioThreadProps) {
  const [reply, setReply] = useState('');
  const replyId = useId();
  const first = thread.messages[0]!;
  const submit = async () => {
    if (reply.trim() === '') return;
    if (await run(thread.id, { action: 'reply', thread: thread.id, text: reply }, 'Reply added.')) setReply('');
  };
  return (
    <article className={`thread${thread.resolved ? ' is-resolved' : ''}`} aria-label={`Comment by ${nameOf(first.by)} on the bio`}>
      <header className="thread-head">
        <span className="thread-part">Bio</span>
        {thread.resolved && (
          <span className="pill pill-approved">
            Resolved by {nameOf(thread.resolved.by)}, {formatDate(thread.resolved.at)}
          </span>
        )}
      </header>
      <ol className="thread-messages">
        {thread.messages.map((m) => (
          <li key={m.id}>
            <span className="thread-author">{nameOf(m.by)}</span> <span className="thread-date">{formatDate(m.at)}</span>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
      {note}
      <div className="thread-actions">
        {!thread.resolved && (
          <div className="thread-reply" role="group" aria-label="Reply to this comment">
            <label htmlFor={replyId} className="visually-hidden">
              Reply
            </label>
            <textarea id={replyId} className="input" rows={1} placeholder="Reply…" value={reply} maxLength={COMMENT_MAX} onChange={(e) => setReply(e.target.value)} onKeyDown={(e) => onCtrlEnter(e, () => void submit())} />
            <button type="button" className="button small" disabled={busy || reply.trim() === ''} onClick={() => void submit()}>
              Reply
            </button>
          </div>
        )}
        <button
          type="button"
          className="button small subtle"
          disabled={busy}
          onClick={() => void run(thread.id, { action: 'resolve', thread: thread.id, resolved: !thread.resolved }, thread.resolved ? 'Reopened.' : 'Resolved.')}
        >
          {thread.resolved ? 'Reopen' : 'Resolve'}
        </button>
      </div>
    </article>
  );
}
