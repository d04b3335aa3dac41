import { memo } from 'react';
import type { ComparisonSummary } from '../../shared/api/contract';
import { formatDate, STATUS_WORDS } from './statusWords';

export interface ComparisonListItemProps {
  summary: ComparisonSummary;
  selected: boolean;
  onOpen: (id: string) => void;
  /** In a virtualized list: the row's place (for measuring and for aria-posinset/setsize). */
  position?: { index: number; setSize: number; measureRef: (node: HTMLLIElement | null) => void };
}

function ComparisonListItemView({ summary, selected, onOpen, position }: ComparisonListItemProps) {
  return (
    <li
      className="comparison-item"
      ref={position?.measureRef}
      data-index={position?.index}
      aria-posinset={position ? position.index + 1 : undefined}
      aria-setsize={position?.setSize}
    >
      <button
        type="button"
        className="comparison-button"
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(summary.id)}
      >
        <span className="comparison-title">{summary.title}</span>
        <span className="comparison-terms">{summary.terms.join(' · ')}</span>
        <span className="comparison-meta">
          <span className={`pill pill-${summary.status}`}>{STATUS_WORDS[summary.status]}</span>
          <span className="comparison-date">Updated {formatDate(summary.updatedAt)}</span>
        </span>
      </button>
    </li>
  );
}

export const ComparisonListItem = memo(ComparisonListItemView);
