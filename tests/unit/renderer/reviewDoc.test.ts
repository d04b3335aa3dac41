// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Comparison } from '../../../src/shared/model/comparison';
import { useReviewDoc } from '../../../src/renderer/review/EditorReview';
import { formatDate } from '../../../src/renderer/sidebar/statusWords';
import { paragraphDoc, teaVsCoffee } from './teaVsCoffee';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
});

const SETTLE = 200;
const ID = (n: number) => `01HZ${String(n).padStart(22, '0')}`;
const para = paragraphDoc;

/** An article with 25 parts (10 key differences, 5 chart rows, 10 FAQs), as the editor holds it. */
const loadFixture = (): Comparison =>
  teaVsCoffee({
    id: ID(0),
    revision: 3,
    summary: para('Two drinks.'),
    keyDifferences: Array.from({ length: 10 }, (_, i) => ({ id: ID(100 + i), text: para(`Difference ${i}`) })),
    chart: { headerLabel: '', rows: Array.from({ length: 5 }, (_, i) => ({ id: ID(200 + i), label: `Row ${i}`, values: { a: 'x', b: 'y' } })) },
    faqs: Array.from({ length: 10 }, (_, i) => ({ id: ID(300 + i), question: `Question ${i}?`, answer: para(`Answer ${i}.`) })),
  });

/** Renders useReviewDoc(doc) and records every doc it returned, render by render. */
async function mount(first: Comparison) {
  const seen: Comparison[] = [];
  function Probe({ doc }: { doc: Comparison }) {
    seen.push(useReviewDoc(doc, SETTLE));
    return null;
  }
  root = createRoot(document.createElement('div'));
  await act(async () => root!.render(createElement(Probe, { doc: first })));
  const show = (doc: Comparison) => act(async () => root!.render(createElement(Probe, { doc })));
  return { seen, show, last: () => seen[seen.length - 1] };
}

const typed = (doc: Comparison, text: string): Comparison => ({ ...doc, title: `${doc.title}${text}` });

describe('useReviewDoc: the article the review view follows', () => {
  it('follows text edits only once typing pauses, skipping the keystrokes in between', async () => {
    vi.useFakeTimers();
    const start = loadFixture();
    const { seen, show, last } = await mount(start);
    let doc = start;
    for (const ch of 'abc') {
      doc = typed(doc, ch);
      await show(doc);
      await act(async () => vi.advanceTimersByTime(SETTLE / 2));
      expect(last()).toBe(start);
    }
    await act(async () => vi.advanceTimersByTime(SETTLE));
    expect(last()).toBe(doc);
    // The docs of "a" and "ab" were never handed to the review view.
    expect(seen.some((d) => d.title.endsWith('a') || d.title.endsWith('ab'))).toBe(false);
  });

  it('still catches up about once a second while typing never pauses', async () => {
    vi.useFakeTimers();
    const start = loadFixture();
    const { show, last } = await mount(start);
    let doc = start;
    // A key every 100 ms for 1.5 s: never a 200 ms pause.
    for (let i = 0; i < 15; i++) {
      doc = typed(doc, String(i % 10));
      await show(doc);
      await act(async () => vi.advanceTimersByTime(100));
    }
    expect(last()).not.toBe(start);
    expect(last()?.title.length).toBeGreaterThan(start.title.length + 5);
  });

  it('takes a new review record or another article at once, in the same render', async () => {
    vi.useFakeTimers();
    const start = loadFixture();
    const { show, last } = await mount(start);
    await show(typed(start, 'x'));
    expect(last()).toBe(start);
    const reviewed = { ...typed(start, 'x'), review: { parts: {}, signOff: null, comments: [] } } as Comparison;
    await show(reviewed);
    expect(last()).toBe(reviewed);
    // And text edits after it wait again.
    await show(typed(reviewed, 'y'));
    expect(last()).toBe(reviewed);
    const other = { ...start, id: '01JBBBBBBBBBBBBBBBBBBBBBBB' } as Comparison;
    await show(other);
    expect(last()).toBe(other);
  });

  it('lets a save (new revision, an equal copy of the review data) wait for the pause like text edits', async () => {
    vi.useFakeTimers();
    const start = { ...loadFixture(), review: { parts: {}, signOff: null, comments: [] } } as Comparison;
    const { show, last } = await mount(start);
    const saved = { ...typed(start, 'x'), revision: start.revision + 1, review: structuredClone(start.review) } as Comparison;
    await show(saved);
    expect(last()).toBe(start);
    await act(async () => vi.advanceTimersByTime(SETTLE));
    expect(last()).toBe(saved);
  });
});

