import { useEffect, useRef, useState } from 'react';
import type { ImportPart, ImportPlanItemView } from '../../shared/api/publishContract';
import { partsToPick, type Side } from './importChoices';

export interface PartMergeViewProps {
  item: ImportPlanItemView;
  picks: Record<string, Side>;
  onDone: (picks: Record<string, Side>) => void;
  onBack: () => void;
}

const ONE_SIDED: Record<string, string> = {
  'theirs-only': 'Changed only in the bundle: takes theirs',
  'mine-only': 'Changed only here: keeps mine',
};

/**
 * One conflicting article, part by part: each part changed on both sides shown side by side
 * (this workspace's version and the bundle's) with a pick; parts changed on one side are listed
 * as they will merge on their own.
 */
export function PartMergeView({ item, picks, onDone, onBack }: PartMergeViewProps) {
  const [current, setCurrent] = useState<Record<string, Side>>(picks);
  const toPick = partsToPick(item);
  const automatic = item.parts.filter((p) => p.state === 'theirs-only' || p.state === 'mine-only');
  const missing = toPick.filter((p) => !current[p.partId]).length;
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened this view is gone: keyboard focus starts at the view's heading.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="part-merge stack" aria-labelledby="part-merge-heading">
      <h3 id="part-merge-heading" className="part-merge-title" tabIndex={-1} ref={heading}>
        Merge parts of “{item.title}”
      </h3>
      {toPick.length === 0 ? (
        <p>No part was changed on both sides: every difference merges on its own.</p>
      ) : (
        <p className="hint">
          {toPick.length === 1 ? 'One part was' : `${toPick.length} parts were`} changed on both sides. Pick the version to keep for each.
        </p>
      )}
      {toPick.map((part) => (
        <fieldset key={part.partId} className="part-pick">
          <legend className="part-label">{part.label}</legend>
          <div className="part-sides">
            <SideColumn part={part} side="mine" picked={current[part.partId] === 'mine'} onPick={() => setCurrent({ ...current, [part.partId]: 'mine' })} />
            <SideColumn part={part} side="theirs" picked={current[part.partId] === 'theirs'} onPick={() => setCurrent({ ...current, [part.partId]: 'theirs' })} />
          </div>
        </fieldset>
      ))}
      {automatic.length > 0 && (
        <details className="part-automatic">
          <summary>{automatic.length === 1 ? '1 part merges' : `${automatic.length} parts merge`} on its own</summary>
          <ul>
            {automatic.map((part) => (
              <li key={part.partId}>
                <strong>{part.label}</strong>: {ONE_SIDED[part.state]}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="dialog-actions">
        {missing > 0 && <span className="hint">{missing === 1 ? '1 part still needs a pick' : `${missing} parts still need a pick`}</span>}
        <button type="button" className="button" onClick={onBack}>
          Back to the plan
        </button>
        <button type="button" className="button primary" onClick={() => onDone(current)}>
          Use these picks
        </button>
      </div>
    </section>
  );
}

function SideColumn({ part, side, picked, onPick }: { part: ImportPart; side: Side; picked: boolean; onPick: () => void }) {
  const text = side === 'mine' ? part.mine : part.theirs;
  const name = side === 'mine' ? 'Mine (this workspace)' : 'Theirs (the bundle)';
  return (
    <label className={`part-side${picked ? ' is-picked' : ''}`}>
      <span className="part-side-head">
        <input type="radio" name={`pick-${part.partId}`} checked={picked} onChange={onPick} aria-label={`${side === 'mine' ? 'Keep mine' : 'Take theirs'} for ${part.label}`} />
        {name}
      </span>
      <span className="part-text">{text ?? '(not present on this side)'}</span>
    </label>
  );
}
