import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
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

export interface ComparisonEditorProps {
  initial: Comparison;
  summaries: readonly ComparisonSummary[];
  people: readonly Person[];
  /** Told about every stored save, so the sidebar shows the new title and date. */
  onSaved: (doc: Comparison) => void;
  /** Gives the app this editor's flush (save pending edits now), or null when it goes away. */
  registerFlush: (flush: (() => Promise<boolean>) | null) => void;
}

/** The whole comparison, autosaved: local state updates on every keystroke, the store within a second. */
export function ComparisonEditor({ initial, summaries, people, onSaved, registerFlush }: ComparisonEditorProps) {
  const [state, dispatch] = useReducer(editorReducer, initial, initialEditorState);
  const [discarded, setDiscarded] = useState<{ text: string; whose: 'mine' | 'theirs' } | null>(null);
  const [conflictError, setConflictError] = useState<string | null>(null);
  const { doc } = state;
  const live = useRef({ state, onSaved });
  live.current = { state, onSaved };

  const save = useCallback(async () => {
    const { doc: sent, version: sentVersion } = live.current.state;
    const saved = await call('comparisons.save', { comparison: sent, baseRevision: sent.revision });
    dispatch({ type: 'saved', sent, sentVersion, saved });
    live.current.onSaved(saved);
  }, []);

  const problem = useMemo(() => localProblem(doc), [doc]);
  const autosave = useAutosave({ version: state.version, savedVersion: state.savedVersion, problem, save });
  const { flush, retry, status } = autosave;

  useEffect(() => {
    registerFlush(flush);
    return () => registerFlush(null);
  }, [flush, registerFlush]);

  // Closing the window or reloading the page: send what is pending (the app's quit path waits properly).
  useEffect(() => {
    const onBeforeUnload = () => {
      void flush();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [flush]);

  const keepMine = async () => {
    try {
      const current = await call('comparisons.get', { id: doc.id });
      // Their copy is about to be overwritten: keep it on screen so nothing goes unseen.
      setDiscarded({ text: comparisonToText(current), whose: 'theirs' });
      dispatch({ type: 'rebase', revision: current.revision });
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

  const setSummary = useCallback((summary: RichDoc) => dispatch({ type: 'setSummary', doc: summary }), []);
  const slugServerError = status.kind === 'error' ? fieldError(status.error, 'slug') : null;

  return (
    <article className="editor" aria-labelledby="editor-title">
      <header className="editor-header">
        <h1 id="editor-title">{doc.title.trim() || 'Untitled comparison'}</h1>
        <SaveStatusView status={status} onRetry={retry} />
      </header>
      {discarded !== null && <DiscardedCopy text={discarded.text} whose={discarded.whose} onDismiss={() => setDiscarded(null)} />}
      <TermsSection doc={doc} dispatch={dispatch} />
      <HeaderFields
        title={doc.title}
        titleEdited={doc.titleEdited}
        slug={doc.slug}
        slugEdited={doc.slugEdited}
        slugServerError={slugServerError}
        dispatch={dispatch}
      />
      <section className="section" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <RichTextField label="Summary" value={doc.summary} onChange={setSummary} placeholder="One short paragraph under the byline" />
      </section>
      <KeyDifferencesSection items={doc.keyDifferences} dispatch={dispatch} />
      <ChartSection headerLabel={doc.chart.headerLabel} rows={doc.chart.rows} terms={doc.terms} dispatch={dispatch} />
      <DefinitionsSection items={doc.definitions} terms={doc.terms} dispatch={dispatch} />
      <FaqsSection items={doc.faqs} dispatch={dispatch} />
      <BylineSection byline={doc.byline} people={people} dispatch={dispatch} />
      <RelatedSection selfId={doc.id} related={doc.related} summaries={summaries} dispatch={dispatch} />
      {status.kind === 'conflict' && (
        <ConflictDialog
          title={doc.title}
          message={conflictError ?? status.message}
          onKeepMine={() => void keepMine()}
          onReloadTheirs={() => void reloadTheirs()}
        />
      )}
    </article>
  );
}
