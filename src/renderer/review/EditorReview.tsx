import { createContext, useCallback, useContext, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { commentedComparison, type ProfileView } from '../../shared/api/reviewContract';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import type { Section } from '../../shared/review/parts';
import type { CommentAnchor, CommentThread } from '../../shared/review/reviewModel';
import { reviewOfComparison, type HashCache, type ReviewView } from '../../shared/review/status';
import { stableStringify } from '../../shared/util/stableStringify';
import { call, errorText } from '../api/client';
import { paintAnchors } from './anchors';
import { useProfile } from './ProfileContext';

export type ReviewActionName = 'submit' | 'approve' | 'request_changes' | 'sign_off';

/** Where a review message belongs: next to the part or section acted on, or the review bar. */
export type Where = string;

export interface EditorReviewApi {
  /** The article as last rendered at low priority (useDeferredValue): typing never waits on review. */
  doc: Comparison;
  /** The editor's copy right now (for a text selection's anchor at the moment of a click). */
  getDoc: () => Comparison;
  /** Derived from the local copy, so an edit shows "changed since approval" as it is typed. */
  view: ReviewView;
  profile: ProfileView | null;
  people: readonly Person[];
  isEditor: boolean;
  busy: boolean;
  message: { where: Where; text: string; kind: 'error' | 'ok' } | null;
  act: (where: Where, action: ReviewActionName, target?: { parts?: string[]; sections?: Section[] }) => Promise<boolean>;
  comment: (where: Where, part: string, anchor: CommentAnchor | null, text: string) => Promise<boolean>;
  reply: (thread: string, text: string) => Promise<boolean>;
  resolve: (thread: string, resolved: boolean) => Promise<boolean>;
  threadsByPart: ReadonlyMap<string, CommentThread[]>;
  openThreads: number;
  panelOpen: boolean;
  setPanelOpen: (open: boolean) => void;
  /** Scrolls to a part and focuses its first field. */
  focusPart: (key: string) => void;
  personName: (id: string) => string;
  clearMessage: () => void;
}

const DONE: Record<ReviewActionName, string> = {
  submit: 'Submitted for review.',
  approve: 'Approved.',
  request_changes: 'Changes requested.',
  sign_off: 'Signed off.',
};

const EditorReviewContext = createContext<EditorReviewApi | null>(null);

export function useEditorReview(): EditorReviewApi | null {
  return useContext(EditorReviewContext);
}

export interface EditorReviewProviderProps {
  doc: Comparison;
  people: readonly Person[];
  /** Saves pending edits; false when they cannot be stored (the action then waits). */
  flush: () => Promise<boolean>;
  /** The editor's current copy after the flush (for the base revision). */
  current: () => Comparison;
  /** The stored result of a review action: its revision and review data replace the local ones. */
  onReviewed: (saved: Comparison) => void;
  children: ReactNode;
}

export function EditorReviewProvider({ doc, people, flush, current, onReviewed, children }: EditorReviewProviderProps) {
  const { profile } = useProfile();
  // Typing is kept off the review work entirely: text edits reach the review view once the writer
  // pauses; a new review record, revision or article reaches it at once (and at low priority).
  const deferred = useDeferredValue(useReviewDoc(doc));
  // Items are replaced, never mutated, by the editor's reducer: their hashes can be cached.
  const [hashCache] = useState<HashCache>(() => new WeakMap());
  const view = useMemo(() => reviewOfComparison(deferred, hashCache), [deferred, hashCache]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<EditorReviewApi['message']>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const live = useRef({ flush, current, onReviewed });
  live.current = { flush, current, onReviewed };

  /** Saves pending edits, runs one review call on the stored revision, and takes its result. */
  const run = useCallback(async (where: Where, request: (c: Comparison) => Promise<Comparison>, done?: string): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      if (!(await live.current.flush())) {
        setMessage({ where, kind: 'error', text: 'Your latest edits are not saved yet (see the save status). Fix that first, then try again.' });
        return false;
      }
      const saved = await request(live.current.current());
      live.current.onReviewed(saved);
      if (done) setMessage({ where, kind: 'ok', text: done });
      return true;
    } catch (error) {
      setMessage({ where, kind: 'error', text: errorText(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const act = useCallback<EditorReviewApi['act']>(
    (where, action, target = {}) =>
      run(
        where,
        (c) => call('review.comparison', { id: c.id, baseRevision: c.revision, baseUpdatedAt: c.updatedAt, action, parts: target.parts ?? [], sections: target.sections ?? [] }),
        DONE[action],
      ),
    [run],
  );
  const comment = useCallback<EditorReviewApi['comment']>(
    (where, part, anchor, text) => run(where, (c) => call('comments.add', { id: c.id, baseRevision: c.revision, part, anchor, text }).then(commentedComparison)),
    [run],
  );
  const reply = useCallback<EditorReviewApi['reply']>(
    (thread, text) => run(`thread:${thread}`, (c) => call('comments.reply', { id: c.id, baseRevision: c.revision, thread, text }).then(commentedComparison)),
    [run],
  );
  const resolve = useCallback<EditorReviewApi['resolve']>(
    (thread, resolved) => run(`thread:${thread}`, (c) => call('comments.resolve', { id: c.id, baseRevision: c.revision, thread, resolved }).then(commentedComparison)),
    [run],
  );

  const comments = deferred.review?.comments;
  const threadsByPart = useMemo(() => {
    const map = new Map<string, CommentThread[]>();
    for (const t of comments ?? []) map.set(t.part, [...(map.get(t.part) ?? []), t]);
    return map;
  }, [comments]);
  const openThreads = (comments ?? []).filter((t) => t.resolved === null).length;

  // Open text-range comments are painted over the fields (CSS Custom Highlight API).
  useEffect(() => {
    paintAnchors(deferred.review?.comments ?? [], (part) => document.getElementById(partDomId(part)));
  }, [deferred]);
  useEffect(() => () => void paintAnchors([], () => null), []);

  const personName = useCallback((id: string) => people.find((p) => p.id === id)?.name ?? 'Someone no longer in this workspace', [people]);

  const getDoc = useCallback(() => live.current.current(), []);
  const clearMessage = useCallback(() => setMessage(null), []);
  const isEditor = profile?.role === 'editor';
  // Memoized on what consumers show, so a keystroke alone re-renders none of the part strips.
  const value = useMemo<EditorReviewApi>(() => ({
    doc: deferred,
    getDoc,
    view,
    profile,
    people,
    isEditor,
    busy,
    message,
    act,
    comment,
    reply,
    resolve,
    threadsByPart,
    openThreads,
    panelOpen,
    setPanelOpen,
    focusPart,
    personName,
    clearMessage,
  }), [deferred, getDoc, view, profile, people, isEditor, busy, message, act, comment, reply, resolve, threadsByPart, openThreads, panelOpen, personName, clearMessage]);
  return <EditorReviewContext.Provider value={value}>{children}</EditorReviewContext.Provider>;
}

/** How long typing must pause before the review view (part states, sign-off validity) follows the text. */
export const REVIEW_SETTLE_MS = 200;
/** While typing goes on, the review view still catches up at least this often. */
export const REVIEW_MAX_LAG_MS = 1000;

/**
 * The article the review view is derived from: `doc` itself when its review record or id changed
 * (a review action, another article), else `doc` once it has been still for REVIEW_SETTLE_MS
 * (text edits, and saves, which only change the revision: re-hashing the article then would
 * hold up the keystrokes typed meanwhile).
 */
export function useReviewDoc(doc: Comparison, settleMs = REVIEW_SETTLE_MS, maxLagMs = REVIEW_MAX_LAG_MS): Comparison {
  const [settled, setSettled] = useState(doc);
  const structural = settled.id !== doc.id || !sameReview(settled.review, doc.review);
  // Adjusting state while rendering (React's documented pattern): the new record shows in this render.
  if (structural) setSettled(doc);
  // The latest doc, for the catch-up timer below (which must not restart with every keystroke).
  const latest = useRef(doc);
  useEffect(() => {
    latest.current = doc;
  }, [doc]);
  const behind = settled !== doc;
  useEffect(() => {
    if (!behind) return;
    const timer = setTimeout(() => setSettled(latest.current), maxLagMs);
    return () => clearTimeout(timer);
  }, [behind, settled, maxLagMs]);
  useEffect(() => {
    if (settled === doc) return;
    const timer = setTimeout(() => setSettled(doc), settleMs);
    return () => clearTimeout(timer);
  }, [doc, settled, settleMs]);
  return structural ? doc : settled;
}

/** Same review data: the same object, or (a save's answer) an equal copy of it, its keys in any order. */
function sameReview(a: Comparison['review'], b: Comparison['review']): boolean {
  return a === b || stableStringify(a ?? null) === stableStringify(b ?? null);
}

/** The DOM id of a part's frame (jump target). */
export function partDomId(key: string): string {
  return `part-${key.replace(':', '-')}`;
}

function focusPart(key: string): void {
  const frame = document.getElementById(partDomId(key));
  if (!frame) return;
  frame.scrollIntoView({ block: 'center' });
  const field = frame.querySelector<HTMLElement>('input, textarea, select, [role="textbox"]');
  field?.focus({ preventScroll: true });
  frame.classList.add('part-flash');
  window.setTimeout(() => frame.classList.remove('part-flash'), 1200);
}
