import type { ComparisonStatus } from '../../shared/api/contract';
import { STATUS_ORDER, type StatusFilter } from '../../shared/dashboard/dashboard';
import { STATUS_WORDS } from './statusWords';
import './statusFilter.css';

export interface StatusFilterSelectProps {
  value: StatusFilter;
  onChange: (value: StatusFilter) => void;
  /** Articles per status (of those matching the text filter), shown in the options; null while the list is still loading. */
  counts: Record<ComparisonStatus, number> | null;
  /** Said in place of a count while `counts` is null (default "loading…"). */
  pending?: string;
  total: number;
}

/** "All / Draft / In review / Changes requested / Approved / Signed off", with counts. */
export function StatusFilterSelect({ value, onChange, counts, pending = 'loading…', total }: StatusFilterSelectProps) {
  return (
    <label className="status-filter">
      <span className="field-label">Status</span>
      <select
        className="input select"
        aria-label="Filter by status"
        value={value}
        onChange={(event) => onChange(event.target.value as StatusFilter)}
      >
        <option value="all">All ({counts ? total : pending})</option>
        {STATUS_ORDER.map((status) => (
          <option key={status} value={status}>
            {STATUS_WORDS[status]} ({counts ? counts[status] : pending})
          </option>
        ))}
      </select>
    </label>
  );
}
