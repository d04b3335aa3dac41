import type { ComparisonStatus, ComparisonSummary } from '../api/contract';
import type { Profile } from '../review/reviewModel';

/** The statuses in the order an article moves through them (the chart's bars, the filter's options). */
export const STATUS_ORDER: readonly ComparisonStatus[] = ['draft', 'in_review', 'changes_requested', 'approved', 'signed_off'];

export type StatusFilter = ComparisonStatus | 'all';

/** How many articles have each status (every status present, zero included). */
export function countByStatus(summaries: readonly Pick<ComparisonSummary, 'status'>[]): Record<ComparisonStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ComparisonStatus, number>;
  for (const s of summaries) counts[s.status]++;
  return counts;
}

/** The summaries with one status, or all of them (the same array: a long list is not copied); order kept. */
export function filterByStatus<T extends Pick<ComparisonSummary, 'status'>>(summaries: readonly T[], status: StatusFilter): readonly T[] {
  return status === 'all' ? summaries : summaries.filter((s) => s.status === status);
}

const byWaiting = (a: ComparisonSummary, b: ComparisonSummary) =>
  (a.waitingSince ?? a.updatedAt).localeCompare(b.waitingSince ?? b.updatedAt) || a.title.localeCompare(b.title);

/**
 * What awaits this editor's review: articles in review whose byline names them as editor, or
 * names no editor yet, and that they did not write (four-eyes). Longest waiting first.
 * A writer's profile awaits nobody's review: empty.
 */
export function awaitingMyReview(summaries: readonly ComparisonSummary[], profile: Profile | null): ComparisonSummary[] {
  if (!profile || profile.role !== 'editor') return [];
  return summaries
    .filter((s) => s.status === 'in_review' && (s.editorId == null || s.editorId === profile.personId) && s.authorId !== profile.personId)
    .sort(byWaiting);
}

/** What this person has to fix: their articles (as author) with changes requested. Least recently touched first. */
export function iHaveToFix(summaries: readonly ComparisonSummary[], profile: Profile | null): ComparisonSummary[] {
  if (!profile) return [];
  return summaries
    .filter((s) => s.status === 'changes_requested' && s.authorId === profile.personId)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.title.localeCompare(b.title));
}

/** Every article in review, longest waiting first (by the earliest submission still awaiting review). */
export function oldestWaiting(summaries: readonly ComparisonSummary[], limit = 10): ComparisonSummary[] {
  return summaries.filter((s) => s.status === 'in_review').sort(byWaiting).slice(0, limit);
}

/** "waiting 3 days", "waiting 5 hours", "waiting under an hour" from an ISO time to now. */
export function waitedFor(since: string | null | undefined, now: Date): string {
  if (!since) return 'waiting';
  const ms = now.getTime() - new Date(since).getTime();
  if (!Number.isFinite(ms) || ms < 60 * 60 * 1000) return 'waiting under an hour';
  const hours = Math.floor(ms / (60 * 60 * 1000));
  if (hours < 48) return `waiting ${hours} hour${hours === 1 ? '' : 's'}`;
  return `waiting ${Math.floor(hours / 24)} days`;
}
