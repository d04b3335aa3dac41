import type { ComparisonSummary } from '../../shared/api/contract';
import type { ComparisonIndex } from '../store/ComparisonIndex';
import type { SearchIndex } from './SearchIndex';
import { fold, headerText } from './searchText';

/** Between the folded header fields of the joined text: a needle holding it takes the per-row path. */
const SEP = '\u0000';

/** The folded header text of the sorted rows, built at the first query after a change (opening needs none). */
interface Headers {
  /** Each row's folded title, slug and term names, for the substring rule (per-row path). */
  headers: string[][];
  /** The same, all rows joined with SEP, one indexOf pass per query; row r starts at starts[r]. */
  joined: string;
  starts: Int32Array;
}

/**
 * The sidebar's list, newest first, filtered by a query (searchText.ts has the rules). The
 * sorted order and the folded headers are kept between calls and rebuilt only after the index
 * changed, so a keystroke in the filter costs one pass over the rows, not a sort. The pass is
 * cheap: the header rule is one indexOf over all headers joined (matches mapped back to rows),
 * and the word rule tests each row's bit in the search index's bitset, by a slot number looked
 * up once per change (not by id per row and query).
 */
export class SummaryList {
  private version = -1;
  /** The sorted list, frozen until the index changes. */
  private sorted: readonly ComparisonSummary[] = [];
  private headerText: Headers | null = null;
  /** Each sorted row's slot in the search index (-1: not indexed), for `slotEpoch`. */
  private rowSlots = new Int32Array(0);
  private slotsFor = { version: -1, epoch: -1 };
  /** Scratch: rows whose header matched, for the current query. */
  private headerHit = new Uint8Array(0);

  list(index: ComparisonIndex, search: SearchIndex, query?: string): ComparisonSummary[] {
    if (this.version !== index.version) this.rebuild(index);
    const summaries = this.sorted;
    const needle = fold(query ?? '').trim();
    if (!needle) return summaries.slice();
    const bits = search.matchingBits(needle);
    const headerHit = this.headerMatches(needle);
    const out: ComparisonSummary[] = [];
    if (bits) {
      const slots = this.slotsOf(index, search);
      for (let r = 0; r < summaries.length; r++) {
        const slot = slots[r] as number;
        if (headerHit[r] === 1 || (slot >= 0 && ((bits[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0)) out.push(summaries[r] as ComparisonSummary);
      }
    } else {
      for (let r = 0; r < summaries.length; r++) if (headerHit[r] === 1) out.push(summaries[r] as ComparisonSummary);
    }
    return out;
  }

  /** Marks (1) the rows whose title, slug or a term name contains `needle`. */
  private headerMatches(needle: string): Uint8Array {
    const { joined, starts, headers } = this.headersOfRows();
    const rows = headers.length;
    if (this.headerHit.length < rows) this.headerHit = new Uint8Array(rows);
    const hit = this.headerHit;
    hit.fill(0, 0, rows);
    if (needle.includes(SEP)) {
      for (let r = 0; r < rows; r++) if ((headers[r] as string[]).some((h) => h.includes(needle))) hit[r] = 1;
      return hit;
    }
    let at = joined.indexOf(needle);
    while (at >= 0) {
      const r = rowAt(starts, at);
      hit[r] = 1;
      at = joined.indexOf(needle, starts[r + 1] as number);
    }
    return hit;
  }

  /** Each sorted row's slot in the search index, looked up again only when the list or the slots changed. */
  private slotsOf(index: ComparisonIndex, search: SearchIndex): Int32Array {
    if (this.slotsFor.version !== index.version || this.slotsFor.epoch !== search.slotEpoch) {
      const summaries = this.sorted;
      const slots = new Int32Array(summaries.length);
      for (let r = 0; r < summaries.length; r++) slots[r] = search.slotOf((summaries[r] as ComparisonSummary).id);
      this.rowSlots = slots;
      this.slotsFor = { version: index.version, epoch: search.slotEpoch };
    }
    return this.rowSlots;
  }

  private rebuild(index: ComparisonIndex): void {
    // The index's own summaries, frozen when set (ComparisonIndex.set): shared by every call
    // until the next change, so neither opening nor a keystroke in the filter copies them.
    const rows: ComparisonSummary[] = [];
    for (const { summary } of index.entries.values()) rows.push(summary);
    const collator = new Intl.Collator();
    rows.sort((a, b) => (a.updatedAt === b.updatedAt ? collator.compare(a.title, b.title) : a.updatedAt < b.updatedAt ? 1 : -1));
    this.sorted = rows;
    this.headerText = null;
    this.version = index.version;
  }

  private headersOfRows(): Headers {
    if (this.headerText) return this.headerText;
    const headers = this.sorted.map((summary) => headerText(summary));
    const starts = new Int32Array(headers.length + 1);
    const parts: string[] = [];
    let length = 0;
    headers.forEach((header, r) => {
      starts[r] = length;
      const text = header.join(SEP) + SEP;
      parts.push(text);
      length += text.length;
    });
    starts[headers.length] = length;
    this.headerText = { headers, joined: parts.join(''), starts };
    return this.headerText;
  }
}

/** The row whose text holds position `at` (the last start at or before it). */
function rowAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
