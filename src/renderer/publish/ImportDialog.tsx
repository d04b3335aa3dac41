import { useVirtualizer } from '@tanstack/react-virtual';
import { gapsBefore, useKeepFocusedRow } from '../list/keepFocusedRow';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { ImportApplyOutput, ImportPlanView, ImportSourceKind } from '../../shared/api/publishContract';
import { call, ClientError, errorText, onEvent } from '../api/client';
import { Dialog } from '../app/Dialog';
import {
  ACTION_WORDS,
  blockingProblem,
  choiceOptions,
  choicesPayload,
  defaultDecisions,
  mergeSummary,
  partsToPick,
  unpickedParts,
  type ItemChoice,
  type ItemDecision,
  type Side,
} from './importChoices';
import { PartMergeView } from './PartMergeView';
import { RefusalNotice, useBusyReport, type PublishWork } from './busy';

export interface ImportDialogProps {
  /** Saves pending edits first; false when something could not be saved. */
  flushAll: () => Promise<boolean>;
  /** Told which records the import wrote, so open views reload them. */
  onImported: (ids: string[]) => Promise<void> | void;
  onClose: () => void;
  /** Told while an import is being written or its plan waits for choices (the File menu's Export waits for either). */
  onBusyChange: (work: PublishWork | null) => void;
  /** Why File → Export did not replace this dialog. */
  refusal: { text: string; nonce: number } | null;
}

/** Articles done of all, from `import.progress` (null until the first event of the step). */
type Counts = { done: number; total: number } | null;

type Phase =
  | { kind: 'choose' }
  | { kind: 'reading'; counts: Counts }
  | { kind: 'plan'; plan: ImportPlanView; merging: string | null }
  | { kind: 'applying'; plan: ImportPlanView; counts: Counts }
  | { kind: 'report'; plan: ImportPlanView; result: ImportApplyOutput };

const OUTCOME_WORDS = { created: 'Created', updated: 'Updated', copied: 'Copied as new' } as const;

/**
 * Import: choose a bundle (zip or folder) or a Markdown article, see the plan (each item new,
 * updated, unchanged or conflicting) before anything is written, choose per item (and per part
 * for a conflicting article), apply all-or-nothing, and read what was imported.
 */
