import type { Comparison } from '../model/comparison';
import type { Person } from '../model/person';
import { anchorFieldText, partsOf, personParts, type Section } from './parts';
import type { CommentAnchor, Profile, ReviewRecord } from './reviewModel';
import { readReview, reviewOfComparison, reviewOfPerson, type ReviewView } from './status';

/**
 * The review rules as pure functions: each takes the record, the acting profile and the time,
 * and returns the new review data or throws a ReviewRefusal whose message is shown as it is.
 */

export type RefusalCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND';
export class ReviewRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewRefusal';
  }
}

export interface Actor extends Profile {
  /** For messages: the acting person's name. */
  name: string;
}

export type Decision = 'approve' | 'request_changes';

function requireEditor(actor: Actor, what: string): void {
  if (actor.role !== 'editor') {
    throw new ReviewRefusal('FORBIDDEN', `Only editors can ${what}. You are working as a writer; switch your profile to an editor first.`);
  }
}

/** Four-eyes: the author of an article never approves parts of it or signs it off. */
export function fourEyes(c: Pick<Comparison, 'byline'>, actor: Actor, what: string): void {
  if (c.byline.authorId !== null && c.byline.authorId === actor.personId) {
    throw new ReviewRefusal(
      'FORBIDDEN',
      `${actor.name} wrote this article, so ${actor.name} cannot ${what}. Four-eyes rule: another editor must review it.`,
    );
  }
}

/** Part keys for a request: the named parts, plus every part of the named sections. */
export function resolvePartKeys(view: ReviewView, keys: readonly string[], sections: readonly Section[] = []): string[] {
  const known = new Set(view.parts.map((p) => p.key));
  for (const k of keys) {
    if (!known.has(k)) throw new ReviewRefusal('NOT_FOUND', `This article has no part ${k}: it may have been removed. Reload and try again.`);
  }
  const out = new Set(keys);
  for (const p of view.parts) if (sections.includes(p.section as Section)) out.add(p.key);
  if (out.size === 0) throw new ReviewRefusal('INVALID_INPUT', 'Choose at least one part or section.');
  return view.parts.map((p) => p.key).filter((k) => out.has(k));
}

/** Marks every part that is not currently approved as submitted for review. */
export function submit(view: ReviewView, actor: Actor, at: string): ReviewRecord {
  const pending = view.parts.filter((p) => p.state !== 'approved' && p.state !== 'submitted');
  if (pending.length === 0) {
    throw new ReviewRefusal('INVALID_INPUT', view.status === 'in_review' ? 'It is already waiting for review.' : 'Every part is already approved: there is nothing to submit.');
  }
  const parts = { ...view.review.parts };
  for (const p of pending) parts[p.key] = { state: 'submitted', by: actor.personId, at, hash: p.hash };
  return { ...view.review, parts };
}

/** An editor approves parts or requests changes on them. */
export function decide(view: ReviewView, actor: Actor, keys: readonly string[], decision: Decision, at: string): ReviewRecord {
  const parts = { ...view.review.parts };
  for (const key of keys) {
    const p = view.parts.find((x) => x.key === key);
    if (!p) throw new ReviewRefusal('NOT_FOUND', `This article has no part ${key}.`);
    parts[key] = { state: decision === 'approve' ? 'approved' : 'changes_requested', by: actor.personId, at, hash: p.hash };
  }
  return { ...view.review, parts };
}

/** Sign-off needs every part approved and a checklist without errors; it records the whole hash. */
export function signOff(view: ReviewView, actor: Actor, checklistErrors: readonly string[], at: string): ReviewRecord {
  const open = view.parts.filter((p) => p.state !== 'approved');
  if (open.length > 0) {
    const names = open.slice(0, 3).map((p) => p.label).join(', ');
    throw new ReviewRefusal(
      'INVALID_INPUT',
      `${open.length} part${open.length === 1 ? ' is' : 's are'} not approved yet (${names}${open.length > 3 ? ', …' : ''}). Approve every part before signing off.`,
    );
  }
  if (checklistErrors.length > 0) {
    throw new ReviewRefusal(
      'INVALID_INPUT',
      `The checklist has ${checklistErrors.length} error${checklistErrors.length === 1 ? '' : 's'}: ${checklistErrors[0]}${checklistErrors.length > 1 ? ' …' : ''} Fix ${checklistErrors.length === 1 ? 'it' : 'them'} before signing off.`,
    );
  }
  return { ...view.review, signOff: { by: actor.personId, at, hash: view.contentHash } };
}

export type ReviewAction =
  | { action: 'submit' }
  | { action: 'approve' | 'request_changes'; parts: string[]; sections: Section[] }
  | { action: 'sign_off' };

