import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../src/main/seed/seedWorkspace';
import type { ComparisonSummary } from '../../src/shared/api/contract';
import {
  awaitingMyReview,
  countByStatus,
  filterByStatus,
  iHaveToFix,
  oldestWaiting,
  waitedFor,
} from '../../src/shared/dashboard/dashboard';
import { reviewSummaryOf } from '../../src/shared/dashboard/reviewSummary';
import { reviewComparison, type Actor } from '../../src/shared/review/actions';

const ME = ulid();
const OTHER = ulid();
const WRITER = ulid();

let n = 0;
function summary(patch: Partial<ComparisonSummary>): ComparisonSummary {
  n++;
  return {
    id: ulid(),
    slug: `article-${n}`,
    title: `Article ${n}`,
    terms: ['A', 'B'],
    status: 'draft',
    updatedAt: '2024-05-01T00:00:00.000Z',
    revision: 1,
    authorId: WRITER,
    editorId: null,
    waitingSince: null,
    openComments: 0,
    ...patch,
  };
}

const editor = { personId: ME, role: 'editor' as const };

describe('dashboard grouping', () => {
  const list = [
    summary({ title: 'Mine, waiting 2 days', status: 'in_review', editorId: ME, waitingSince: '2024-04-29T00:00:00.000Z' }),
    summary({ title: 'No editor, waiting 5 days', status: 'in_review', editorId: null, waitingSince: '2024-04-26T00:00:00.000Z' }),
    summary({ title: 'Someone else reviews', status: 'in_review', editorId: OTHER, waitingSince: '2024-04-20T00:00:00.000Z' }),
    summary({ title: 'I wrote it', status: 'in_review', editorId: null, authorId: ME, waitingSince: '2024-04-28T00:00:00.000Z' }),
    summary({ title: 'Fix me (old)', status: 'changes_requested', authorId: ME, editorId: OTHER, updatedAt: '2024-04-01T00:00:00.000Z' }),
    summary({ title: 'Fix me (new)', status: 'changes_requested', authorId: ME, updatedAt: '2024-04-30T00:00:00.000Z' }),
    summary({ title: 'Their fix', status: 'changes_requested', authorId: OTHER }),
    summary({ title: 'Done', status: 'signed_off', editorId: ME }),
    summary({ title: 'Draft', status: 'draft', editorId: ME }),
  ];

  it('counts every status, zero included', () => {
    expect(countByStatus(list)).toEqual({ draft: 1, in_review: 4, changes_requested: 3, approved: 0, signed_off: 1 });
    expect(countByStatus([])).toEqual({ draft: 0, in_review: 0, changes_requested: 0, approved: 0, signed_off: 0 });
  });

  it('filters by status and keeps the order; "all" keeps everything', () => {
    expect(filterByStatus(list, 'changes_requested').map((s) => s.title)).toEqual(['Fix me (old)', 'Fix me (new)', 'Their fix']);
    expect(filterByStatus(list, 'all')).toBe(list);
    expect(filterByStatus(list, 'approved')).toEqual([]);
  });

  it('awaiting my review: in review, mine or without an editor, not written by me, longest waiting first', () => {
    expect(awaitingMyReview(list, editor).map((s) => s.title)).toEqual(['No editor, waiting 5 days', 'Mine, waiting 2 days']);
  });

  it('awaits nothing for a writer or without a profile', () => {
    expect(awaitingMyReview(list, { personId: ME, role: 'writer' })).toEqual([]);
    expect(awaitingMyReview(list, null)).toEqual([]);
  });

  it('I have to fix: my articles with changes requested, in any role, least recently touched first', () => {
    expect(iHaveToFix(list, { personId: ME, role: 'writer' }).map((s) => s.title)).toEqual(['Fix me (old)', 'Fix me (new)']);
    expect(iHaveToFix(list, editor).map((s) => s.title)).toEqual(['Fix me (old)', 'Fix me (new)']);
    expect(iHaveToFix(list, { personId: OTHER, role: 'writer' }).map((s) => s.title)).toEqual(['Their fix']);
    expect(iHaveToFix(list, null)).toEqual([]);
  });

  it('oldest waiting: every article in review by how long it has waited, limited', () => {
    expect(oldestWaiting(list).map((s) => s.title)).toEqual(['Someone else reviews', 'No editor, waiting 5 days', 'I wrote it', 'Mine, waiting 2 days']);
    expect(oldestWaiting(list, 2)).toHaveLength(2);
  });

  it('says how long something waited in words', () => {
    const now = new Date('2024-05-01T12:00:00.000Z');
    expect(waitedFor('2024-05-01T11:30:00.000Z', now)).toBe('waiting under an hour');
    expect(waitedFor('2024-05-01T07:00:00.000Z', now)).toBe('waiting 5 hours');
    expect(waitedFor('2024-04-28T12:00:00.000Z', now)).toBe('waiting 3 days');
    expect(waitedFor(null, now)).toBe('waiting');
  });
});

describe('reviewSummaryOf', () => {
  const records = () => buildSeedRecords(new Date('2024-01-01T00:00:00Z'), () => ulid());
  const actor = (p: { id: string; name: string }, role: 'writer' | 'editor'): Actor => ({ personId: p.id, role, name: p.name });

  it('a draft waits for nobody and has no open comments', () => {
    const { comparison } = records();
    expect(reviewSummaryOf(comparison)).toEqual({
      status: 'draft',
      authorId: comparison.byline.authorId,
      editorId: comparison.byline.editorId,
      waitingSince: null,
      openComments: 0,
    });
  });

  it('waits since the earliest submission still awaiting review, and stops once every part is decided', () => {
    const { comparison, author, editor: ed } = records();
    comparison.review = reviewComparison(comparison, actor(author, 'writer'), { action: 'submit' }, '2024-02-01T10:00:00.000Z', []);
    // One part approved later: the rest still waits since the first submission.
    comparison.review = reviewComparison(
      comparison,
      actor(ed, 'editor'),
      { action: 'approve', parts: ['summary'], sections: [] },
      '2024-02-03T10:00:00.000Z',
      [],
    );
    expect(reviewSummaryOf(comparison)).toMatchObject({ status: 'in_review', waitingSince: '2024-02-01T10:00:00.000Z' });
    comparison.review = reviewComparison(
      comparison,
      actor(ed, 'editor'),
      { action: 'request_changes', parts: [], sections: ['header', 'keyDifferences', 'chart', 'definitions', 'faqs', 'byline'] },
      '2024-02-04T10:00:00.000Z',
      [],
    );
    expect(reviewSummaryOf(comparison)).toMatchObject({ status: 'changes_requested', waitingSince: null });
  });
});
