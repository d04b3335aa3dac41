import { useMemo, useState, type RefObject } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { countByStatus, filterByStatus, type StatusFilter } from '../../shared/dashboard/dashboard';
import { VirtualComparisonList } from './VirtualComparisonList';
import { StatusFilterSelect } from './StatusFilterSelect';
import { STATUS_WORDS } from './statusWords';

export interface SidebarProps {
  query: string;
  onQuery: (query: string) => void;
  summaries: readonly ComparisonSummary[];
  selectedId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  filterRef: RefObject<HTMLInputElement | null>;
  loading: boolean;
  /** False while `summaries` is only the first page of the list: counts then say "loading". */
  complete?: boolean;
  error: string | null;
  /** The text filter is waiting for its answer: says "Searching…". */
  searching?: boolean;
  /** The whole list could not be loaded: the counts say so instead of "loading…". */
  failed?: boolean;
}

/** The workspace's comparisons: filter as you type, open one, or start a new one. */
export function Sidebar({ query, onQuery, summaries: matching, selectedId, onOpen, onNew, filterRef, loading, complete = true, error, searching = false, failed = false }: SidebarProps) {
  // The status filter narrows what the text filter matched.
  const [status, setStatus] = useState<StatusFilter>('all');
  const counts = useMemo(() => countByStatus(matching), [matching]);
  const summaries = useMemo(() => filterByStatus(matching, status), [matching, status]);
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
        <StatusFilterSelect value={status} onChange={setStatus} counts={complete ? counts : null} pending={failed ? 'not loaded' : 'loading…'} total={matching.length} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {searching && (
        <p className="hint sidebar-searching" role="status">
          Searching…
        </p>
      )}
      <VirtualComparisonList summaries={summaries} selectedId={selectedId} onOpen={onOpen} loading={loading || (!complete && !failed)} />
      {!complete && loading && matching.length > 0 && (
        <p className="hint sidebar-more" role="status">
          Loading the rest of the list…
        </p>
      )}
      {!loading && !searching && complete && summaries.length === 0 && (
        <p className="hint sidebar-empty">
          {status !== 'all' && matching.length > 0
            ? `No comparison${query ? ` matching “${query}”` : ''} is “${STATUS_WORDS[status]}”.`
            : query
              ? `No comparison matches “${query}”.`
              : 'No comparisons yet.'}
        </p>
      )}
    </nav>
  );
}
