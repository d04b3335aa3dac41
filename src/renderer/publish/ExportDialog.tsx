import { useEffect, useRef, useState } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import type { ExportFormat, ExportSelection } from '../../shared/api/publishContract';
import { call, errorText, onEvent } from '../api/client';
import { Dialog } from '../app/Dialog';
import { leftOutMessage } from '../../shared/export/leftOut';
import { STATUS_WORDS } from '../sidebar/statusWords';
import { FormFooter } from '../app/FormFooter';
import { RefusalNotice, useBusyReport, type PublishWork } from './busy';

export interface ExportDialogProps {
  summaries: readonly ComparisonSummary[];
  /** Saves pending edits first; false when something could not be saved. */
  flushAll: () => Promise<boolean>;
  onClose: () => void;
  /** Told while the export runs (the File menu's Import waits for it). */
  onBusyChange: (work: PublishWork | null) => void;
  /** Why File → Import did not replace this dialog. */
  refusal: { text: string; nonce: number } | null;
}

type Phase =
  | { kind: 'choose' }
  | { kind: 'asking' }
  | { kind: 'running'; done: number; total: number; cancelling: boolean }
  | { kind: 'done'; items: number; path: string; leftOut: string | null }
  | { kind: 'cancelled' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Export: which articles (signed off, the default for publishing; all; or chosen ones), zip or
 * folder. Main asks where with its own save dialog, reports progress with counts, and shows the
 * result in its folder; Cancel stops it with nothing left on disk.
 */
export function ExportDialog({ summaries, flushAll, onClose, onBusyChange, refusal }: ExportDialogProps) {
  const [selection, setSelection] = useState<ExportSelection>('signed-off');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [format, setFormat] = useState<ExportFormat>('zip');
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const busy = phase.kind === 'asking' || phase.kind === 'running';
  useBusyReport(busy ? 'exporting' : null, onBusyChange);

  useEffect(() => {
    mounted.current = true;
    const off = onEvent('export.progress', ({ done, total }) =>
      setPhase((current) =>
        current.kind === 'asking' || current.kind === 'running'
          ? { kind: 'running', done, total, cancelling: current.kind === 'running' && current.cancelling }
          : current,
      ),
    );
    return () => {
      mounted.current = false;
      off();
    };
  }, []);

  const signedOff = summaries.filter((s) => s.status === 'signed_off').length;
  const count = selection === 'signed-off' ? signedOff : selection === 'all' ? summaries.length : chosen.size;

  const start = async () => {
    setError(null);
    if (count === 0) {
      setError(
        selection === 'signed-off'
          ? 'No article is signed off yet. Choose “All articles”, or pick articles, to export drafts.'
          : selection === 'chosen'
            ? 'Choose at least one article to export.'
            : 'This workspace has no articles to export.',
      );
      return;
    }
    if (!(await flushAll())) {
      setError('Some changes are not saved yet: see the save status, then export again.');
      return;
    }
    setPhase({ kind: 'asking' });
    try {
      const result = await call('export.run', { selection, format, ...(selection === 'chosen' ? { ids: [...chosen] } : {}) });
      if (!mounted.current) return;
      if (result === null) setPhase({ kind: 'choose' });
      else if (result.outcome === 'cancelled') setPhase({ kind: 'cancelled' });
      else setPhase({ kind: 'done', items: result.items, path: result.path, leftOut: leftOutMessage(result.leftOut) });
    } catch (caught) {
      if (!mounted.current) return;
      setPhase({ kind: 'choose' });
      setError(errorText(caught));
    }
  };

  const cancel = () => {
    setPhase((current) => (current.kind === 'running' ? { ...current, cancelling: true } : current));
    void call('export.cancel', {}).catch(() => undefined);
  };

  const dismiss = () => {
    if (busy) cancel();
    onClose();
  };

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Dialog title="Export" onDismiss={dismiss} className="publish-dialog export-dialog">
      {phase.kind === 'choose' && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <fieldset className="publish-fieldset">
            <legend className="field-label">Articles</legend>
            <label className="choice">
              <input type="radio" name="export-selection" checked={selection === 'signed-off'} onChange={() => setSelection('signed-off')} autoFocus />
              Signed-off articles ({signedOff}) — ready to publish
            </label>
            <label className="choice">
              <input type="radio" name="export-selection" checked={selection === 'all'} onChange={() => setSelection('all')} />
              All articles ({summaries.length})
            </label>
            <label className="choice">
              <input type="radio" name="export-selection" checked={selection === 'chosen'} onChange={() => setSelection('chosen')} />
              Chosen articles
            </label>
            {selection === 'chosen' && (
              <ul className="export-checklist" aria-label="Articles to export">
                {summaries.map((s) => (
                  <li key={s.id}>
                    <label className="choice">
                      <input type="checkbox" checked={chosen.has(s.id)} onChange={(event) => toggle(s.id, event.target.checked)} />
                      <span>
                        {s.title} <span className="hint-inline">({STATUS_WORDS[s.status]})</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <fieldset className="publish-fieldset">
            <legend className="field-label">Format</legend>
            <label className="choice">
              <input type="radio" name="export-format" checked={format === 'zip'} onChange={() => setFormat('zip')} />
              Zip file (.zip)
            </label>
            <label className="choice">
              <input type="radio" name="export-format" checked={format === 'folder'} onChange={() => setFormat('folder')} />
              Folder
            </label>
          </fieldset>
          <FormFooter error={error} onCancel={onClose} cancelLabel="Close" submit={`Export ${plural(count, 'article', 'articles')}…`} />
        </form>
      )}
      {busy && (
        <div className="stack">
          <progress
            className="export-progress"
            aria-label="Export progress"
            max={phase.kind === 'running' ? Math.max(phase.total, 1) : undefined}
            value={phase.kind === 'running' ? phase.done : undefined}
          />
          <p aria-live="polite" className="export-count">
            {phase.kind === 'asking'
              ? 'Choose where to save the export…'
              : phase.cancelling
                ? 'Cancelling…'
                : `${phase.done} of ${plural(phase.total, 'article', 'articles')} exported`}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={cancel} disabled={phase.kind === 'running' && phase.cancelling}>
              Cancel export
            </button>
          </div>
          <RefusalNotice refusal={refusal} />
        </div>
      )}
      {phase.kind === 'done' && (
        <div className="stack">
          <p role="status">
            Exported {plural(phase.items, 'article', 'articles')} to <span className="mono export-path">{phase.path}</span>. Its folder is open in
            your file manager.
          </p>
          {phase.leftOut && (
            <p className="export-left-out" role="alert">
              {phase.leftOut}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'cancelled' && (
        <div className="stack">
          <p role="status">Export cancelled. Nothing was written.</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setPhase({ kind: 'choose' })}>
              Export again…
            </button>
            <button type="button" className="button primary" onClick={onClose} autoFocus>
              Close
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
