import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ComparisonSummary, Notice } from '../../shared/api/contract';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import type { RichDoc } from '../../shared/model/richText';
import { call, errorText } from '../api/client';
import { RichTextField } from '../richText/RichTextField';
import { SaveStatusView } from '../save/SaveStatusView';
import { useAutosave } from '../save/useAutosave';
import { BylineSection } from './BylineSection';
import { ChartSection } from './ChartSection';
import { editorReducer, initialEditorState, localProblem } from './comparisonReducer';
import { comparisonToText } from './comparisonToText';
import { ConflictDialog } from './ConflictDialog';
import { DefinitionsSection } from './DefinitionsSection';
import { DiscardedCopy } from './DiscardedCopy';
import { FaqsSection } from './FaqsSection';
import { fieldError } from './fieldError';
import { HeaderFields } from './HeaderFields';
import { KeyDifferencesSection } from './KeyDifferencesSection';
import { RelatedSection } from './RelatedSection';
import { TermsSection } from './TermsSection';
import { PreviewDialog } from '../publish/PreviewDialog';
import { HistoryDialog } from '../history/HistoryPanel';
import { OutsideMergeDialog } from '../outside/OutsideMergeDialog';
import { RemovedOutsideBar } from '../outside/RemovedOutsideBar';
import { useOutsideChange } from '../outside/useOutsideChange';
import { useJournal } from '../save/useJournal';
import { ChecklistPanel } from '../review/checklist/ChecklistPanel';
import { EditorReviewProvider } from '../review/EditorReview';
import { PartFrame } from '../review/PartFrame';
import { ReviewBar } from '../review/ReviewBar';
import { ReviewPanel } from '../review/ReviewPanel';

export interface ComparisonEditorProps {
  initial: Comparison;
  summaries: readonly ComparisonSummary[];
  people: readonly Person[];
  /** Told about every stored save, so the sidebar shows the new title and date. */
  onSaved: (doc: Comparison) => void;
  /** Gives the app this editor's flush (save pending edits now), or null when it goes away. */
  registerFlush: (flush: (() => Promise<boolean>) | null) => void;
  /** Unsaved edits recovered from the hot-exit journal: the editor opens on them (based on their revision) and saves them. */
  recovered?: Comparison | null;
  /** Shows a notice above the app (outside changes). */
  onNotice?: (notice: Notice) => void;
  /** The article was deleted by another program; `dirty` when unsaved edits are on screen. */
  onRemovedOutside?: (dirty: boolean) => void;
  /** The edits of an article deleted outside were stored as this new article: open it. */
  onSavedAsNew?: (saved: Comparison) => void;
}