export function ImportDialog({ flushAll, onImported, onClose, onBusyChange, refusal }: ImportDialogProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  // A reading can be left (it stops); an import being written is stopped with its own button only,
  // and a plan (with the choices and merges made in it) is left by Cancel or Choose another.
  useBusyReport(phase.kind === 'applying' ? 'writing-import' : phase.kind === 'plan' ? 'import-plan' : null, onBusyChange);
  const [decisions, setDecisions] = useState<Record<string, ItemDecision>>({});
  const [error, setError] = useState<string | null>(null);
  /** Said after the writer stopped a reading or an import being written. */
  const [notice, setNotice] = useState<string | null>(null);
  /** Stop pressed while the import is written, until the apply answers. */
  const [stoppingWrite, setStoppingWrite] = useState(false);
  const mounted = useRef(true);
  const chooseButton = useRef<HTMLButtonElement | null>(null);
  /** Set by Stop reading until the reading's answer is in: a plan that arrives anyway is dropped (main let go of it). */
  const stopRequested = useRef(false);
  /** The phase as of the last render, for the unmount below. */
  const phaseNow = useRef(phase);
  phaseNow.current = phase;

  useEffect(
    () =>
      onEvent('import.progress', ({ step, done, total }) =>
        setPhase((current) =>
          (step === 'reading' && current.kind === 'reading') || (step === 'writing' && current.kind === 'applying') ? { ...current, counts: { done, total } } : current,
        ),
      ),
    [],
  );

  // Removed another way (the File menu opens the export dialog in its place): a reading stops, a plan is let go.
  useEffect(
    () => () => {
      if (phaseNow.current.kind === 'reading' || phaseNow.current.kind === 'plan') void call('import.cancel', {}).catch(() => undefined);
    },
    [],
  );

  const choose = async (source: ImportSourceKind) => {
    setError(null);
    setNotice(null);
    stopRequested.current = false;
    if (!(await flushAll())) {
      setError('Some changes are not saved yet: see the save status, then import again.');
      return;
    }
    const before = phase;
    setPhase({ kind: 'reading', counts: null });
    try {
      const plan = await call('import.plan', { source });
      if (!mounted.current) return;
      const dropped = stopRequested.current;
      stopRequested.current = false;
      if (!plan || dropped) {
        setPhase(before);
        return;
      }
      setDecisions(defaultDecisions(plan.items));
      setPhase({ kind: 'plan', plan, merging: null });
    } catch (caught) {
      stopRequested.current = false;
      setPhase({ kind: 'choose' });
      setError(`Nothing was imported. ${errorText(caught)}`);
    }
  };

  const apply = async (plan: ImportPlanView) => {
    const problem = blockingProblem(plan.items, decisions);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    setNotice(null);
    if (!(await flushAll())) {
      setError('Some changes are not saved yet: see the save status, then apply again.');
      return;
    }
    setPhase({ kind: 'applying', plan, counts: null });
    try {
      const result = await call('import.apply', { planId: plan.planId, choices: choicesPayload(plan.items, decisions) });
      await onImported(result.written.map((w) => w.id));
      setPhase({ kind: 'report', plan, result });
    } catch (caught) {
      setPhase({ kind: 'plan', plan, merging: null });
      // Stopped by the writer, and all taken back (main says so): a notice; the plan is there to apply again.
      // Anything else, a rollback that failed included, is said as the error it is.
      if (caught instanceof ClientError && (caught.details as { stopped?: unknown } | undefined)?.stopped === true) {
        setNotice('Import stopped and taken back: nothing was changed. Apply it again when you are ready.');
      } else setError(`Nothing was imported. ${errorText(caught)}`);
    } finally {
      setStoppingWrite(false);
    }
  };

  /** Stops a reading under way, or lets go of the plan shown (main holds every article read for it). */
  const cancelImport = () => void call('import.cancel', {}).catch(() => undefined);

  const stopReading = () => {
    stopRequested.current = true;
    setNotice('Reading stopped. Nothing was imported.');
    cancelImport();
  };

  /** Stops the import being written: main takes back everything it wrote (which takes a moment for a large one). */
  const stopWriting = () => {
    setStoppingWrite(true);
    void call('import.cancel', { writing: true }).catch(() => undefined);
  };

  // Back to choosing after a stopped reading: the focus (on the Stop button, now gone) goes to the first choice.
  useEffect(() => {
    if (phase.kind === 'choose' && notice !== null) chooseButton.current?.focus();
  }, [phase.kind, notice]);

  /**
   * Leaves the dialog (a reading stops, a plan is let go: see the unmount above); an import being
   * written is stopped with its own button, so the dialog stays until it ends.
   */
  const close = () => {
    if (phase.kind === 'applying') return;
    mounted.current = false;
    onClose();
  };

  const decide = (id: string, choice: ItemChoice) => setDecisions((current) => ({ ...current, [id]: { choice, picks: current[id]?.picks ?? {} } }));

  return (
    <Dialog
      title="Import"
      // While an import is written, Escape does nothing (and a close the browser forces reopens the dialog).
      onDismiss={phase.kind === 'applying' ? undefined : close}
      className="publish-dialog import-dialog"
    >
      {(phase.kind === 'choose' || phase.kind === 'reading') && (
        <div className="stack">
          <p>Import a bundle someone exported (a .zip file or a bundle folder), or an article written elsewhere as Markdown (.md). You see what would change before anything is written.</p>
          <div className="field-row">
            <button type="button" className="button primary" ref={chooseButton} onClick={() => void choose('file')} disabled={phase.kind === 'reading'} autoFocus>
              Choose bundle or Markdown file…
            </button>
            <button type="button" className="button" onClick={() => void choose('folder')} disabled={phase.kind === 'reading'}>
              Choose bundle folder…
            </button>
          </div>
          {phase.kind === 'reading' && <ImportProgressView label="Reading and checking" counts={phase.counts} verb="checked" />}
          {phase.kind === 'reading' && (
            <div>
              <button type="button" className="button" onClick={stopReading}>
                Stop reading
              </button>
            </div>
          )}

        </div>
      )}

      {phase.kind === 'plan' && phase.merging === null && (
        <PlanTable
          plan={phase.plan}
          decisions={decisions}
          onDecide={decide}
          onMerge={(id) => {
            decide(id, 'parts');
            setError(null);
            setPhase({ ...phase, merging: id });
          }}
        />
      )}

      {phase.kind === 'plan' &&
        phase.merging !== null &&
        (() => {
          const item = phase.plan.items.find((i) => i.id === phase.merging);
          if (!item) return null;
          return (
            <PartMergeView
              item={item}
              picks={decisions[item.id]?.picks ?? {}}
              onBack={() => setPhase({ ...phase, merging: null })}
              onDone={(picks: Record<string, Side>) => {
                setDecisions((current) => ({ ...current, [item.id]: { choice: 'parts', picks } }));
                setError(null);
                setPhase({ ...phase, merging: null });
              }}
            />
          );
        })()}

      {phase.kind === 'applying' && (
        <>
          <ImportProgressView label={stoppingWrite ? 'Stopping, taking back what was written' : 'Importing'} counts={stoppingWrite ? null : phase.counts} verb="written" />
          <div>
            <button type="button" className="button" onClick={stopWriting} disabled={stoppingWrite}>
              Stop and take back
            </button>
          </div>
          <RefusalNotice refusal={refusal} />
        </>
      )}

      {notice && (phase.kind === 'choose' || phase.kind === 'plan') && <p role="status">{notice}</p>}
      {phase.kind === 'plan' && <RefusalNotice refusal={refusal} />}

      {phase.kind === 'report' && <ImportReport result={phase.result} />}

      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}

      {phase.kind === 'plan' && phase.merging === null && (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              cancelImport();
              setNotice(null);
              setPhase({ kind: 'choose' });
            }}
          >
            Choose another…
          </button>
          <button type="button" className="button primary" onClick={() => void apply(phase.plan)} autoFocus>
            Apply import
          </button>
        </div>
      )}
      {(phase.kind === 'choose' || phase.kind === 'reading') && (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
        </div>
      )}
      {phase.kind === 'report' && (
        <div className="dialog-actions">
          <button type="button" className="button primary" onClick={onClose} autoFocus>
            Done
          </button>
        </div>
      )}
    </Dialog>
  );
}

