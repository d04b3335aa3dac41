import fc from 'fast-check';
// Hash as main does (node:crypto), as the list is built there.
import '../../../src/main/store/nativeHash';
import { describe, expect, it } from 'vitest';
import { synthWorkspace } from '../../../bench/synth';
import type { Comparison } from '../../../src/shared/model/comparison';
import { reviewSummaryOf, type ReviewSummary } from '../../../src/shared/dashboard/reviewSummary';
import { articleContentHash, partContentsOf, partHash, partsOf, type Part } from '../../../src/shared/review/parts';
import { deriveStatus, partState, readReview, reviewOfComparison } from '../../../src/shared/review/status';
import { docFromText } from '../../../src/shared/model/richText';

/**
 * reviewSummaryOf takes a shorter road than the review view (no labels; a part hashed only for
 * an approval, the whole article only for a sign-off over all-approved parts): same answers.
 */

/**
 * The summary as it was computed before, built here from the old pieces (readReview's zod pass,
 * a hash of every part, the whole article's hash for the sign-off), not from reviewOfComparison,
 * whose fast path is under test too.
 */
function referenceSummary(c: Comparison): ReviewSummary {
  const review = readReview(c.review);
  const states = partsOf(c).map((p) => {
    const record = review.parts[p.key];
    return { state: partState(record, partHash(p)), record };
  });
  const signOffValid = review.signOff !== null && review.signOff.hash === articleContentHash(c);
  let waitingSince: string | null = null;
  for (const part of states) {
    if (part.state !== 'submitted' || !part.record) continue;
    if (waitingSince === null || part.record.at < waitingSince) waitingSince = part.record.at;
  }
  return {
    status: deriveStatus(states, signOffValid),
    authorId: c.byline.authorId,
    editorId: c.byline.editorId,
    waitingSince,
    openComments: review.comments.filter((t) => t.resolved === null).length,
  };
}

const short = (text: string, max = 40) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** partsOf as it was written before partContentsOf: labels and contents must not move. */
function referencePartsOf(c: Comparison): Part[] {
  const termName = (key: string) => c.terms.find((t) => t.key === key)?.name ?? key;
  return [
    {
      key: 'header',
      section: 'header',
      label: 'Header (terms, title, slug)',
      content: { terms: c.terms, title: c.title, slug: c.slug, chartHeader: c.chart.headerLabel },
    },
    { key: 'summary', section: 'summary', label: 'Summary', content: c.summary, source: c.summary },
    ...c.keyDifferences.map((k, i) => ({
      key: `kd:${k.id}`,
      section: 'keyDifferences' as const,
      label: `Key difference ${i + 1}`,
      content: k.text,
      source: k,
    })),
    ...c.chart.rows.map((r, i) => ({
      key: `chart:${r.id}`,
      section: 'chart' as const,
      label: r.label.trim() ? `Chart row “${short(r.label)}”` : `Chart row ${i + 1}`,
      content: { label: r.label, values: r.values },
      source: r,
    })),
    ...c.definitions.map((d, i) => ({
      key: `def:${d.id}`,
      section: 'definitions' as const,
      label: `Definition ${i + 1} (${termName(d.term)})`,
      content: { term: d.term, text: d.text, examples: d.examples.map((e) => e.text) },
      source: d,
    })),
    ...c.faqs.map((f, i) => ({
      key: `faq:${f.id}`,
      section: 'faqs' as const,
      label: f.question.trim() ? `FAQ “${short(f.question)}”` : `FAQ ${i + 1}`,
      content: { question: f.question, answer: f.answer },
      source: f,
    })),
    { key: 'byline', section: 'byline', label: 'Byline', content: c.byline },
  ];
}

const { comparisons } = synthWorkspace({ articles: 4, people: 6, seed: 21 });
const PERSON = '01HK153X0PERSN0000000000AA';
const HASH_WRONG = 'f'.repeat(64);

