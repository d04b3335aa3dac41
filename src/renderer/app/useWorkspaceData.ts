import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComparisonSummary, Notice, WorkspaceInfo } from '../../shared/api/contract';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { call, errorText } from '../api/client';
import { loadReviewSummary } from './lazyViews';
import { FIRST_PAGE, takeStartupCalls } from './startupCalls';

export interface WorkspaceData {
  info: WorkspaceInfo | null;
  loadError: string | null;
  notices: Notice[];
  addNotice: (notice: Notice) => void;
  dismissNotice: (id: string) => void;
  /**
   * Every comparison (for related picks, the dashboard, export): empty until the whole list is in
   * (`listComplete`), never a part of it. `summaries` is the filtered list the sidebar shows.
   */
  allSummaries: ComparisonSummary[];
  summaries: ComparisonSummary[];
  /** Whether `allSummaries` holds the whole list (at startup the sidebar first shows a page of it). */
  listComplete: boolean;
  /** Whether `summaries` is all of what it lists (false while it is the startup page, or nothing yet). */
  summariesComplete: boolean;
  listLoading: boolean;
  listError: string | null;
  /** A text filter is waiting for main's answer (the word index may still be filling). */
  searching: boolean;
  query: string;
  setQuery: (query: string) => void;
  people: Person[];
  reloadAll: () => Promise<void>;
  reloadPeople: () => Promise<void>;
  /** Applies a new workspace (after switching folders). */
  applyInfo: (info: WorkspaceInfo) => void;
  /** Shows a stored save in the lists without asking the store again. */
  noteSaved: (doc: Comparison) => void;
}

/** How long a search may take before the sidebar says "Searching…". */
const SEARCHING_AFTER_MS = 150;

/** The workspace's lists and notices, kept fresh through the API. */
export function useWorkspaceData(): WorkspaceData {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [allSummaries, setAllSummaries] = useState<ComparisonSummary[]>([]);
  const [listComplete, setListComplete] = useState(false);
  // The first rows of a long list, shown while the whole list crosses over (startup only).
  const [firstPage, setFirstPage] = useState<ComparisonSummary[] | null>(null);
  const [filtered, setFiltered] = useState<ComparisonSummary[] | null>(null);
  const [listLoading, setListLoading] = useState(true);
  const [listError, setListError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [query, setQueryState] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const queryRef = useRef('');
  const filterSeq = useRef(0);
  // A dismissed notice stays dismissed when the workspace info is read again.
  const dismissed = useRef(new Set<string>());

  const runFilter = useCallback(async (q: string) => {
    const seq = ++filterSeq.current;
    if (q.trim() === '') {
      setFiltered(null);
      setSearching(false);
      return;
    }
    // Said only when an answer is slow (the word index still filling after opening a large
    // workspace), so quick answers while typing do not make the list jump.
    const slow = setTimeout(() => {
      if (seq === filterSeq.current) setSearching(true);
    }, SEARCHING_AFTER_MS);
    try {
      const found = await call('comparisons.list', { query: q });
      if (seq === filterSeq.current) setFiltered(found);
    } catch (error) {
      if (seq === filterSeq.current) setListError(errorText(error));
    } finally {
      clearTimeout(slow);
      if (seq === filterSeq.current) setSearching(false);
    }
  }, []);

  const reloadPeople = useCallback(async () => {
    try {
      setPeople(await call('people.list', {}));
    } catch (error) {
      setListError(errorText(error));
    }
  }, []);

  const reloadAll = useCallback(async () => {
    setListLoading(true);
    try {
      // The first load takes the calls boot.ts started before React rendered: a first page of the
      // list, shown at once; a full page means there may be more, asked for once it is on screen.
      const startup = takeStartupCalls();
      const [workspace, list] = await (startup ?? Promise.all([call('workspace.info', {}), call('comparisons.list', {})]));
      setInfo(workspace);
      setNotices((current) => mergeNotices(current, workspace.notices, dismissed.current));
      setListError(null);
      setLoadError(null);
      if (startup && list.length >= FIRST_PAGE) {
        setFirstPage(list);
        await afterPaint();
        const full = await call('comparisons.list', {});
        setAllSummaries(full);
      } else {
        setAllSummaries(list);
      }
      setFirstPage(null);
      setListComplete(true);
      await runFilter(queryRef.current);
    } catch (error) {
      setLoadError(errorText(error));
    } finally {
      setListLoading(false);
    }
    await reloadPeople();
  }, [reloadPeople, runFilter]);

  useEffect(() => {
    void reloadAll();
  }, [reloadAll]);

  const setQuery = useCallback(
    (q: string) => {
      queryRef.current = q;
      setQueryState(q);
      void runFilter(q);
    },
    [runFilter],
  );

  const applyInfo = useCallback((next: WorkspaceInfo) => {
    setInfo(next);
    dismissed.current.clear();
    setNotices(next.notices);
  }, []);

  const noteSaved = useCallback((doc: Comparison) => {
    void loadReviewSummary().then((reviewSummaryOf) => {
      const update = (list: ComparisonSummary[]) =>
        list.map((s) =>
          s.id === doc.id
            ? { ...s, title: doc.title, slug: doc.slug, terms: doc.terms.map((t) => t.name), updatedAt: doc.updatedAt, revision: doc.revision, ...reviewSummaryOf(doc) }
            : s,
        );
      setAllSummaries(update);
      setFirstPage((current) => (current ? update(current) : current));
      setFiltered((current) => (current ? update(current) : current));
    });
  }, []);

  const addNotice = useCallback((notice: Notice) => setNotices((current) => mergeNotices(current, [notice], dismissed.current)), []);
  const dismissNotice = useCallback((id: string) => {
    dismissed.current.add(id);
    setNotices((current) => current.filter((n) => n.id !== id));
  }, []);

  return {
    info,
    loadError,
    notices,
    addNotice,
    dismissNotice,
    allSummaries,
    summaries: filtered ?? (listComplete ? allSummaries : (firstPage ?? [])),
    listComplete,
    summariesComplete: filtered !== null || listComplete,
    listLoading,
    listError,
    searching,
    query,
    setQuery,
    people,
    reloadAll,
    reloadPeople,
    applyInfo,
    noteSaved,
  };
}

/**
 * Resolves after the next frame has been painted (the first page is on screen before the rest is
 * asked for), or after 100 ms in a hidden window, where frames never come.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

function mergeNotices(current: Notice[], incoming: readonly Notice[], dismissed: ReadonlySet<string>): Notice[] {
  const known = new Set(current.map((n) => n.id));
  return [...current, ...incoming.filter((n) => !known.has(n.id) && !dismissed.has(n.id))];
}
