import { describe, expect, it } from 'vitest';
import type { ImportPlanItemView } from '../../../src/shared/api/publishContract';
import { blockingProblem, choiceOptions, choicesPayload, defaultDecisions, mergeSummary } from '../../../src/renderer/publish/importChoices';

const ID = (n: number) => `01J000000000000000000000${String(n).padStart(2, '0')}`;
const item = (n: number, action: ImportPlanItemView['action'], parts: ImportPlanItemView['parts'] = []): ImportPlanItemView => ({
  kind: 'comparison',
  id: ID(n),
  slug: `a-${n}`,
  title: `Article ${n}`,
  action,
  parts,
  localRevision: action === 'new' ? null : 2,
  incomingRevision: 3,
  notes: [],
});
const part = (partId: string, state: ImportPlanItemView['parts'][number]['state']) => ({ partId, label: partId.toUpperCase(), state, mine: 'm', theirs: 't' });

describe('import choices in the plan', () => {
  const conflicting = item(3, 'conflicting', [part('summary', 'mine-only'), part('faq:1', 'both'), part('title', 'both')]);
  const items = [item(1, 'new'), item(2, 'unchanged'), conflicting, item(4, 'updated', [part('title', 'theirs-only')])];

  it('defaults: new and updated take theirs, conflicting merges part by part, unchanged sends nothing', () => {
    expect(choicesPayload(items, defaultDecisions(items))).toEqual({ [ID(1)]: 'theirs', [ID(3)]: { parts: {} }, [ID(4)]: 'theirs' });
    expect(choiceOptions(items[1])).toEqual([]);
    expect(choiceOptions(conflicting).map((o) => o.label)).toEqual(['Merge part by part', 'Take theirs', 'Keep mine', 'Keep both']);
  });

  it('names every part still needing a pick, and sends only the picks for parts changed on both sides', () => {
    const decisions = defaultDecisions(items);
    expect(blockingProblem(items, decisions)).toMatch(/“Article 3” has 2 parts changed on both sides \(FAQ:1, TITLE\)/);
    decisions[ID(3)] = { choice: 'parts', picks: { 'faq:1': 'theirs', summary: 'theirs' } };
    expect(blockingProblem(items, decisions)).toMatch(/a part changed on both sides \(TITLE\)/);
    decisions[ID(3)].picks.title = 'mine';
    expect(blockingProblem(items, decisions)).toBeNull();
    expect(choicesPayload(items, decisions)[ID(3)]).toEqual({ parts: { 'faq:1': 'theirs', title: 'mine' } });
    // A whole-side choice needs no picks.
    decisions[ID(3)] = { choice: 'both', picks: {} };
    expect(blockingProblem(items, decisions)).toBeNull();
    expect(choicesPayload(items, decisions)[ID(3)]).toBe('both');
  });

  it('summarises what a merge does on its own', () => {
    expect(mergeSummary(conflicting)).toBe('Parts: 1 changed here, 2 changed on both sides.');
    expect(mergeSummary(item(5, 'updated'))).toBe('No differing parts.');
  });
});
