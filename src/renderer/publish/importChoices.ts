import type { ImportActionName, ImportChoiceInput, ImportPart, ImportPlanItemView } from '../../shared/api/publishContract';

/** What the user chose for one plan item: a whole side, a copy, or a merge part by part. */
export type ItemChoice = 'theirs' | 'mine' | 'both' | 'parts';
export type Side = 'theirs' | 'mine';

export interface ItemDecision {
  choice: ItemChoice;
  /** For 'parts': the side picked for each part changed on both sides. */
  picks: Record<string, Side>;
}

export const ACTION_WORDS: Record<ImportActionName, string> = {
  new: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  conflicting: 'Conflicting',
};

/** Conflicting items merge part by part (one-sided parts merge on their own); the rest take theirs. */
export function defaultDecision(item: ImportPlanItemView): ItemDecision {
  return { choice: item.action === 'conflicting' ? 'parts' : 'theirs', picks: {} };
}

export function defaultDecisions(items: readonly ImportPlanItemView[]): Record<string, ItemDecision> {
  return Object.fromEntries(items.map((item) => [item.id, defaultDecision(item)]));
}

/** The choices an item offers, with the words shown for each. */
export function choiceOptions(item: ImportPlanItemView): Array<{ value: ItemChoice; label: string }> {
  switch (item.action) {
    case 'unchanged':
      return [];
    case 'new':
      return [
        { value: 'theirs', label: 'Import' },
        { value: 'mine', label: 'Skip' },
      ];
    case 'updated':
      return [
        { value: 'theirs', label: 'Take theirs' },
        { value: 'mine', label: 'Keep mine' },
        { value: 'both', label: 'Keep both' },
      ];
    case 'conflicting':
      return [
        { value: 'parts', label: 'Merge part by part' },
        { value: 'theirs', label: 'Take theirs' },
        { value: 'mine', label: 'Keep mine' },
        { value: 'both', label: 'Keep both' },
      ];
  }
}

/** Parts changed on both sides: the ones a part-by-part merge needs a pick for. */
export function partsToPick(item: ImportPlanItemView): ImportPart[] {
  return item.parts.filter((p) => p.state === 'both');
}

/** Parts still without a pick when the item merges part by part. */
export function unpickedParts(item: ImportPlanItemView, decision: ItemDecision): ImportPart[] {
  if (decision.choice !== 'parts') return [];
  return partsToPick(item).filter((p) => !decision.picks[p.partId]);
}

/** What applying sends: one choice per item that would change something. */
export function choicesPayload(items: readonly ImportPlanItemView[], decisions: Record<string, ItemDecision>): Record<string, ImportChoiceInput> {
  const out: Record<string, ImportChoiceInput> = {};
  for (const item of items) {
    if (item.action === 'unchanged') continue;
    const decision = decisions[item.id] ?? defaultDecision(item);
    if (decision.choice !== 'parts') {
      out[item.id] = decision.choice;
      continue;
    }
    const picks: Record<string, Side> = {};
    for (const part of partsToPick(item)) {
      const side = decision.picks[part.partId];
      if (side) picks[part.partId] = side;
    }
    out[item.id] = { parts: picks };
  }
  return out;
}

/** Why the import cannot be applied yet, in words; null when it can. */
export function blockingProblem(items: readonly ImportPlanItemView[], decisions: Record<string, ItemDecision>): string | null {
  for (const item of items) {
    const missing = unpickedParts(item, decisions[item.id] ?? defaultDecision(item));
    if (missing.length > 0) {
      return `“${item.title}” has ${missing.length === 1 ? 'a part' : `${missing.length} parts`} changed on both sides (${missing
        .map((p) => p.label)
        .join(', ')}): use Merge parts… to pick a side, or take theirs, keep mine or keep both.`;
    }
  }
  return null;
}

/** A short line on what a part-by-part merge of this item does on its own. */
export function mergeSummary(item: ImportPlanItemView): string {
  const both = partsToPick(item).length;
  const theirs = item.parts.filter((p) => p.state === 'theirs-only').length;
  const mine = item.parts.filter((p) => p.state === 'mine-only').length;
  const bits: string[] = [];
  if (theirs > 0) bits.push(`${theirs} changed in the bundle`);
  if (mine > 0) bits.push(`${mine} changed here`);
  if (both > 0) bits.push(`${both} changed on both sides`);
  return bits.length === 0 ? 'No differing parts.' : `Parts: ${bits.join(', ')}.`;
}
