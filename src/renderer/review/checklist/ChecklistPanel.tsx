import { useEffect, useMemo, useRef, useState } from 'react';
import type { ComparisonSummary } from '../../../shared/api/contract';
import { runChecklist, type Finding } from '../../../shared/checks/checklist';
import type { Comparison } from '../../../shared/model/comparison';
import type { Person } from '../../../shared/model/person';
import { fieldTarget } from '../../../shared/checks/fieldTarget';
import { focusField } from './focusField';
import { useDebounced } from './useDebounced';
import './checklist.css';

export interface ChecklistPanelProps {
  doc: Comparison;
  /** The workspace's people with their review data (bios must be signed off). */
  people: readonly Person[];
  /** Every comparison, for the slug's uniqueness. */
  summaries: readonly ComparisonSummary[];
  /** Today as YYYY-MM-DD (default: the local date now). */
  today?: string;
}

const OPEN_KEY = 'versus-desk.checklist-open';

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The editorial checklist, run live as the writer types (debounced lightly): a toggle in the
 * editor header with the counts, and a panel listing each finding; a finding jumps to its field.
 */
export function ChecklistPanel({ doc, people, summaries, today }: ChecklistPanelProps) {
  const [open, setOpen] = useState(() => readOpen());
  const [missing, setMissing] = useState<string | null>(null);
  const settled = useDebounced(doc, 250);
  const panelRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  const findings = useMemo(
    () => runChecklist({ comparison: settled, people, today: today ?? localToday(), others: summaries }),
    [settled, people, summaries, today],
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;

  useEffect(() => {
    try {
      window.localStorage.setItem(OPEN_KEY, open ? '1' : '0');
    } catch {
      // Storage may be unavailable; the panel just forgets.
    }
  }, [open]);

  const jump = (finding: Finding) => {
    const target = fieldTarget(finding.path, settled);
    const root = panelRef.current?.closest('article') ?? document;
    const found = focusField(root, target.names);
    setMissing(found ? null : `${target.place} is not on screen.`);
  };

  const summary = findings.length === 0 ? 'No problems' : [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');

  return (
    <div className="checklist" ref={panelRef}>
      <button
        ref={toggleRef}
        type="button"
        className={`button small checklist-toggle ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'is-clean'}`}
        aria-expanded={open}
        aria-controls="checklist-panel"
        onClick={() => setOpen((o) => !o)}
      >
        Checklist: {summary}
      </button>
      {open && (
        <section
          id="checklist-panel"
          className="checklist-panel"
          aria-label="Checklist"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setOpen(false);
              toggleRef.current?.focus();
            }
          }}
        >
          <div className="checklist-head">
            <h2>Checklist</h2>
            <span className="checklist-counts" aria-live="polite">
              {summary}
            </span>
            <button type="button" className="icon-button" aria-label="Close checklist" onClick={() => setOpen(false)}>
              ×
            </button>
          </div>
          {findings.length === 0 ? (
            <p className="checklist-clean">Every check passes. Errors would block sign-off; warnings would not.</p>
          ) : (
            <ul className="checklist-list" aria-label="Checklist findings">
              {findings.map((finding, i) => {
                const target = fieldTarget(finding.path, settled);
                return (
                  <li key={`${finding.rule}:${finding.path}:${i}`}>
                    <button type="button" className={`checklist-finding is-${finding.severity}`} onClick={() => jump(finding)}>
                      <span className="checklist-severity">{finding.severity === 'error' ? 'Error' : 'Warning'}</span>
                      <span className="checklist-message">{finding.message}</span>
                      <span className="checklist-place">Go to {target.place}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {missing && (
            <p className="checklist-missing" role="status">
              {missing}
            </p>
          )}
          {errors > 0 && <p className="checklist-note">Errors block sign-off; warnings do not.</p>}
        </section>
      )}
    </div>
  );
}

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}
