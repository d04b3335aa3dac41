import type { Comparison } from '../model/comparison';
import { reviewOfComparison, type ReviewStatus } from '../review/status';

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
 * computed once per save from one review view (the part hashes are the costly bit).
 */
export function reviewSummaryOf(c: Comparison): ReviewSummary {
  const view = reviewOfComparison(c);
  let waitingSince: string | null = null;
  for (const part of view.parts) {
    if (part.state !== 'submitted' || !part.record) continue;
    if (waitingSince === null || part.record.at < waitingSince) waitingSince = part.record.at;
  }
  return {
    status: view.status,
    authorId: c.byline.authorId,
    editorId: c.byline.editorId,
    waitingSince,
    openComments: view.review.comments.filter((t) => t.resolved === null).length,
  };
}
