import { describe, expect, it } from 'vitest';
import { applyMerge, planMerge } from '../../../src/renderer/outside/outsideMerge';
import { sameContent } from '../../../src/renderer/save/journalReplay';
import { comparisonSchema, type Comparison } from '../../../src/shared/model/comparison';
import { paragraphDoc, teaVsCoffee } from './teaVsCoffee';

const answer = paragraphDoc;
const base: Comparison = teaVsCoffee({
  revision: 3,
  faqs: [
    { id: '01J00000000000000000000001', question: 'Which has more caffeine?', answer: answer('Coffee, usually.') },
    { id: '01J00000000000000000000002', question: 'Which is older?', answer: answer('Tea.') },
  ],
});
const withFaq = (doc: Comparison, index: number, question: string): Comparison => ({
  ...doc,
  faqs: doc.faqs.map((f, i) => (i === index ? { ...f, question } : f)),
});

describe('merging an article changed outside with unsaved edits', () => {
  const mine = withFaq({ ...base, title: '', titleEdited: true }, 0, 'Mine first');
  const theirs = { ...withFaq(withFaq(base, 0, 'Theirs first'), 1, 'Theirs second'), revision: base.revision + 1, updatedAt: '2026-02-01T00:00:00.000Z' };

  it('lists each differing part once, says who changed it and proposes that side', () => {
    const rows = planMerge(base, mine, theirs);
    expect(rows.map((r) => [r.label, r.state, r.proposed])).toEqual([
      ['Title', 'mine-only', 'mine'],
      ['FAQ 1', 'both', 'mine'],
      ['FAQ 2', 'theirs-only', 'theirs'],
    ]);
    expect(rows[1].mine).toContain('Mine first');
    expect(rows[1].theirs).toContain('Theirs first');
    expect(rows[0].mine).toBe('');
  });

  it('takes each part from the chosen side, on their revision, and keeps the losing copy as text', () => {
    const rows = planMerge(base, mine, theirs);
    const { doc, discarded } = applyMerge(mine, theirs, rows, { title: 'theirs' });
    expect(doc.title).toBe(base.title);
    expect(doc.faqs[0].question).toBe('Mine first');
    expect(doc.faqs[1].question).toBe('Theirs second');
    expect(doc.revision).toBe(theirs.revision);
    expect(comparisonSchema.safeParse(doc).success).toBe(true);
    // Both sides lost a part (my empty title, their FAQ 1): both copies are kept.
    expect(discarded?.text).toContain('Theirs first');
    expect(discarded?.text).toContain('Mine first');
  });

  it('"all of theirs" gives their copy; only mine is kept aside', () => {
    const rows = planMerge(base, mine, theirs);
    const { doc, discarded } = applyMerge(mine, theirs, rows, Object.fromEntries(rows.map((r) => [r.partId, 'theirs' as const])));
    expect(sameContent(doc, theirs)).toBe(true);
    expect(discarded).toMatchObject({ whose: 'mine' });
    expect(discarded?.text).toContain('Mine first');
  });

  it('sees no difference in revision and dates alone', () => {
    expect(sameContent(base, { ...base, revision: 9, updatedAt: '2030-01-01T00:00:00.000Z' })).toBe(true);
    expect(planMerge(base, base, { ...base, revision: 9 })).toEqual([]);
  });
});
