import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Notice } from '../shared/api/contract';
import type { Comparison } from '../shared/model/comparison';
import { call, errorText, onEvent } from './api/client';
import { TopBar, type View } from './app/TopBar';
import { UndoProvider } from './app/UndoToast';
import { useWorkspaceData } from './app/useWorkspaceData';
import { NoticesBanner } from './notices/NoticesBanner';
import type { PublishDialogKind } from './publish/PublishDialogs';
import { busyRefusal, type PublishWork } from './publish/busy';
import { ComparisonEditor, DashboardView, LoadingView, PeopleView, PublishDialogs, preloadEditor } from './app/lazyViews';
import { findRecovered, startArticle } from './save/journalReplay';
import { NewComparisonDialog } from './sidebar/NewComparisonDialog';
import { Sidebar } from './sidebar/Sidebar';
import { ProfileProvider } from './review/ProfileContext';
import { ProfileSwitcher } from './review/ProfileSwitcher';
import './review/review.css';
import './app.css';

type Flush = () => Promise<boolean>;

export function App() {
  const data = useWorkspaceData();
  const [view, setView] = useState<View>('comparisons');
  const [open, setOpen] = useState<{ doc: Comparison; nonce: number; recovered?: Comparison | null } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [publish, setPublish] = useState<PublishDialogKind | null>(null);
  /** The publish dialog at work that must not be replaced (an export running, an import being written). */
  const publishBusy = useRef<{ kind: PublishDialogKind; work: PublishWork } | null>(null);
  const [publishRefusal, setPublishRefusal] = useState<{ text: string; nonce: number } | null>(null);
  const [appError, setAppError] = useState<string | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const flushers = useRef(new Map<string, Flush>());
  const autoOpened = useRef(false);
  /**
   * Counts the opens the writer (or the app) started, a created article and a workspace change
   * included: an open whose answer comes after a newer one started is dropped, so a slow open
   * never replaces the article the writer went on to and typed in.
   */
  const openSeq = useRef(0);
  /** The writer opened or created an article in this workspace: the app's start-up open then stays out of the way. */
  const writerChose = useRef(false);
  const openRef = useRef(open);
  openRef.current = open;
  const viewRef = useRef(view);
  viewRef.current = view;
  /** The article the writer's latest open is for (set at once, before its answer). */
  const openingId = useRef<string | null>(null);
  /** Bumped on every workspace change: work started for the last workspace says nothing in this one. */
  const workspaceGen = useRef(0);
  // What the writer chose before the app opened an article by itself (while the list was loading).
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;

  const registerEditorFlush = useCallback((flush: Flush | null) => setFlusher(flushers.current, 'editor', flush), []);
  const registerPersonFlush = useCallback((flush: Flush | null) => setFlusher(flushers.current, 'person', flush), []);

  /** Saves whatever is pending; false (with the reason shown) when something could not be stored. */
  const flushAll = useCallback(async (): Promise<boolean> => {
    const results = await Promise.all([...flushers.current.values()].map((flush) => flush()));
    const ok = results.every(Boolean);
    setAppError(ok ? null : 'Some changes are not saved yet: see the save status, then try again.');
    return ok;
  }, []);

  const openComparison = useCallback(
    /**
     * `startup`: the app's own open at start-up, which leaves the view the writer is in. `reload`:
     * read it again even when it is the article open (an import rewrote it); otherwise choosing
     * the open article again keeps the editor as it is (its undo history, focus and unsaved typing).
     */
    async (id: string, { startup = false, reload = false }: { startup?: boolean; reload?: boolean } = {}) => {
      const seq = ++openSeq.current;
      if (!startup) writerChose.current = true;
      openingId.current = id;
      // The article on screen, chosen again: its editor stays as it is. (From the dashboard or
      // People the editor is not mounted: it is read again, after the flush, like any other.)
      if (!reload && openRef.current?.doc.id === id && viewRef.current === 'comparisons') {
        setSelectedId(id);
        return;
      }
      if (!(await flushAll()) || seq !== openSeq.current) return;
      if (!startup) setView('comparisons');
      setSelectedId(id);
      try {
        const doc = await call('comparisons.get', { id });
        // Edits a crash or quit left unsaved come back into the editor, with a notice.
        const found = await findRecovered(doc).catch(() => null);
        if (seq !== openSeq.current) return;
        if (found) live.current.data.addNotice(found.notice);
        setOpen({ doc, nonce: Date.now(), recovered: found?.doc ?? null });
        setAppError(null);
      } catch (error) {
        if (seq !== openSeq.current) return;
        setOpen(null);
        setAppError(errorText(error));
      }
    },
    [flushAll],
  );

  /** Opens the export or import dialog, unless the other one holds work (PublishWork): then it says why, in that one. */
  const requestPublish = useCallback((kind: PublishDialogKind) => {
    const busy = publishBusy.current;
    if (busy !== null && busy.kind !== kind) {
      const text = busyRefusal(busy.work);
      setPublishRefusal((last) => ({ text, nonce: (last?.nonce ?? 0) + 1 }));
      return;
    }
    setPublish(kind);
  }, []);

  const onPublishBusy = useCallback((kind: PublishDialogKind, work: PublishWork | null) => {
    const before = publishBusy.current;
    if (work !== null) publishBusy.current = { kind, work };
    else if (before?.kind === kind) publishBusy.current = null;
    else return;
    // A refusal said for other work (a plan, now being written; or work that ended) no longer holds.
    if (before?.work !== work) setPublishRefusal(null);
  }, []);

  /**
   * What the store holds now becomes the open article's copy: the editor, unmounted when the writer
   * goes to People or the Dashboard, comes back on it (not on the copy it was first opened with).
   */
  const onEditorSaved = useCallback((doc: Comparison) => {
    live.current.data.noteSaved(doc);
    setOpen((current) => (current && current.doc.id === doc.id ? { ...current, doc, recovered: null } : current));
  }, []);

  const switchView = useCallback(
    async (next: View) => {
      if (!(await flushAll())) return;
      setView(next);
    },
    [flushAll],
  );

  const createComparison = async (terms: string[]) => {
    if (!(await flushAll())) throw new Error('Save the open comparison first.');
    const doc = await call('comparisons.create', { terms });
    // The new article wins over any open still under way (the start-up's included), and over the
    // start-up open the list no longer being empty would start.
    const seq = ++openSeq.current;
    writerChose.current = true;
    setNewOpen(false);
    data.setQuery('');
    await data.reloadAll();
    // The writer chose another article while the list reloaded: theirs stays (the new one is listed).
    if (seq !== openSeq.current) return;
    setView('comparisons');
    setSelectedId(doc.id);
    setOpen({ doc, nonce: Date.now() });
  };

  // The app opens on something real, once: the article with unsaved edits left over, else the first.
  useEffect(() => {
    if (autoOpened.current || data.listLoading || data.allSummaries.length === 0) return;
    autoOpened.current = true;
    preloadEditor();
    const startSeq = openSeq.current;
    const gen = workspaceGen.current;
    void startArticle(data.allSummaries, selectedRef.current).then(({ id, notices, pickedNotice }) => {
      // Another workspace is open now: what this one left unsaved is not said there.
      if (gen !== workspaceGen.current) return;
      notices.forEach((notice) => live.current.data.addNotice(notice));
      // An article the writer opened or created (the first one of an empty workspace, say) stays,
      // with what they typed in it: reopening it here would replace it with the stored copy. Edits
      // left unsaved in the article this open would have shown are then announced like the others.
      if (writerChose.current || openSeq.current !== startSeq) {
        // (Not when the writer is opening that very article: its own open brings the edits back, and says so.)
        if (pickedNotice && openRef.current?.doc.id !== id && openingId.current !== id) live.current.data.addNotice(pickedNotice);
        return;
      }
      // The writer may have gone to People or the Dashboard meanwhile: the article opens behind it.
      return openComparison(id, { startup: true });
    });
  }, [data.listLoading, data.allSummaries, openComparison]);

  const live = useRef({ data, flushAll, openNew: () => setNewOpen(true) });
  live.current = { data, flushAll, openNew: () => setNewOpen(true) };
  const addNotice = useCallback((notice: Notice) => live.current.data.addNotice(notice), []);

  const focusFilter = useCallback(() => {
    setView('comparisons');
    requestAnimationFrame(() => filterRef.current?.focus());
  }, []);

  useEffect(() => {
    const offs = [
      onEvent('workspace.changed', (info) => {
        // An open of the last workspace's article still under way is dropped.
        ++openSeq.current;
        ++workspaceGen.current;
        openingId.current = null;
        writerChose.current = false;
        live.current.data.applyInfo(info);
        setOpen(null);
        setSelectedId(null);
        void live.current.data.reloadAll();
      }),
      onEvent('notice', (notice) => live.current.data.addNotice(notice)),
      // Another program changed files: the lists follow; the open editor handles its own article.
      onEvent('workspace.outsideChange', ({ changes }) => {
        void live.current.data.reloadAll();
        for (const change of changes.filter((c) => c.change === 'removed')) {
          live.current.data.addNotice({
            id: `outside-removed:${change.id}:${Date.now()}`,
            kind: 'warning',
            message: `${change.kind === 'comparison' ? `“${change.label}”` : change.label} was deleted outside Versus Desk.`,
          });
        }
      }),
      onEvent('app.flush', () => {
        void live.current.flushAll().finally(() => {
          call('app.flushed', {}).catch(() => undefined);
        });
      }),
      onEvent('menu.command', ({ command }) => {
        if (command === 'new-comparison') live.current.openNew();
        else if (command === 'show-people') void switchView('people');
        else if (command === 'show-dashboard') void switchView('dashboard');
        else if (command === 'show-comparisons') void switchView('comparisons');
        else if (command === 'export' || command === 'import') requestPublish(command);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [switchView, requestPublish]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        setNewOpen(true);
      } else if (key === 'f') {
        event.preventDefault();
        focusFilter();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [focusFilter]);

  const chooseWorkspace = async (mode: 'open' | 'create') => {
    if (!(await flushAll())) return;
    try {
      const info = await call('workspace.choose', { mode });
      if (info && info.path === data.info?.path) {
        // The workspace already open (main switched nothing): the article, its editor and the
        // notices stay as they are; only say so.
        data.addNotice({ id: `workspace-already-open:${Date.now()}`, kind: 'info', message: `“${info.name}” is already open.` });
      } else if (info) {
        data.applyInfo(info);
        setOpen(null);
        setSelectedId(null);
        await data.reloadAll();
      }
    } catch (error) {
      setAppError(errorText(error));
    }
  };

  return (
    <UndoProvider>
      <ProfileProvider workspaceName={data.info?.name ?? 'Versus Desk'}>
      <div className="app">
        <TopBar
          workspaceName={data.info?.name ?? 'Versus Desk'}
          workspacePath={data.info?.path ?? ''}
          view={view}
          onView={(next) => void switchView(next)}
          onChooseWorkspace={(mode) => void chooseWorkspace(mode)}
          onPublish={requestPublish}
          profile={<ProfileSwitcher people={data.people} />}
        />
        <NoticesBanner notices={data.notices} onDismiss={data.dismissNotice} />
        {(appError ?? data.loadError) && (
          <div className="alert app-alert" role="alert">
            {appError ?? data.loadError}
            {!appError && data.loadError && (
              <button type="button" className="button" onClick={() => void data.reloadAll()} disabled={data.listLoading}>
                Try again
              </button>
            )}
          </div>
        )}
        <div className="workspace">
          <Sidebar
            query={data.query}
            onQuery={data.setQuery}
            summaries={data.summaries}
            selectedId={view === 'comparisons' ? selectedId : null}
            onOpen={(id) => void openComparison(id)}
            onNew={() => setNewOpen(true)}
            filterRef={filterRef}
            loading={data.listLoading}
            complete={data.summariesComplete}
            error={data.listError}
            searching={data.searching}
            failed={data.loadError !== null && !data.listComplete}
          />
          <main className="main">
            <Suspense fallback={<LoadingView what={view === 'people' ? 'people' : view === 'dashboard' ? 'the dashboard' : 'the editor'} />}>
            {view !== 'people' && !data.listComplete && !data.loadError ? (
              // The dashboard and the editor's related picks and checks need every article, not the startup page.
              <LoadingView what="the list of articles" />
            ) : view === 'people' ? (
              <PeopleView people={data.people} onChanged={data.reloadPeople} registerFlush={registerPersonFlush} />
            ) : view === 'dashboard' ? (
              <DashboardView summaries={data.allSummaries} people={data.people} onOpen={(id) => void openComparison(id)} />
            ) : open ? (
              <ComparisonEditor
                key={`${open.doc.id}:${open.nonce}`}
                initial={open.doc}
                summaries={data.allSummaries}
                people={data.people}
                onSaved={onEditorSaved}
                registerFlush={registerEditorFlush}
                recovered={open.recovered}
                onNotice={addNotice}
                onSavedAsNew={(saved) => {
                  void (async () => {
                    const seq = ++openSeq.current;
                    await data.reloadAll();
                    if (seq !== openSeq.current) return;
                    setSelectedId(saved.id);
                    setOpen({ doc: saved, nonce: Date.now() });
                    addNotice({ id: `saved-as-new:${saved.id}`, kind: 'info', message: `Your edits were saved as a new article, “${saved.title}”.` });
                  })();
                }}
                onRemovedOutside={(dirty) => {
                  if (dirty) {
                    addNotice({
                      id: `outside-removed-open:${open.doc.id}:${Date.now()}`,
                      kind: 'warning',
                      message: 'The open article was deleted outside Versus Desk. Your unsaved edits stay on screen and in the unsaved-edits journal: save them as a new article.',
                    });
                  } else {
                    setOpen(null);
                    setSelectedId(null);
                  }
                }}
              />
            ) : (
              <div className="empty-state">
                <h1>No comparison open</h1>
                <p>Choose one from the list, or start a new one.</p>
                <button type="button" className="button primary" onClick={() => setNewOpen(true)}>
                  Start a new comparison
                </button>
              </div>
            )}
            </Suspense>
          </main>
        </div>
        {newOpen && <NewComparisonDialog onCreate={createComparison} onCancel={() => setNewOpen(false)} />}
        {publish && data.listComplete && (
          <Suspense fallback={null}>
          <PublishDialogs
            kind={publish}
            summaries={data.allSummaries}
            flushAll={flushAll}
            onImported={async (ids) => {
              await data.reloadAll();
              // The open article was rewritten by the import: show the stored version.
              if (open && ids.includes(open.doc.id)) await openComparison(open.doc.id, { reload: true });
            }}
            onClose={() => setPublish(null)}
            onBusyChange={onPublishBusy}
            refusal={publishRefusal}
          />
          </Suspense>
        )}
      </div>
      </ProfileProvider>
    </UndoProvider>
  );
}

function setFlusher(map: Map<string, Flush>, slot: string, flush: Flush | null): void {
  if (flush) map.set(slot, flush);
  else map.delete(slot);
}
