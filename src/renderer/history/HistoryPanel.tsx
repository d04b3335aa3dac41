import { useCallback, useEffect, useId, useState } from 'react';
import type { OutputOf } from '../../shared/api/contract';
import { REASON_WORDS, type HistoryEntryView } from '../../shared/api/historyContract';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { countChanges } from '../../shared/review/diff';
import { call, errorText } from '../api/client';
import { Dialog } from '../app/Dialog';
import { DiffView } from './DiffView';
import './history.css';

interface CommonProps {
  /** Saves the editor's pending edits before a restore; false stops the restore. */
  flush?: () => Promise<boolean>;
}

/** The history of an article, or of a person (their bio). */
export type HistoryPanelProps = CommonProps &
  (
    | {
        /** The open article (its id and revision are used; the panel reloads when the revision changes). */
        comparison: Pick<Comparison, 'id' | 'revision' | 'title'>;
        /** Called with the stored article after a restore: the editor should load it. */
        onRestored: (restored: Comparison) => void;
      }
    | { person: Pick<Person, 'id' | 'revision' | 'name'>; onRestored: (restored: Person) => void }
  );

type DiffResult = OutputOf<'history.diff'>;
type From = number | 'last-review';
type To = number | 'current';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatWhen = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : when.format(d);
};
export const reasonWords = (reason: string) => REASON_WORDS[reason] ?? reason;
const byWords = (e: Pick<HistoryEntryView, 'by' | 'byName'>) => e.byName ?? (e.by === 'unknown' ? 'no profile chosen' : 'someone not in this workspace');

/**
 * The history of the open article: its snapshots (when, who, why), a diff between any two of
 * them or one and now, "Changes since my last review" for editors, and restore of a snapshot
 * (after a confirmation) as a new revision.
 */
