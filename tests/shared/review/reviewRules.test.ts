import fc from 'fast-check';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';
import type { Comparison } from '../../../src/shared/model/comparison';
import { docFromText, type InlineDoc } from '../../../src/shared/model/richText';
import { addComment, reviewComparison, reviewPerson, resolveComment, threadPartLabel, type Actor } from '../../../src/shared/review/actions';
import { partsOf } from '../../../src/shared/review/parts';
import { deriveStatus, reviewOfComparison, type PartState } from '../../../src/shared/review/status';

const AT = '2025-01-02T03:04:05.000Z';

function seed() {
  const records = buildSeedRecords(new Date('2025-01-01T00:00:00Z'), () => ulid());
  const writer: Actor = { personId: records.author.id, role: 'writer', name: 'Ann Author' };
  const editor: Actor = { personId: records.editor.id, role: 'editor', name: 'Ed Editor' };
  return { comparison: records.comparison, authorPerson: records.author, editorPerson: records.editor, writer, editor };
}

/** The article with the given review applied (what the service stores). */
const withReview = (c: Comparison, review: Comparison['review']): Comparison => ({ ...c, review });

function approvedAll(c: Comparison, editor: Actor): Comparison {
  const submitted = withReview(c, reviewComparison(c, editor, { action: 'submit' }, AT, []));
  return withReview(submitted, reviewComparison(submitted, editor, { action: 'approve', parts: [], sections: ['header', 'summary', 'keyDifferences', 'chart', 'definitions', 'faqs', 'byline'] }, AT, []));
}

const states = (c: Comparison) => Object.fromEntries(reviewOfComparison(c).parts.map((p) => [p.key, p.state]));

describe('status derived from parts', () => {
  it('goes draft → in review → changes requested → approved → signed off', () => {
    const { comparison, writer, editor } = seed();
    expect(reviewOfComparison(comparison).status).toBe('draft');
    const submitted = withReview(comparison, reviewComparison(comparison, writer, { action: 'submit' }, AT, []));
    expect(reviewOfComparison(submitted).status).toBe('in_review');
    const row = `chart:${comparison.chart.rows[1].id}`;
    const asked = withReview(submitted, reviewComparison(submitted, editor, { action: 'request_changes', parts: [row], sections: [] }, AT, []));
    expect(reviewOfComparison(asked).status).toBe('changes_requested');
    expect(states(asked)[row]).toBe('changes_requested');
    const approved = approvedAll(asked, editor);
    expect(reviewOfComparison(approved).status).toBe('approved');
    const signed = withReview(approved, reviewComparison(approved, editor, { action: 'sign_off' }, AT, []));
    expect(reviewOfComparison(signed).status).toBe('signed_off');
    expect(reviewOfComparison(signed).signOff).toMatchObject({ by: editor.personId, at: AT, valid: true });
  });

  it('is the lowest common state: any requested change wins over approvals, any activity over draft', () => {
    const s = (...xs: PartState[]) => deriveStatus(xs.map((state) => ({ state })), false);
    expect(s('draft', 'draft')).toBe('draft');
    expect(s('draft', 'submitted')).toBe('in_review');
    expect(s('approved', 'changed')).toBe('in_review');
    expect(s('approved', 'changes_requested', 'submitted')).toBe('changes_requested');
    expect(s('approved', 'approved')).toBe('approved');
    expect(deriveStatus([{ state: 'approved' }], true)).toBe('signed_off');
    expect(deriveStatus([{ state: 'changed' }], true)).toBe('in_review');
  });

  it('voids the sign-off on any later edit, and says so through signOff.valid', () => {
    const { comparison, editor } = seed();
    const approved = approvedAll(comparison, editor);
    const done = withReview(approved, reviewComparison(approved, editor, { action: 'sign_off' }, AT, []));
    const edited: Comparison = { ...done, faqs: done.faqs.map((f, i) => (i === 0 ? { ...f, question: `${f.question} Really?` } : f)) };
    const view = reviewOfComparison(edited);
    expect(view.status).toBe('in_review');
    expect(view.signOff?.valid).toBe(false);
    // Exactly that FAQ went back; every other part is still approved.
    const changed = view.parts.filter((p) => p.state !== 'approved').map((p) => p.key);
    expect(changed).toEqual([`faq:${done.faqs[0].id}`]);
    expect(view.parts.find((p) => p.key === changed[0])?.state).toBe('changed');
  });
});