describe('the review summary', () => {
  it('lists the same parts, labels and contents as before', () => {
    for (const c of comparisons) {
      expect(partsOf(c)).toEqual(referencePartsOf(c));
      expect(partContentsOf(c).map(({ key, content }) => ({ key, content }))).toEqual(partsOf(c).map(({ key, content }) => ({ key, content })));
    }
  });

  it('matches the review view for any review state, sign-off and comments', () => {
    const state = fc.constantFrom('none', 'submitted', 'changes_requested', 'approved', 'approved-stale');
    fc.assert(
      fc.property(
        fc.constantFrom(...comparisons),
        fc.array(state, { minLength: 30, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 30, maxLength: 30 }),
        fc.constantFrom('none', 'valid', 'stale'),
        fc.array(fc.boolean(), { maxLength: 4 }),
        fc.boolean(),
        (base, states, days, signOff, resolved, edited) => {
          const view = reviewOfComparison(base);
          const parts: Record<string, unknown> = {};
          view.parts.forEach((p, i) => {
            const s = states[i % states.length];
            if (s === 'none') return;
            const at = `2024-03-${String(days[i % days.length]).padStart(2, '0')}T10:00:00.000Z`;
            parts[p.key] = { state: s === 'approved-stale' ? 'approved' : s, by: PERSON, at, hash: s === 'approved-stale' ? HASH_WRONG : p.hash };
          });
          const comments = resolved.map((r, i) => ({
            id: `01HK153X0C${String(i).padStart(16, '0')}`,
            part: 'summary',
            anchor: null,
            resolved: r ? { by: PERSON, at: '2024-03-02T00:00:00.000Z' } : null,
            messages: [{ id: `01HK153X0M${String(i).padStart(16, '0')}`, by: PERSON, at: '2024-03-01T00:00:00.000Z', text: 'Look' }],
          }));
          const sign = signOff === 'none' ? null : { by: PERSON, at: '2024-03-03T00:00:00.000Z', hash: signOff === 'valid' ? view.contentHash : HASH_WRONG };
          let c = { ...base, review: { parts, signOff: sign, comments } } as Comparison;
          // An edit after the review: that part's approval no longer holds, nor the sign-off.
          if (edited) c = { ...c, keyDifferences: c.keyDifferences.map((k, i) => (i === 0 ? { ...k, text: docFromText('Edited since.') } : k)) };
          expect(reviewSummaryOf(c)).toEqual(referenceSummary(c));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches when every part is approved, with a valid, a stale or no sign-off, and for damaged review data', () => {
    for (const base of comparisons) {
      const view = reviewOfComparison(base);
      const parts = Object.fromEntries(view.parts.map((p) => [p.key, { state: 'approved', by: PERSON, at: '2024-03-01T00:00:00.000Z', hash: p.hash }]));
      for (const hash of [view.contentHash, HASH_WRONG, null]) {
        const c = { ...base, review: { parts, signOff: hash ? { by: PERSON, at: '2024-03-03T00:00:00.000Z', hash } : null, comments: [] } } as Comparison;
        expect(reviewSummaryOf(c)).toEqual(referenceSummary(c));
        expect(reviewSummaryOf(c).status).toBe(hash === view.contentHash ? 'signed_off' : 'approved');
      }
      for (const review of [{ parts }, { comments: [] }, { parts: 'no', signOff: null, comments: [] }, 'damaged']) {
        const c = { ...base, review } as unknown as Comparison;
        expect(reviewSummaryOf(c)).toEqual(referenceSummary(c));
      }
    }
  });

  it('says signed off for the signed-off articles, and draft with no review', () => {
    for (const c of comparisons) {
      expect(reviewSummaryOf(c).status).toBe('signed_off');
      const { review: _, ...draft } = c;
      expect(reviewSummaryOf(draft as Comparison)).toEqual({ status: 'draft', authorId: c.byline.authorId, editorId: c.byline.editorId, waitingSince: null, openComments: 0 });
    }
  });
});

