import { useState } from 'react';
import { Dialog } from '../app/Dialog';
import type { MergeRow, Side } from './outsideMerge';
import './outside.css';

export interface OutsideMergeDialogProps {
  title: string;
  rows: readonly MergeRow[];
  onMerge: (choices: Record<string, Side>) => void;
}

const STATE_WORDS: Record<MergeRow['state'], string> = {
  'theirs-only': 'changed outside',
  'mine-only': 'changed by you',
  both: 'changed by you and outside',
  same: 'unchanged',
};

/**
 * The article open with unsaved edits was changed by another program: for every part that
 * differs the writer keeps theirs or mine; each starts on the side that changed it.
 */
export function OutsideMergeDialog({ title, rows, onMerge }: OutsideMergeDialogProps) {
  const [choices, setChoices] = useState<Record<string, Side>>(() => Object.fromEntries(rows.map((r) => [r.partId, r.proposed])));
  const set = (partId: string, side: Side) => setChoices((current) => ({ ...current, [partId]: side }));
  const all = (side: Side) => setChoices(Object.fromEntries(rows.map((r) => [r.partId, side])));
  return (
    <Dialog title="Changed outside Versus Desk" role="alertdialog" className="conflict-dialog outside-merge">
      <p>
        Another program changed “{title}” while you had unsaved edits. Choose, part by part, which copy to keep. The copy
        that loses a part stays available below the editor.
      </p>
      <div className="dialog-actions outside-merge-all">
        <button type="button" className="button" onClick={() => all('theirs')}>
          Take all of theirs
        </button>
        <button type="button" className="button" onClick={() => all('mine')}>
          Keep all of mine
        </button>
      </div>
      <div className="outside-merge-parts">
        {rows.map((row) => (
          <fieldset key={row.partId} className="outside-merge-part">
            <legend>
              {row.label} <span className="hint">({STATE_WORDS[row.state]})</span>
            </legend>
            <label className="outside-merge-choice">
              <input type="radio" name={`merge-${row.partId}`} checked={choices[row.partId] === 'theirs'} onChange={() => set(row.partId, 'theirs')} />
              <span>
                <span className="outside-merge-side">Theirs</span>
                <span className="outside-merge-text">{row.theirs || '(empty)'}</span>
              </span>
            </label>
            <label className="outside-merge-choice">
              <input type="radio" name={`merge-${row.partId}`} checked={choices[row.partId] === 'mine'} onChange={() => set(row.partId, 'mine')} />
              <span>
                <span className="outside-merge-side">Mine</span>
                <span className="outside-merge-text">{row.mine || '(empty)'}</span>
              </span>
            </label>
          </fieldset>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={() => onMerge(choices)} autoFocus>
          Merge and save
        </button>
      </div>
    </Dialog>
  );
}
