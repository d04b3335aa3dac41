import type { Comparison } from '../model/comparison';
import { articleContentHash, partContentsOf, partHash } from '../review/parts';
import { deriveStatus, partState, reviewForView, type PartState, type ReviewStatus } from '../review/status';

export interface ReviewSummary {
  status: ReviewStatus;
  authorId: string | null;
  editorId: string | null;
  /** The earliest time a part still awaiting review was submitted; null when nothing awaits review. */
  waitingSince: string | null;
  /** Comment threads not resolved (on existing or removed parts). */
  openComments: number;
}

/**
 * What the sidebar and the dashboard need to know of an article's review without loading it:
 * computed once per save, and for every file when a workspace opens without its index cache.
 * The same answer as from the review view (reviewOfComparison), for less: no labels, and a
 * hash only where it decides something: a part's only for an approval (whether it still
 * holds), the whole article's only for a sign-off on an article whose parts are all approved
 * (`contentHash`: that hash, when the caller has it already).
 */
export function reviewSummaryOf(c: Comparison, contentHash?: string): ReviewSummary {
  const review = reviewForView(c.review);
  const states: Array<{ state: PartState }> = [];
  let waitingSince: string | null = null;
  for (const part of partContentsOf(c)) {
    const record = review.parts[part.key];
    const state = partState(record, record?.state === 'approved' ? partHash(part) : '');
    states.push({ state });
    if (state === 'submitted' && record && (waitingSince === null || record.at < waitingSince)) waitingSince = record.at;
  }
  const allApproved = states.length > 0 && states.every((s) => s.state === 'approved');
  const signOffValid = allApproved && review.signOff !== null && review.signOff.hash === (contentHash ?? articleContentHash(c));
  let openComments = 0;
  for (const t of review.comments) if (t.resolved === null) openComments++;
  return {
    status: deriveStatus(states, signOffValid),
    authorId: c.byline.authorId,
    editorId: c.byline.editorId,
    waitingSince,
    openComments,
  };
}
