import type { RefObject } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { ComparisonListItem } from './ComparisonListItem';

export interface SidebarProps {
  query: string;
  onQuery: (query: string) => void;
  summaries: readonly ComparisonSummary[];
  selectedId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  filterRef: RefObject<HTMLInputElement | null>;
  loading: boolean;
  error: string | null;
}

/** The workspace's comparisons: filter as you type, open one, or start a new one. */
export function Sidebar({ query, onQuery, summaries, selectedId, onOpen, onNew, filterRef, loading, error }: SidebarProps) {
  return (
    <nav aria-label="Comparisons" className="sidebar">
      <div className="sidebar-tools">
        <input
          ref={filterRef}
          type="search"
          className="input"
          aria-label="Filter comparisons"
          placeholder="Filter comparisons (Ctrl+F)"
          value={query}
          onChange={(event) => onQuery(event.target.value)}
        />
        <button type="button" className="button primary" onClick={onNew} title="New comparison (Ctrl+N)">
          New comparison
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul role="list" aria-label="Comparisons" className="comparison-list" aria-busy={loading}>
        {summaries.map((summary) => (
          <ComparisonListItem key={summary.id} summary={summary} selected={summary.id === selectedId} onOpen={onOpen} />
        ))}
      </ul>
      {!loading && summaries.length === 0 && (
        <p className="hint sidebar-empty">{query ? `No comparison matches “${query}”.` : 'No comparisons yet.'}</p>
      )}
    </nav>
  );
}