const countWords = (n: number) => n.toLocaleString('en-US');

/** A step of the import under way: a bar (indeterminate until the first count) and its count in words. */
function ImportProgressView({ label, counts, verb }: { label: string; counts: Counts; verb: string }) {
  return (
    <div className="stack">
      <progress className="import-progress" aria-label={`${label} progress`} max={counts ? Math.max(counts.total, 1) : undefined} value={counts ? counts.done : undefined} />
      <p aria-live="polite" className="import-count">
        {counts && counts.total > 0 ? `${label}… ${countWords(counts.done)} of ${countWords(counts.total)} ${counts.total === 1 ? 'article' : 'articles'} ${verb}` : `${label}…`}
      </p>
    </div>
  );
}

interface PlanTableProps {
  plan: ImportPlanView;
  decisions: Record<string, ItemDecision>;
  onDecide: (id: string, choice: ItemChoice) => void;
  onMerge: (id: string) => void;
}

/** A plan row's height before it is measured (an article: its title and slug, one choice). */
const ESTIMATED_PLAN_ROW_PX = 62;
/** Rows above and below the visible ones that stay mounted (Tab and scrolling stay smooth). */
const PLAN_OVERSCAN = 10;
/** The table's header row, until measured. */
const PLAN_HEADER_PX = 34;