/** The whole comparison, autosaved: local state updates on every keystroke, the store within a second. */
export function ComparisonEditor({ initial, summaries, people, onSaved, registerFlush, recovered, onNotice, onRemovedOutside, onSavedAsNew }: ComparisonEditorProps) {
  // Recovered edits start out unsaved, so autosave stores them (or meets the conflict dialog when stale).
  const [state, dispatch] = useReducer(editorReducer, initial, (stored) =>
    recovered ? { doc: recovered, version: 1, savedVersion: 0 } : initialEditorState(stored),
  );
  const [discarded, setDiscarded] = useState<{ text: string; whose: 'mine' | 'theirs' } | null>(null);
  const [conflictError, setConflictError] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  /** Deleted outside with edits unsaved: saving goes to a new article (`removed.busy` while it does). */
  const [removed, setRemoved] = useState<{ busy: boolean; error: { text: string; doc: Comparison } | null } | null>(null);
  const { doc } = state;
  const live = useRef({ state, onSaved });
  live.current = { state, onSaved };

  const save = useCallback(async () => {
    const { doc: sent, version: sentVersion } = live.current.state;
    const saved = await call('comparisons.save', { comparison: sent, baseRevision: sent.revision });
    dispatch({ type: 'saved', sent, sentVersion, saved });
    live.current.onSaved(saved);
  }, []);

  const dirty = state.version !== state.savedVersion;
  const retryRef = useRef<() => void>(() => undefined);
  const outside = useOutsideChange({
    doc,
    dirty,
    stored: initial,
    onReload: (theirs) => {
      dispatch({ type: 'load', doc: theirs });
      live.current.onSaved(theirs);
    },
    onMerged: (merged, lost) => {
      dispatch({ type: 'replace', doc: merged });
      if (lost) setDiscarded(lost);
      retryRef.current();
    },
    onRemoved: (unsaved) => {
      if (unsaved) setRemoved({ busy: false, error: null });
      onRemovedOutside?.(unsaved);
    },
    onMessage: (message, kind) => onNotice?.({ id: `outside:${doc.id}:${Date.now()}`, kind, message }),
  });

  const problem = useMemo(
    () =>
      removed
        ? 'This article was deleted outside Versus Desk: save your edits as a new article.'
        : outside.offer
          ? 'Not saved yet: choose how to merge the changes made outside Versus Desk.'
          : localProblem(doc),
    [doc, outside.offer, removed],
  );
  const autosave = useAutosave({ version: state.version, savedVersion: state.savedVersion, problem, save });
  const { flush, retry, status } = autosave;
  retryRef.current = retry;
  // Hot exit: unsaved edits also go to a journal shortly after each pause, before autosave's delay.
  const { writeNow: writeJournal } = useJournal({ doc, dirty });

  useEffect(() => {
    registerFlush(async () => {
      await writeJournal();
      return flush();
    });
    return () => registerFlush(null);
  }, [flush, registerFlush, writeJournal]);

  // Closing the window or reloading the page: send what is pending (the app's quit path waits properly).
  useEffect(() => {
    const onBeforeUnload = () => {
      void writeJournal();
      void flush();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [flush, writeJournal]);

  const keepMine = async () => {
    try {
      const current = await call('comparisons.get', { id: doc.id });
      // Their copy is about to be overwritten: keep it on screen so nothing goes unseen.
      setDiscarded({ text: comparisonToText(current), whose: 'theirs' });
      dispatch({ type: 'rebase', revision: current.revision, updatedAt: current.updatedAt });
      setConflictError(null);
      retry();
    } catch (error) {
      setConflictError(errorText(error));
    }
  };

  const reloadTheirs = async () => {
    try {
      const current = await call('comparisons.get', { id: doc.id });
      setDiscarded({ text: comparisonToText(live.current.state.doc), whose: 'mine' });
      dispatch({ type: 'load', doc: current });
      setConflictError(null);
      retry();
      live.current.onSaved(current);
    } catch (error) {
      setConflictError(errorText(error));
    }
  };

  const saveAsNew = async () => {
    const { doc: sent, version: sentVersion } = live.current.state;
    const blocker = localProblem(sent);
    if (blocker) {
      setRemoved({ busy: false, error: { text: `Fix this first: ${blocker}.`, doc: sent } });
      return;
    }
    setRemoved({ busy: true, error: null });
    try {
      const saved = await saveCopyAsNew(sent);
      // The deleted article's journal goes with its edits now stored; the app opens the new one.
      dispatch({ type: 'keptElsewhere', version: sentVersion });
      setRemoved(null);
      onSavedAsNew?.(saved);
    } catch (error) {
      setRemoved({ busy: false, error: { text: `Could not save as a new article: ${errorText(error)}`, doc: sent } });
    }
  };

  const setSummary = useCallback((summary: RichDoc) => dispatch({ type: 'setSummary', doc: summary }), []);
  const currentDoc = useCallback(() => live.current.state.doc, []);
  const onReviewed = useCallback((saved: Comparison) => {
    dispatch({ type: 'reviewed', saved });
    live.current.onSaved(saved);
  }, []);
  const slugServerError = status.kind === 'error' ? fieldError(status.error, 'slug') : null;

  return (
    <EditorReviewProvider doc={doc} people={people} flush={flush} current={currentDoc} onReviewed={onReviewed}>
    <article className="editor" aria-labelledby="editor-title">
      <header className="editor-header">
        <h1 id="editor-title">{doc.title.trim() || 'Untitled comparison'}</h1>
        <div className="editor-header-actions">
          <SaveStatusView status={status} onRetry={removed ? undefined : retry} />
          <ChecklistPanel doc={doc} people={people} summaries={summaries} />
          <button
            type="button"
            className="button small"
            onClick={() => {
              // The preview renders what is stored: save pending edits first.
              void flush().finally(() => setPreviewOpen(true));
            }}
          >
            Preview
          </button>
          <button type="button" className="button small" onClick={() => void flush().finally(() => setHistoryOpen(true))}>
            History
          </button>
        </div>
      </header>
      <ReviewBar />
      <ReviewPanel />
      {previewOpen && <PreviewDialog id={doc.id} onClose={() => setPreviewOpen(false)} />}
      {historyOpen && (
        <HistoryDialog
          comparison={doc}
          flush={flush}
          onRestored={(restored: Comparison) => {
            dispatch({ type: 'load', doc: restored });
            live.current.onSaved(restored);
          }}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {removed && <RemovedOutsideBar onSaveAsNew={() => void saveAsNew()} busy={removed.busy} error={removed.error?.doc === doc ? removed.error.text : null} />}
      {discarded !== null && <DiscardedCopy text={discarded.text} whose={discarded.whose} onDismiss={() => setDiscarded(null)} />}
      <PartFrame partKey="header">
        <TermsSection doc={doc} dispatch={dispatch} />
        <HeaderFields
          title={doc.title}
          titleEdited={doc.titleEdited}
          slug={doc.slug}
          slugEdited={doc.slugEdited}
          slugServerError={slugServerError}
          dispatch={dispatch}
        />
      </PartFrame>
      <section className="section" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <PartFrame partKey="summary">
          <RichTextField label="Summary" value={doc.summary} onChange={setSummary} placeholder="One short paragraph under the byline" />
        </PartFrame>
      </section>
      <KeyDifferencesSection items={doc.keyDifferences} dispatch={dispatch} />
      <ChartSection headerLabel={doc.chart.headerLabel} rows={doc.chart.rows} terms={doc.terms} dispatch={dispatch} />
      <DefinitionsSection items={doc.definitions} terms={doc.terms} dispatch={dispatch} />
      <FaqsSection items={doc.faqs} dispatch={dispatch} />
      <PartFrame partKey="byline">
        <BylineSection byline={doc.byline} people={people} dispatch={dispatch} />
      </PartFrame>
      <RelatedSection selfId={doc.id} related={doc.related} summaries={summaries} dispatch={dispatch} />
      {outside.offer && <OutsideMergeDialog title={doc.title.trim() || outside.offer.theirs.title} rows={outside.offer.rows} onMerge={outside.merge} />}
      {status.kind === 'conflict' && !outside.offer && (
        <ConflictDialog
          title={doc.title}
          message={conflictError ?? status.message}
          onKeepMine={() => void keepMine()}
          onReloadTheirs={() => void reloadTheirs()}
        />
      )}
    </article>
    </EditorReviewProvider>
  );
}

/**
 * Stores an article's content as a new article (new id, revision 1 and no review data: nothing
 * approved carries over). A failed save removes the new article again.
 */
async function saveCopyAsNew(doc: Comparison): Promise<Comparison> {
  const created = await call('comparisons.create', { terms: doc.terms.map((t) => t.name) });
  const copy: Comparison = { ...doc, id: created.id, revision: created.revision, createdAt: created.createdAt, updatedAt: created.updatedAt, slug: doc.slugEdited ? doc.slug : created.slug };
  delete copy.review;
  try {
    return await call('comparisons.save', { comparison: copy, baseRevision: created.revision });
  } catch (error) {
    await call('comparisons.delete', { id: created.id, baseRevision: created.revision }).catch(() => undefined);
    throw error;
  }
}
