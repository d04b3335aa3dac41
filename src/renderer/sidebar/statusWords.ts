export { STATUS_WORDS } from '../../shared/export/leftOut';

// One formatter for every date (toLocaleDateString builds a new one per call: slow in long lists).
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** "30 Nov 2025" from an ISO date-time, in the writer's locale. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_FORMAT.format(date);
}