/**
 * The plan, one row per item. Virtualized: only the rows in view (and a few more) are in the DOM,
 * so a bundle of 10,000 articles shows its plan, and takes a choice, as fast as one of ten
 * (rendered whole, that plan blocked the page for 5.6 s, and each choice re-rendered it for 1 s).
 * Rows not rendered are spacer rows; every row says its place (aria-rowindex of aria-rowcount).
 * The row holding the keyboard focus stays rendered when the table is scrolled away from it.
 */
function PlanTable({ plan, decisions, onDecide, onMerge }: PlanTableProps) {
  const counts = (['new', 'updated', 'unchanged', 'conflicting'] as const).map((a) => `${countWords(plan.items.filter((i) => i.action === a).length)} ${ACTION_WORDS[a].toLowerCase()}`);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const headRef = useRef<HTMLTableSectionElement | null>(null);
  const { rangeExtractor, focusHandlers } = useKeepFocusedRow((index) => plan.items[index]?.id);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: plan.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_PLAN_ROW_PX,
    // Stable: the virtualizer measures every item again whenever this function changes.
    getItemKey: useCallback((index: number) => plan.items[index]?.id ?? index, [plan.items]),
    overscan: PLAN_OVERSCAN,
    rangeExtractor,
    // The rows start below the (sticky) header row, inside the same scrolling box.
    scrollMargin: headRef.current?.offsetHeight ?? PLAN_HEADER_PX,
    // The first screenful on the very first pass, before the box has been measured.
    initialRect: { width: 900, height: 600 },
  });
  const rows = virtualizer.getVirtualItems();
  const margin = virtualizer.options.scrollMargin;
  const before = rows.length > 0 ? (rows[0] as { start: number }).start - margin : 0;
  const after = rows.length > 0 ? virtualizer.getTotalSize() - ((rows[rows.length - 1] as { end: number }).end - margin) : 0;
  const gaps = gapsBefore(rows);
  return (
    <div className="stack">
      <p>
        Plan for <span className="mono">{plan.source}</span>: {counts.join(', ')}. Nothing is written until you apply.
      </p>
      {plan.items.length === 0 ? (
        <p>The bundle holds nothing to import.</p>
      ) : (
        <div className="plan-scroll" ref={scrollRef} {...focusHandlers}>
          <table className="plan-table" aria-label="Import plan" aria-rowcount={plan.items.length + 1}>
            <thead ref={headRef}>
              <tr aria-rowindex={1}>
                <th scope="col">Item</th>
                <th scope="col">Status</th>
                <th scope="col">Notes</th>
                <th scope="col">Choice</th>
              </tr>
            </thead>
            <tbody>
              {before > 0 && <SpacerRow height={before} />}
              {rows.map((row, i) => {
                const item = plan.items[row.index] as ImportPlanView['items'][number];
                const gap = gaps[i] as number;
                return (
                  // Keyed children: a spacer coming or going before a row must not remount it (and drop its focus).
                  <Fragment key={item.id}>
                    {gap > 0 && <SpacerRow key="gap" height={gap} />}
                    <PlanRow key="row" item={item} index={row.index} measure={virtualizer.measureElement} decision={decisions[item.id]} onDecide={onDecide} onMerge={onMerge} />
                  </Fragment>
                );
              })}
              {after > 0 && <SpacerRow height={after} />}
            </tbody>
          </table>
        </div>
      )}
      {plan.report.length > 0 && <NotPlaced report={plan.report} />}
    </div>
  );
}

/** The height of the plan rows not rendered (above or below the ones in view). */
function SpacerRow({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className="plan-spacer">
      <td colSpan={4} style={{ height }} />
    </tr>
  );
}

interface PlanRowProps {
  item: ImportPlanView['items'][number];
  index: number;
  measure: (node: HTMLTableRowElement | null) => void;
  decision: ItemDecision | undefined;
  onDecide: (id: string, choice: ItemChoice) => void;
  onMerge: (id: string) => void;
}