/** One edit to one part of the article, chosen by the generator. */
type Edit = { kind: 'kd' | 'chart' | 'def' | 'faq'; index: number; text: string } | { kind: 'summary' | 'title'; text: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('kd' as const, 'chart' as const, 'def' as const, 'faq' as const), index: fc.nat(4), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constantFrom('summary' as const, 'title' as const), text: fc.string({ minLength: 1, maxLength: 20 }) }),
);

function applyEdit(c: Comparison, e: Edit): { next: Comparison; key: string } {
  const doc = (text: string) => docFromText(text) as InlineDoc;
  switch (e.kind) {
    case 'summary':
      return { next: { ...c, summary: doc(`${e.text} edited`) }, key: 'summary' };
    case 'title':
      return { next: { ...c, title: `${c.title} ${e.text}`, titleEdited: true }, key: 'header' };
    case 'kd': {
      const k = c.keyDifferences[e.index % c.keyDifferences.length];
      return { next: { ...c, keyDifferences: c.keyDifferences.map((x) => (x.id === k.id ? { ...x, text: doc(`${e.text} new`) } : x)) }, key: `kd:${k.id}` };
    }
    case 'chart': {
      const r = c.chart.rows[e.index % c.chart.rows.length];
      return { next: { ...c, chart: { ...c.chart, rows: c.chart.rows.map((x) => (x.id === r.id ? { ...x, values: { ...x.values, a: `${x.values.a ?? ''}${e.text}` } } : x)) } }, key: `chart:${r.id}` };
    }
    case 'def': {
      const d = c.definitions[e.index % c.definitions.length];
      return { next: { ...c, definitions: c.definitions.map((x) => (x.id === d.id ? { ...x, examples: [...x.examples, { id: ulid(), text: e.text }] } : x)) }, key: `def:${d.id}` };
    }
    case 'faq': {
      const f = c.faqs[e.index % c.faqs.length];
      return { next: { ...c, faqs: c.faqs.map((x) => (x.id === f.id ? { ...x, question: `${x.question}${e.text}` } : x)) }, key: `faq:${f.id}` };
    }
  }
}

/** A permutation of a list from a seed of swaps. */
function shuffled<T>(xs: readonly T[], swaps: ReadonlyArray<[number, number]>): T[] {
  const out = [...xs];
  for (const [i, j] of swaps) {
    const a = i % out.length;
    const b = j % out.length;
    [out[a], out[b]] = [out[b]!, out[a]!];
  }
  return out;
}