export function HistoryPanel(props: HistoryPanelProps) {
  const { flush } = props;
  const kind = 'comparison' in props ? 'comparison' : 'person';
  const { id, revision } = 'comparison' in props ? props.comparison : props.person;
  const noun = kind === 'comparison' ? 'article' : 'person';
  const [entries, setEntries] = useState<HistoryEntryView[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [isEditor, setIsEditor] = useState(false);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<To>('current');
  const [result, setResult] = useState<DiffResult | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<HistoryEntryView | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [restoredNote, setRestoredNote] = useState<string | null>(null);
  const fromId = useId();
  const toId = useId();

  const load = useCallback(async () => {
    try {
      const list = await call('history.list', { kind, id });
      setEntries(list);
      setListError(null);
      setFrom((f) => (f !== null && list.some((e) => e.revision === f) ? f : (list[list.length - 1]?.revision ?? null)));
    } catch (error) {
      setListError(errorText(error));
    }
  }, [id, kind]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  useEffect(() => {
    let live = true;
    call('profile.get', {})
      .then((p) => live && setIsEditor(p?.role === 'editor'))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const show = async (a: From, b: To) => {
    setBusy(true);
    setDiffError(null);
    try {
      const r = await call('history.diff', { kind, id, from: a, to: b });
      setResult(r);
      if (typeof a === 'number') setFrom(a);
      setTo(b);
    } catch (error) {
      setResult(null);
      setDiffError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (entry: HistoryEntryView) => {
    setRestoreError(null);
    try {
      if (flush && !(await flush())) throw new Error('Your latest edits could not be saved, so nothing was restored. Resolve the save problem first.');
      const stored = kind === 'comparison' ? await call('comparisons.get', { id }) : await call('people.get', { id });
      const restored = await call('history.restore', { kind, id, revision: entry.revision, baseRevision: stored.revision });
      setConfirming(null);
      setResult(null);
      setRestoredNote(`Restored revision ${entry.revision} as revision ${restored.revision}. The version it replaced is kept in the history.`);
      if ('comparison' in props) props.onRestored(restored as Comparison);
      else props.onRestored(restored as Person);
      await load();
    } catch (error) {
      setRestoreError(errorText(error));
    }
  };

  const sorted = entries ?? [];
  const option = (e: HistoryEntryView) => `Revision ${e.revision} · ${formatWhen(e.at)} · ${reasonWords(e.reason)} · ${byWords(e)}`;

  return (
    <div className="history-panel">
      {restoredNote && (
        <p className="history-note" role="status">
          {restoredNote}
        </p>
      )}
      {listError && (
        <p className="field-error" role="alert">
          The history could not be read: {listError}
        </p>
      )}
      {entries === null && !listError && <p aria-live="polite">Reading the history…</p>}
      {entries !== null && entries.length === 0 && (
        <p className="hint">
          No snapshots yet. One is taken when editing starts (at most one per 5 minutes of editing), and at every submit, approval, request for
          changes, sign-off, restore and import.
        </p>
      )}
      {entries !== null && entries.length > 0 && (
        <>
          <div className="history-compare" role="group" aria-label="Compare versions">
            <label className="history-pick" htmlFor={fromId}>
              <span className="field-label">From</span>
              <select id={fromId} className="input" value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
                {sorted.map((e) => (
                  <option key={e.revision} value={e.revision}>
                    {option(e)}
                  </option>
                ))}
              </select>
            </label>
            <label className="history-pick" htmlFor={toId}>
              <span className="field-label">To</span>
              <select id={toId} className="input" value={String(to)} onChange={(e) => setTo(e.target.value === 'current' ? 'current' : Number(e.target.value))}>
                <option value="current">Now (revision {revision})</option>
                {sorted.map((e) => (
                  <option key={e.revision} value={e.revision}>
                    {option(e)}
                  </option>
                ))}
              </select>
            </label>
            <div className="history-compare-actions">
              <button type="button" className="button primary" disabled={busy || from === null} onClick={() => from !== null && void show(from, to)}>
                Show changes
              </button>
              {isEditor && (
                <button type="button" className="button" disabled={busy} onClick={() => void show('last-review', 'current')}>
                  Changes since my last review
                </button>
              )}
            </div>
          </div>
          <ol className="history-list" aria-label="Snapshots, newest first">
            {sorted.map((e) => (
              <li key={e.revision} className="history-entry">
                <div className="history-entry-text">
                  <span className="history-entry-title">
                    Revision {e.revision} · {reasonWords(e.reason)}
                  </span>
                  <span className="history-entry-meta">
                    {formatWhen(e.at)} · by {byWords(e)}
                  </span>
                </div>
                <div className="history-entry-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Compare with now: revision ${e.revision}`}
                    disabled={busy}
                    onClick={() => void show(e.revision, 'current')}
                  >
                    Compare with now
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Restore this version: revision ${e.revision}`}
                    onClick={() => {
                      setRestoreError(null);
                      setConfirming(e);
                    }}
                  >
                    Restore this version
                  </button>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      {diffError && (
        <p className="field-error" role="alert">
          {diffError}
        </p>
      )}
      {busy && <p aria-live="polite">Comparing…</p>}
      {result && (
        <section className="history-diff" aria-labelledby={`${fromId}-diff`}>
          <h3 id={`${fromId}-diff`} className="history-diff-title">
            Changes from {result.from.description} to {result.to.description}
          </h3>
          <p className="hint">
            {result.from.current ? '' : `${formatWhen(result.from.at)} → `}
            {result.to.current ? 'now' : formatWhen(result.to.at)} · {countChanges(result.diff)} {countChanges(result.diff) === 1 ? 'change' : 'changes'}
          </p>
          <DiffView diff={result.diff} label="Differences" />
        </section>
      )}
      {confirming && (
        <Dialog title={`Restore revision ${confirming.revision}?`} role="alertdialog" className="history-confirm">
          <p>
            The {noun} will read as it did at revision {confirming.revision} ({reasonWords(confirming.reason)}, {formatWhen(confirming.at)}). This saves it
            as a new revision; the current version stays in the history, and approvals of parts that change no longer count.
          </p>
          {restoreError && (
            <p className="field-error" role="alert">
              {restoreError}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button type="button" className="button primary" onClick={() => void restore(confirming)}>
              Restore revision {confirming.revision}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** The History panel in a dialog, opened from the editor header. */
export function HistoryDialog({ onClose, ...props }: HistoryPanelProps & { onClose: () => void }) {
  const name = 'comparison' in props ? props.comparison.title.trim() || 'Untitled comparison' : props.person.name;
  return (
    <Dialog title={`History: ${name}`} onDismiss={onClose} className="history-dialog">
      <HistoryPanel {...props} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