describe('formatDate', () => {
  it('reads as toLocaleDateString with the same options, and leaves a bad date as it is', () => {
    for (const iso of ['2025-11-30T10:00:00.000Z', '2024-02-29T23:59:59.000Z', '1999-01-01T00:00:00.000Z']) {
      expect(formatDate(iso)).toBe(new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
    }
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('a save keeps the article\'s item objects', () => {
  it('reuses every field the store returned unchanged, takes what it changed, and the review view re-hashes no item', async () => {
    const { editorReducer, initialEditorState } = await import('../../../src/renderer/comparison/comparisonReducer');
    const { reviewOfComparison } = await import('../../../src/shared/review/status');
    const start = loadFixture();
    let state = editorReducer(initialEditorState(start), { type: 'setTitle', title: 'Edited title' });
    const sent = state.doc;
    // The store answers with a fresh copy (new objects), a new revision and a de-duplicated slug.
    const stored = { ...structuredClone(sent), revision: sent.revision + 1, slug: `${sent.slug}-2` };
    state = editorReducer(state, { type: 'saved', sent, sentVersion: state.version, saved: stored });
    expect(state.version).toBe(state.savedVersion);
    expect(state.doc).toEqual(stored);
    expect(state.doc.faqs).toBe(sent.faqs);
    expect(state.doc.keyDifferences).toBe(sent.keyDifferences);
    expect(state.doc.revision).toBe(sent.revision + 1);
    expect(state.doc.slug).toBe(`${sent.slug}-2`);

    const cache = new WeakMap<object, string>();
    const before = reviewOfComparison(sent, cache);
    const hashed: string[] = [];
    const spy = new Proxy(cache, { get: (target, key) => (key === 'set' ? (k: object, v: string) => (hashed.push(v), target.set(k, v)) : Reflect.get(target, key).bind(target)) });
    const after = reviewOfComparison(state.doc, spy);
    // Only the header (title, slug: the slug changed) is hashed again; every other part comes from the cache.
    const changed = after.parts.filter((p, i) => p.hash !== before.parts[i]?.hash).map((p) => p.key);
    expect(changed).toEqual(['header']);
    // No item was hashed anew (the header is not cached by item: it is the article's own fields).
    expect(hashed).toEqual([]);
    expect(before.parts.length).toBeGreaterThan(20);
  });

  it('keeps them when the store answers with the keys in another order (a record read from disk has them sorted)', async () => {
    const { editorReducer, initialEditorState } = await import('../../../src/renderer/comparison/comparisonReducer');
    const { comparisonSchema } = await import('../../../src/shared/model/comparison');
    const { stableStringify } = await import('../../../src/shared/util/stableStringify');
    // As opened: parsed from the file, every object's keys in sorted order.
    const opened = JSON.parse(stableStringify(loadFixture())) as Comparison;
    let state = editorReducer(initialEditorState(opened), { type: 'setTitle', title: 'Edited title' });
    const sent = state.doc;
    // The save's answer: the schema's checked copy, keys in schema order.
    const stored = comparisonSchema.parse({ ...sent, revision: sent.revision + 1 });
    expect(JSON.stringify(stored.faqs)).not.toBe(JSON.stringify(sent.faqs));
    state = editorReducer(state, { type: 'saved', sent, sentVersion: state.version, saved: stored });
    expect(state.doc.faqs).toBe(sent.faqs);
    expect(state.doc.keyDifferences).toBe(sent.keyDifferences);
    expect(state.doc.summary).toBe(sent.summary);
    expect(state.doc.revision).toBe(sent.revision + 1);
  });
});
