import { articleParts, diffParts, mergeParts, type PartState } from '../../shared/merge/partMerge';
import type { ChartRow, Comparison, Definition, Faq, KeyDifference } from '../../shared/model/comparison';
import { docToText, type RichDoc } from '../../shared/model/richText';
import { comparisonToText } from '../comparison/comparisonToText';

export type Side = 'theirs' | 'mine';

/** One part that differs between the writer's copy and the one changed outside. */
export interface MergeRow {
  partId: string;
  label: string;
  /** Who changed it since the copy the writer started from. */
  state: PartState;
  mine: string;
  theirs: string;
  /** What the merge takes unless the writer says otherwise: the side that changed it, mine when both did. */
  proposed: Side;
}

const ABSENT = '(not in this copy)';

/** A short readable text of one part's value, for the merge dialog. */
export function partText(partId: string, value: unknown, doc: Comparison): string {
  if (value === undefined) return ABSENT;
  const termName = (key: string) => doc.terms.find((t) => t.key === key)?.name ?? key;
  const kind = partId.split(':')[0];
  switch (kind) {
    case 'title':
      return (value as { title: string }).title;
    case 'slug':
      return (value as { slug: string }).slug;
    case 'terms':
      return (value as Comparison['terms']).map((t) => t.name).join(' · ');
    case 'summary':
      return docToText(value as RichDoc);
    case 'keyDifference':
      return docToText((value as KeyDifference).text);
    case 'chartRow': {
      const row = value as ChartRow;
      return [row.label, ...doc.terms.map((t) => row.values[t.key] ?? '')].join(' | ');
    }
    case 'definition': {
      const d = value as Definition;
      return [`${termName(d.term)}: ${docToText(d.text)}`, ...d.examples.map((e) => `Example: ${e.text}`)].join('\n');
    }
    case 'faq': {
      const f = value as Faq;
      return `${f.question}\n${docToText(f.answer)}`;
    }
    case 'chart':
      return String(value);
    default:
      if (partId.endsWith(':order')) return `${(value as string[]).length} items in this order`;
      return JSON.stringify(value);
  }
}

/**
 * The parts that differ between `mine` (the writer's unsaved copy) and `theirs` (changed outside),
 * judged against `base` (the stored copy the writer's edits started from).
 */
export function planMerge(base: Comparison | null, mine: Comparison, theirs: Comparison): MergeRow[] {
  const m = articleParts(mine);
  const t = articleParts(theirs);
  return diffParts(base, mine, theirs).map((d) => ({
    partId: d.partId,
    label: d.label,
    state: d.state,
    mine: partText(d.partId, m.get(d.partId)?.value, mine),
    theirs: partText(d.partId, t.get(d.partId)?.value, theirs),
    proposed: d.state === 'theirs-only' ? 'theirs' : 'mine',
  }));
}

/**
 * The merged article, based on their stored revision (so the next save goes through), with the
 * copy that lost any part kept as text: nothing disappears unseen.
 */
export function applyMerge(
  mine: Comparison,
  theirs: Comparison,
  rows: readonly MergeRow[],
  choices: Readonly<Record<string, Side>>,
): { doc: Comparison; discarded: { text: string; whose: Side } | null } {
  const pick = (partId: string): Side => choices[partId] ?? rows.find((r) => r.partId === partId)?.proposed ?? 'mine';
  const merged = mergeParts(
    mine,
    theirs,
    rows.map((r) => ({ partId: r.partId, label: r.label, state: 'both' as const })),
    pick,
  );
  const doc: Comparison = { ...merged, revision: theirs.revision, createdAt: theirs.createdAt, updatedAt: theirs.updatedAt };
  const mineLost = rows.some((r) => pick(r.partId) === 'theirs');
  const theirsLost = rows.some((r) => pick(r.partId) === 'mine');
  let discarded: { text: string; whose: Side } | null = null;
  if (mineLost && theirsLost) {
    discarded = { text: `Your copy before the merge:\n\n${comparisonToText(mine)}\nThe copy changed outside:\n\n${comparisonToText(theirs)}`, whose: 'mine' };
  } else if (mineLost) discarded = { text: comparisonToText(mine), whose: 'mine' };
  else if (theirsLost) discarded = { text: comparisonToText(theirs), whose: 'theirs' };
  return { doc, discarded };
}