function PlanRow({ item, index, measure, decision, onDecide, onMerge }: PlanRowProps) {
  const options = choiceOptions(item);
  const missing = decision ? unpickedParts(item, decision).length : 0;
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2}>
      <th scope="row">
        <span className="plan-kind">{item.kind === 'comparison' ? 'Article' : 'Person'}</span> {item.title}
        {item.slug && <span className="plan-slug mono">{item.newSlug ?? item.slug}</span>}
      </th>
      <td>
        <span className={`pill plan-${item.action}`}>{ACTION_WORDS[item.action]}</span>
      </td>
      <td className="plan-notes">
        {(item.action === 'updated' || item.action === 'conflicting') && item.parts.length > 0 && <div>{mergeSummary(item)}</div>}
        {item.notes.map((note) => (
          <div key={note}>{note}</div>
        ))}
      </td>
      <td>
        {options.length === 0 ? (
          <span className="hint-inline">Nothing to do</span>
        ) : (
          <div className="plan-choice">
            <select
              className="input select"
              aria-label={`Choice for ${item.title}`}
              value={decision?.choice ?? options[0].value}
              onChange={(event) => onDecide(item.id, event.target.value as ItemChoice)}
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {item.action === 'conflicting' && item.kind === 'comparison' && (
              <button type="button" className="button small" onClick={() => onMerge(item.id)} aria-label={`Merge parts of ${item.title}…`}>
                Merge parts…
              </button>
            )}
            {missing > 0 && <span className="field-error">{missing === 1 ? '1 part needs a pick' : `${missing} parts need a pick`}</span>}
            {decision?.choice === 'parts' && missing === 0 && partsToPick(item).length > 0 && <span className="hint-inline">Picks made</span>}
          </div>
        )}
      </td>
    </tr>
  );
}

function NotPlaced({ report }: { report: readonly string[] }) {
  return (
    <section className="not-placed" aria-label="Not placed">
      <h3 className="part-label">The importer could not place these (they are kept here, not dropped)</h3>
      <ul>
        {report.map((line, i) => (
          <li key={i} className="mono">
            {line}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The written records listed at first; a large import lists the rest on request (10,000 rows at once block the page). */
const REPORT_FIRST = 100;

function ImportReport({ result }: { result: ImportApplyOutput }) {
  const [all, setAll] = useState(false);
  const list = useRef<HTMLUListElement | null>(null);
  // The button that showed the rest is gone: the focus goes to the list, where they are.
  useEffect(() => {
    if (all) list.current?.focus();
  }, [all]);
  const written = result.written;
  const shown = all ? written : written.slice(0, REPORT_FIRST);
  const byOutcome = (['created', 'updated', 'copied'] as const)
    .map((o) => [o, written.filter((w) => w.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${countWords(n)} ${OUTCOME_WORDS[o].toLowerCase()}`);
  return (
    <div className="stack">
      {/* Only the summary is announced: the list can be thousands long. */}
      <p role="status">
        Imported: {countWords(written.length)} written{byOutcome.length > 0 ? ` (${byOutcome.join(', ')})` : ''}, {countWords(result.skipped)} kept as they were.
      </p>
      {written.length > 0 && (
        // Focusable, so the keyboard can scroll it.
        <ul className="import-written" aria-label="Imported" tabIndex={0} ref={list}>
          {shown.map((w) => (
            <li key={`${w.kind}:${w.id}`}>
              {OUTCOME_WORDS[w.outcome]} {w.kind === 'comparison' ? 'article' : 'person'} “{w.title}”{w.slug ? ` (${w.slug})` : ''}
            </li>
          ))}
        </ul>
      )}
      {shown.length < written.length && (
        <div>
          <button type="button" className="button small" onClick={() => setAll(true)}>
            Show the other {countWords(written.length - shown.length)}
          </button>
        </div>
      )}
      {result.report.length > 0 && <NotPlaced report={result.report} />}
    </div>
  );
}
