import type { Comparison } from '../model/comparison';
import type { Person } from '../model/person';
import { articleContentHash, partHash, partsOf, personContentHashOf, personParts, type Part } from './parts';
import { isCheckedReview } from './reviewCheck';
import { reviewRecordSchema, type PartReview, type ReviewRecord } from './reviewModel';

/** A part's state as the reviewer sees it now. `changed` = approved, then edited since. */
export type PartState = 'draft' | 'submitted' | 'changes_requested' | 'approved' | 'changed';
export type ReviewStatus = 'draft' | 'in_review' | 'changes_requested' | 'approved' | 'signed_off';

export const PART_STATE_WORDS: Record<PartState, string> = {
  draft: 'Draft',
  submitted: 'Awaiting review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  changed: 'Changed since approval',
};

/** The stored review data, read leniently: anything that is not the review shape counts as none. */
export function readReview(value: unknown): ReviewRecord {
  const parsed = reviewRecordSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { parts: {}, signOff: null, comments: [] };
}

/** No records, no sign-off, no comments: stored as no `review` field at all. */
export function isEmptyReview(r: ReviewRecord): boolean {
  return Object.keys(r.parts).length === 0 && r.signOff === null && r.comments.length === 0;
}

export function partState(record: PartReview | undefined, currentHash: string): PartState {
  if (!record) return 'draft';
  if (record.state === 'approved') return record.hash === currentHash ? 'approved' : 'changed';
  return record.state;
}

export interface PartView extends Part {
  hash: string;
  state: PartState;
  record: PartReview | null;
}

export interface ReviewView {
  parts: PartView[];
  status: ReviewStatus;
  /** The stored sign-off, and whether the content still hashes to it. */
  signOff: (ReviewRecord['signOff'] & { valid: boolean }) | null;
  contentHash: string;
  review: ReviewRecord;
}

/** Derives every part's state and the document's status (never stored twice). */
export function deriveStatus(parts: ReadonlyArray<Pick<PartView, 'state'>>, signOffValid: boolean): ReviewStatus {
  const states = parts.map((p) => p.state);
  if (states.length > 0 && states.every((s) => s === 'approved')) return signOffValid ? 'signed_off' : 'approved';
  if (states.includes('changes_requested')) return 'changes_requested';
  if (states.some((s) => s !== 'draft')) return 'in_review';
  return 'draft';
}

/**
 * Part hashes by the record object they come from. Only for callers whose records are immutable
 * (the editor's reducer replaces an item when it changes): then a keystroke re-hashes one part.
 */
export type HashCache = WeakMap<object, string>;

function view(parts: Part[], review: ReviewRecord, hashWhole: () => string, cache?: HashCache): ReviewView {
  const views = parts.map((p) => {
    let hash = p.source && cache ? cache.get(p.source) : undefined;
    if (hash === undefined) {
      hash = partHash(p);
      if (p.source && cache) cache.set(p.source, hash);
    }
    const record = review.parts[p.key] ?? null;
    return { ...p, hash, record, state: partState(record ?? undefined, hash) };
  });
  // The whole article's hash is needed only where a sign-off exists or is being made.
  let whole: string | undefined;
  const contentHash = () => (whole ??= hashWhole());
  const signOff = review.signOff ? { ...review.signOff, valid: review.signOff.hash === contentHash() } : null;
  return {
    parts: views,
    status: deriveStatus(views, signOff?.valid === true),
    signOff,
    get contentHash() {
      return contentHash();
    },
    review,
  };
}

/**
 * readReview for a view, which only reads: stored data the schema would return unchanged (as
 * every record read or written through it) is used as it is, skipping a second zod pass. The view
 * then shares the stored review object: review data is never changed in place (review actions and
 * imports build new objects), and must not be.
 */
export function reviewForView(value: unknown): ReviewRecord {
  if (value === undefined) return { parts: {}, signOff: null, comments: [] };
  return isCheckedReview(value) ? value : readReview(value);
}

export function reviewOfComparison(c: Comparison, cache?: HashCache): ReviewView {
  return view(partsOf(c), reviewForView(c.review), () => articleContentHash(c), cache);
}

export function reviewOfPerson(p: Person): ReviewView {
  return view(personParts(p), reviewForView(p.review), () => personContentHashOf(p));
}

export function comparisonStatus(c: Comparison): ReviewStatus {
  return reviewOfComparison(c).status;
}
