import { useMemo } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { awaitingMyReview, countByStatus, iHaveToFix, oldestWaiting, STATUS_ORDER, waitedFor } from '../../shared/dashboard/dashboard';
import type { Person } from '../../shared/model/person';
import { useProfile } from '../review/ProfileContext';
import { formatDate, STATUS_WORDS } from '../sidebar/statusWords';
import './dashboard.css';

export interface DashboardViewProps {
  summaries: readonly ComparisonSummary[];
  people: readonly Person[];
  onOpen: (id: string) => void;
}

/** An editor's overview: articles by status, and what awaits whom. */
export function DashboardView({ summaries, people, onOpen }: DashboardViewProps) {
  // The profile switcher's profile: the lists follow a switch at once.
  const { profile, loaded } = useProfile();

  const counts = useMemo(() => countByStatus(summaries), [summaries]);
  const max = Math.max(1, ...Object.values(counts));
  const now = new Date();
  const nameOf = (id: string | null | undefined) => (id ? (people.find((p) => p.id === id)?.name ?? 'someone unknown') : 'nobody yet');
  const awaiting = awaitingMyReview(summaries, profile);
  const toFix = iHaveToFix(summaries, profile);
  const oldest = oldestWaiting(summaries, 10);

  return (
    <div className="dashboard">
      <header className="dashboard-header">
        <h1>Dashboard</h1>
        <p className="hint">
          {!loaded
            ? 'Loading your profile…'
            : profile
              ? `Working as ${profile.name ?? 'someone not in this workspace'} (${profile.role}).`
              : 'No profile chosen: pick your name and role under Profile in the top bar to see your own lists.'}
        </p>
      </header>

      <section className="dashboard-card" aria-labelledby="by-status-heading">
        <h2 id="by-status-heading">Articles by status</h2>
        <ul className="status-chart" aria-label="Articles by status">
          {STATUS_ORDER.map((status) => (
            <li key={status} className="status-bar-row">
              <span className="status-bar-label">{STATUS_WORDS[status]}</span>
              <span className="status-bar-track" aria-hidden="true">
                {counts[status] > 0 && <span className={`status-bar bar-${status}`} style={{ width: `${(counts[status] / max) * 100}%` }} />}
              </span>
              <span className="status-bar-count">{counts[status]}</span>
            </li>
          ))}
        </ul>
        <p className="hint">{summaries.length === 1 ? '1 article in all.' : `${summaries.length} articles in all.`}</p>
      </section>

      <div className="dashboard-lists">
        <ItemList
          id="awaiting"
          title="Awaiting my review"
          items={awaiting}
          empty={
            profile?.role === 'editor'
              ? 'Nothing awaits your review.'
              : 'Only editors review: switch your profile to an editor to see what awaits you.'
          }
          meta={(s) => `by ${nameOf(s.authorId)} · ${waitedFor(s.waitingSince, now)}`}
          onOpen={onOpen}
        />
        <ItemList
          id="to-fix"
          title="I have to fix"
          items={toFix}
          empty={profile ? 'Nothing of yours has changes requested.' : 'Choose your profile to see what you have to fix.'}
          meta={(s) => `changes requested · updated ${formatDate(s.updatedAt)}${s.openComments ? ` · ${s.openComments} open comment${s.openComments === 1 ? '' : 's'}` : ''}`}
          onOpen={onOpen}
        />
        <ItemList
          id="oldest"
          title="Oldest waiting"
          items={oldest}
          empty="Nothing is waiting for review."
          meta={(s) => `${waitedFor(s.waitingSince, now)} · editor ${nameOf(s.editorId)}`}
          onOpen={onOpen}
        />
      </div>
    </div>
  );
}

interface ItemListProps {
  id: string;
  title: string;
  items: readonly ComparisonSummary[];
  empty: string;
  meta: (s: ComparisonSummary) => string;
  onOpen: (id: string) => void;
}

function ItemList({ id, title, items, empty, meta, onOpen }: ItemListProps) {
  return (
    <section className="dashboard-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="dashboard-count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="dashboard-items" aria-label={title}>
          {items.map((s) => (
            <li key={s.id}>
              <button type="button" className="dashboard-item" onClick={() => onOpen(s.id)}>
                <span className="dashboard-item-title">{s.title}</span>
                <span className="dashboard-item-meta">{meta(s)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
