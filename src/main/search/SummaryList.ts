import type { ComparisonSummary } from '../../shared/api/contract';
import type { ComparisonIndex } from '../store/ComparisonIndex';
import type { SearchIndex } from './SearchIndex';
import { fold, headerText } from './searchText';

interface Row {
  summary: ComparisonSummary;
  /** Folded title, slug and term names, for the substring rule. */
  header: string[];
}

/**
 * The sidebar's list, newest first, filtered by a query (searchText.ts has the rules). The
 * sorted order and the folded headers are kept between calls and rebuilt only after the index
 * changed, so a keystroke in the filter costs a pass over the rows, not a sort.
 */
export class SummaryList {
  private version = -1;
  private rows: Row[] = [];

  list(index: ComparisonIndex, search: SearchIndex, query?: string): ComparisonSummary[] {
    if (this.version !== index.version) this.rebuild(index);
    const needle = fold(query ?? '').trim();
    const ids = needle ? search.matchingIds(needle) : null;
    const out: ComparisonSummary[] = [];
    for (const { summary, header } of this.rows) {
      if (!needle || ids?.has(summary.id) || header.some((h) => h.includes(needle))) out.push(summary);
    }
    return out;
  }

  private rebuild(index: ComparisonIndex): void {
    const rows: Row[] = [];
    // Frozen copies, made once per change and shared by every call until the next one: a
    // keystroke in the filter copies nothing (a caller that tried to change one would throw).
    for (const { summary } of index.entries.values()) {
      rows.push({ summary: Object.freeze({ ...summary, terms: Object.freeze([...summary.terms]) }) as ComparisonSummary, header: headerText(summary) });
    }
    const collator = new Intl.Collator();
    rows.sort((x, y) => {
      const a = x.summary;
      const b = y.summary;
      return a.updatedAt === b.updatedAt ? collator.compare(a.title, b.title) : a.updatedAt < b.updatedAt ? 1 : -1;
    });
    this.rows = rows;
    this.version = index.version;
  }
}