/** One review action on an article, with the rules for who may do what. */
export function reviewComparison(c: Comparison, actor: Actor, act: ReviewAction, at: string, checklistErrors: readonly string[]): ReviewRecord {
  const view = reviewOfComparison(c);
  switch (act.action) {
    case 'submit':
      return submit(view, actor, at);
    case 'approve':
    case 'request_changes': {
      requireEditor(actor, act.action === 'approve' ? 'approve parts' : 'request changes');
      fourEyes(c, actor, act.action === 'approve' ? 'approve parts of it' : 'review it');
      return decide(view, actor, resolvePartKeys(view, act.parts, act.sections), act.action, at);
    }
    case 'sign_off':
      requireEditor(actor, 'sign off articles');
      fourEyes(c, actor, 'sign it off');
      return signOff(view, actor, checklistErrors, at);
  }
}

/** The same for a person's bio: they cannot approve or sign off their own. */
export function reviewPerson(p: Person, actor: Actor, act: ReviewAction, at: string): ReviewRecord {
  const view = reviewOfPerson(p);
  if (act.action === 'submit') return submit(view, actor, at);
  requireEditor(actor, act.action === 'sign_off' ? 'sign off bios' : 'review bios');
  if (actor.personId === p.id) {
    throw new ReviewRefusal('FORBIDDEN', `${actor.name} cannot review their own bio. Four-eyes rule: another editor must review it.`);
  }
  if (act.action === 'sign_off') return signOff(view, actor, [], at);
  const keys = personParts(p).map((x) => x.key);
  return decide(view, actor, act.parts.length > 0 ? act.parts.filter((k) => keys.includes(k)) : keys, act.action, at);
}

// ---------------------------------------------------------------------------------------------
// Comments

export interface NewComment {
  part: string;
  anchor: CommentAnchor | null;
  text: string;
}

/** What comments attach to: an article (any of its parts) or a person (their bio, part `bio`, unanchored). */
export type Commented = Comparison | Person;

function isComparison(r: Commented): r is Comparison {
  return 'title' in r;
}

export function addComment(c: Commented, actor: Actor, input: NewComment, ids: { thread: string; message: string }, at: string): ReviewRecord {
  const review = readReview(c.review);
  if (isComparison(c)) {
    if (!partsOf(c).some((p) => p.key === input.part)) throw new ReviewRefusal('NOT_FOUND', 'That part no longer exists in this article. Reload and try again.');
    if (input.anchor) {
      const text = anchorFieldText(c, input.part, input.anchor.field);
      const { from, to, quote } = input.anchor;
      if (text === null || from >= to || to > text.length || text.slice(from, to) !== quote) {
        throw new ReviewRefusal('INVALID_INPUT', 'The selected text has changed since you selected it. Select it again and comment.');
      }
    }
  } else {
    if (!personParts(c).some((p) => p.key === input.part)) throw new ReviewRefusal('NOT_FOUND', `A person has one reviewed part, their bio: comment on \`bio\`, not \`${input.part}\`.`);
    if (input.anchor) throw new ReviewRefusal('INVALID_INPUT', 'Comments on a bio are on the whole bio: they cannot quote a text selection.');
  }
  const thread = {
    id: ids.thread,
    part: input.part,
    anchor: input.anchor,
    resolved: null,
    messages: [{ id: ids.message, by: actor.personId, at, text: input.text.trim() }],
  };
  return { ...review, comments: [...review.comments, thread] };
}

function withThread(c: Commented, threadId: string, change: (t: ReviewRecord['comments'][number]) => ReviewRecord['comments'][number]): ReviewRecord {
  const review = readReview(c.review);
  const at = review.comments.findIndex((t) => t.id === threadId);
  if (at < 0) throw new ReviewRefusal('NOT_FOUND', 'That comment thread no longer exists. Reload and try again.');
  const comments = [...review.comments];
  comments[at] = change(comments[at]!);
  return { ...review, comments };
}

export function replyToComment(c: Commented, actor: Actor, threadId: string, text: string, messageId: string, at: string): ReviewRecord {
  return withThread(c, threadId, (t) => ({ ...t, messages: [...t.messages, { id: messageId, by: actor.personId, at, text: text.trim() }] }));
}

export function resolveComment(c: Commented, actor: Actor, threadId: string, resolved: boolean, at: string): ReviewRecord {
  return withThread(c, threadId, (t) => ({ ...t, resolved: resolved ? { by: actor.personId, at } : null }));
}

/** Where a thread sits now: its part's label, or null when the part was removed. */
export function threadPartLabel(c: Comparison, part: string): string | null {
  return partsOf(c).find((p) => p.key === part)?.label ?? null;
}