describe('properties of approvals bound to content', () => {
  const base = seed();
  const approved = approvedAll(base.comparison, base.editor);

  it('any edit to an approved part un-approves exactly that part', () => {
    fc.assert(
      fc.property(editArb, (edit) => {
        const { next, key } = applyEdit(approved, edit);
        const after = states(next);
        for (const [k, state] of Object.entries(after)) expect(state).toBe(k === key ? 'changed' : 'approved');
      }),
      { numRuns: 200 },
    );
  });

  it('moving parts changes no approval', () => {
    const swaps = fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 10 });
    fc.assert(
      fc.property(swaps, swaps, swaps, swaps, (a, b, c, d) => {
        const moved: Comparison = {
          ...approved,
          keyDifferences: shuffled(approved.keyDifferences, a),
          chart: { ...approved.chart, rows: shuffled(approved.chart.rows, b) },
          definitions: shuffled(approved.definitions, c),
          faqs: shuffled(approved.faqs, d),
        };
        expect(Object.values(states(moved)).every((s) => s === 'approved')).toBe(true);
        expect(reviewOfComparison(moved).status).toBe('approved');
      }),
      { numRuns: 200 },
    );
  });

  it('a comment keeps its part through any reordering', () => {
    const faq = approved.faqs[3];
    const commented = withReview(approved, addComment(approved, base.editor, { part: `faq:${faq.id}`, anchor: null, text: 'Shorter?' }, { thread: ulid(), message: ulid() }, AT));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 10 }), (swaps) => {
        const moved = { ...commented, faqs: shuffled(commented.faqs, swaps) };
        const thread = moved.review!.comments[0];
        const position = moved.faqs.findIndex((f) => f.id === faq.id);
        expect(threadPartLabel(moved, thread.part)).toBe(partsOf(moved).find((p) => p.key === `faq:${faq.id}`)!.label);
        expect(position).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('who may do what', () => {
  it('refuses the author approving, requesting changes or signing off — the four-eyes rule', () => {
    const { comparison, writer } = seed();
    const author: Actor = { ...writer, role: 'editor' };
    const approve = () => reviewComparison(comparison, author, { action: 'approve', parts: ['summary'], sections: [] }, AT, []);
    expect(approve).toThrow(/Ann Author wrote this article, so Ann Author cannot approve parts of it\. Four-eyes rule/);
    expect(() => reviewComparison(comparison, author, { action: 'request_changes', parts: ['summary'], sections: [] }, AT, [])).toThrow(/Four-eyes/);
    expect(() => reviewComparison(approvedAll(comparison, seed().editor), author, { action: 'sign_off' }, AT, [])).toThrow(/cannot sign it off/);
  });

  it('lets only editors approve, and anyone submit', () => {
    const { comparison, writer, editor } = seed();
    const asWriter: Actor = { ...editor, role: 'writer' };
    expect(() => reviewComparison(comparison, asWriter, { action: 'approve', parts: ['summary'], sections: [] }, AT, [])).toThrow(/Only editors can approve parts/);
    expect(reviewComparison(comparison, writer, { action: 'submit' }, AT, []).parts.summary).toMatchObject({ state: 'submitted', by: writer.personId });
  });

  it('refuses a sign-off while a part is unapproved or the checklist has errors', () => {
    const { comparison, editor } = seed();
    expect(() => reviewComparison(comparison, editor, { action: 'sign_off' }, AT, [])).toThrow(/parts are not approved yet \(Header \(terms, title, slug\), Summary, Key difference 1, …\)/);
    const approved = approvedAll(comparison, editor);
    expect(() => reviewComparison(approved, editor, { action: 'sign_off' }, AT, ['No author is set.'])).toThrow('The checklist has 1 error: No author is set. Fix it before signing off.');
  });

  it('refuses a person reviewing their own bio', () => {
    const { editorPerson, authorPerson, editor } = seed();
    expect(() => reviewPerson(editorPerson, editor, { action: 'approve', parts: [], sections: [] }, AT)).toThrow(/Ed Editor cannot review their own bio/);
    const approved = reviewPerson(authorPerson, editor, { action: 'approve', parts: [], sections: [] }, AT);
    expect(approved.parts.bio?.state).toBe('approved');
  });

  it('names a part that does not exist instead of approving nothing', () => {
    const { comparison, editor } = seed();
    expect(() => reviewComparison(comparison, editor, { action: 'approve', parts: ['faq:01JZZZZZZZZZZZZZZZZZZZZZZZ'], sections: [] }, AT, [])).toThrow(/no part faq:/);
    expect(() => reviewComparison(comparison, editor, { action: 'approve', parts: [], sections: [] }, AT, [])).toThrow(/at least one part/);
  });
});

describe('comments', () => {
  it('anchors to a text range only while the quote still matches', () => {
    const { comparison, editor } = seed();
    const kd = comparison.keyDifferences[0];
    const text = kd.text.content[0]!.content!.map((n) => ('text' in n ? n.text : '')).join('');
    const quote = text.slice(4, 14);
    const ok = addComment(comparison, editor, { part: `kd:${kd.id}`, anchor: { field: 'text', from: 4, to: 14, quote }, text: 'Clarify' }, { thread: ulid(), message: ulid() }, AT);
    expect(ok.comments[0]).toMatchObject({ part: `kd:${kd.id}`, anchor: { from: 4, to: 14, quote }, resolved: null });
    expect(() => addComment(comparison, editor, { part: `kd:${kd.id}`, anchor: { field: 'text', from: 4, to: 14, quote: 'not there' }, text: 'x' }, { thread: ulid(), message: ulid() }, AT)).toThrow(/changed since you selected it/);
  });

  it('keeps a comment whose part is deleted, shown as on a removed part', () => {
    const { comparison, editor } = seed();
    const kd = comparison.keyDifferences[2];
    const review = addComment(comparison, editor, { part: `kd:${kd.id}`, anchor: null, text: 'Why?' }, { thread: ulid(), message: ulid() }, AT);
    const removed = { ...comparison, review, keyDifferences: comparison.keyDifferences.filter((k) => k.id !== kd.id) };
    expect(removed.review.comments).toHaveLength(1);
    expect(threadPartLabel(removed, removed.review.comments[0].part)).toBeNull();
  });

  it('resolves and reopens a thread', () => {
    const { comparison, editor, writer } = seed();
    const thread = ulid();
    const review = addComment(comparison, editor, { part: 'summary', anchor: null, text: 'Shorter' }, { thread, message: ulid() }, AT);
    const resolved = resolveComment({ ...comparison, review }, writer, thread, true, AT);
    expect(resolved.comments[0].resolved).toEqual({ by: writer.personId, at: AT });
    expect(resolveComment({ ...comparison, review: resolved }, writer, thread, false, AT).comments[0].resolved).toBeNull();
  });
});
