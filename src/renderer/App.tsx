import { useCallback, useEffect, useRef, useState } from 'react';
import type { Comparison } from '../shared/model/comparison';
import { call, errorText, onEvent } from './api/client';
import { TopBar, type View } from './app/TopBar';
import { UndoProvider } from './app/UndoToast';
import { useWorkspaceData } from './app/useWorkspaceData';
import { ComparisonEditor } from './comparison/ComparisonEditor';
import { NoticesBanner } from './notices/NoticesBanner';
import { PeopleView } from './people/PeopleView';
import { NewComparisonDialog } from './sidebar/NewComparisonDialog';
import { Sidebar } from './sidebar/Sidebar';
import './app.css';

type Flush = () => Promise<boolean>;

export function App() {
  const data = useWorkspaceData();
  const [view, setView] = useState<View>('comparisons');
  const [open, setOpen] = useState<{ doc: Comparison; nonce: number } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [appError, setAppError] = useState<string | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const flushers = useRef(new Map<string, Flush>());
  const autoOpened = useRef(false);

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
    async (id: string) => {
      if (!(await flushAll())) return;
      setView('comparisons');
      setSelectedId(id);
      try {
        const doc = await call('comparisons.get', { id });
        setOpen({ doc, nonce: Date.now() });
        setAppError(null);
      } catch (error) {
        setOpen(null);
        setAppError(errorText(error));
      }
    },
    [flushAll],
  );

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
    setNewOpen(false);
    data.setQuery('');
    await data.reloadAll();
    setView('comparisons');
    setSelectedId(doc.id);
    setOpen({ doc, nonce: Date.now() });
  };

  // The app opens on something real: the first comparison, once.
  useEffect(() => {
    if (autoOpened.current || data.listLoading || data.allSummaries.length === 0) return;
    autoOpened.current = true;
    void openComparison(data.allSummaries[0].id);
  }, [data.listLoading, data.allSummaries, openComparison]);

  const live = useRef({ data, flushAll, openNew: () => setNewOpen(true) });
  live.current = { data, flushAll, openNew: () => setNewOpen(true) };

  const focusFilter = useCallback(() => {
    setView('comparisons');
    requestAnimationFrame(() => filterRef.current?.focus());
  }, []);

  useEffect(() => {
    const offs = [
      onEvent('workspace.changed', (info) => {
        live.current.data.applyInfo(info);
        setOpen(null);
        setSelectedId(null);
        void live.current.data.reloadAll();
      }),
      onEvent('notice', (notice) => live.current.data.addNotice(notice)),
      onEvent('app.flush', () => {
        void live.current.flushAll().finally(() => {
          call('app.flushed', {}).catch(() => undefined);
        });
      }),
      onEvent('menu.command', ({ command }) => {
        if (command === 'new-comparison') live.current.openNew();
        else if (command === 'show-people') void switchView('people');
        else if (command === 'show-comparisons') void switchView('comparisons');
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [switchView]);

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
      if (info) {
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
      <div className="app">
        <TopBar
          workspaceName={data.info?.name ?? 'Versus Desk'}
          workspacePath={data.info?.path ?? ''}
          view={view}
          onView={(next) => void switchView(next)}
          onChooseWorkspace={(mode) => void chooseWorkspace(mode)}
        />
        <NoticesBanner notices={data.notices} onDismiss={data.dismissNotice} />
        {(appError ?? data.loadError) && (
          <div className="alert app-alert" role="alert">
            {appError ?? data.loadError}
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
            error={data.listError}
          />
          <main className="main">
            {view === 'people' ? (
              <PeopleView people={data.people} onChanged={data.reloadPeople} registerFlush={registerPersonFlush} />
            ) : open ? (
              <ComparisonEditor
                key={`${open.doc.id}:${open.nonce}`}
                initial={open.doc}
                summaries={data.allSummaries}
                people={data.people}
                onSaved={data.noteSaved}
                registerFlush={registerEditorFlush}
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
          </main>
        </div>
        {newOpen && <NewComparisonDialog onCreate={createComparison} onCancel={() => setNewOpen(false)} />}
      </div>
    </UndoProvider>
  );
}

function setFlusher(map: Map<string, Flush>, slot: string, flush: Flush | null): void {
  if (flush) map.set(slot, flush);
  else map.delete(slot);
}
