import type { Comparison } from '../model/comparison';
import { stableStringify } from '../util/stableStringify';

/*
 * Part-level three-way merge of two copies of an article. Pure, so both the bundle import (main)
 * and the editor's "changed outside" merge (renderer) use it.
 */

export type PartState = 'theirs-only' | 'mine-only' | 'both' | 'same';

export interface PartDiff {
  partId: string;
  label: string;
  state: PartState;
}

type ListKey = 'keyDifferences' | 'chart' | 'definitions' | 'faqs';
const LISTS: Array<{ key: ListKey; item: string; label: string; items: (c: Comparison) => Array<{ id: string }> }> = [
  { key: 'keyDifferences', item: 'keyDifference', label: 'Key difference', items: (c) => c.keyDifferences },
  { key: 'chart', item: 'chartRow', label: 'Chart row', items: (c) => c.chart.rows },
  { key: 'definitions', item: 'definition', label: 'Definition', items: (c) => c.definitions },
  { key: 'faqs', item: 'faq', label: 'FAQ', items: (c) => c.faqs },
];

/**
 * An article as parts a merge can take from either side: the single fields, each list item by
 * its id (`faq:<id>`), and each list's order (`faqs:order`). An absent item has no value.
 */
export function articleParts(c: Comparison): Map<string, { label: string; value: unknown }> {
  const parts = new Map<string, { label: string; value: unknown }>();
  parts.set('title', { label: 'Title', value: { title: c.title, titleEdited: c.titleEdited } });
  parts.set('slug', { label: 'Slug', value: { slug: c.slug, slugEdited: c.slugEdited } });
  parts.set('terms', { label: 'Terms', value: c.terms });
  parts.set('summary', { label: 'Summary', value: c.summary });
  parts.set('chart:header', { label: 'Chart header', value: c.chart.headerLabel });
  parts.set('byline', { label: 'Byline', value: c.byline });
  parts.set('related', { label: 'Related articles', value: c.related });
  for (const list of LISTS) {
    const items = list.items(c);
    parts.set(`${list.key}:order`, { label: `${list.label} order`, value: items.map((i) => i.id) });
    items.forEach((item, n) => parts.set(`${list.item}:${item.id}`, { label: `${list.label} ${n + 1}`, value: item }));
  }
  return parts;
}

export const samePart = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : stableStringify(a) === stableStringify(b));

/**
 * Three-way comparison of two versions against their common base, part by part; without a
 * base, every part that differs counts as changed on both sides. Parts that are the same are
 * left out.
 */
export function diffParts(base: Comparison | null, mine: Comparison, theirs: Comparison): PartDiff[] {
  const b = base ? articleParts(base) : null;
  const m = articleParts(mine);
  const t = articleParts(theirs);
  const ids = [...new Set([...m.keys(), ...t.keys(), ...(b?.keys() ?? [])])];
  const out: PartDiff[] = [];
  for (const partId of ids) {
    const mv = m.get(partId)?.value;
    const tv = t.get(partId)?.value;
    if (samePart(mv, tv)) continue;
    const label = t.get(partId)?.label ?? m.get(partId)?.label ?? b?.get(partId)?.label ?? partId;
    if (!b) {
      out.push({ partId, label, state: 'both' });
      continue;
    }
    const bv = b.get(partId)?.value;
    const mineChanged = !samePart(bv, mv);
    const theirsChanged = !samePart(bv, tv);
    out.push({ partId, label, state: mineChanged && theirsChanged ? 'both' : mineChanged ? 'mine-only' : 'theirs-only' });
  }
  return out;
}

/**
 * The merged article: parts changed on one side come from that side, parts changed on both
 * take `choose(partId)`. Bookkeeping (id, dates, revision, review) is mine; the caller sets it.
 */
export function mergeParts(mine: Comparison, theirs: Comparison, diffs: readonly PartDiff[], choose: (partId: string) => 'theirs' | 'mine'): Comparison {
  const takeTheirs = new Set(diffs.filter((d) => d.state === 'theirs-only' || (d.state === 'both' && choose(d.partId) === 'theirs')).map((d) => d.partId));
  const m = articleParts(mine);
  const t = articleParts(theirs);
  const pick = <T>(partId: string): T => ((takeTheirs.has(partId) ? t : m).get(partId)?.value as T);
  const out: Comparison = structuredClone(mine);
  const title = pick<{ title: string; titleEdited: boolean }>('title');
  const slug = pick<{ slug: string; slugEdited: boolean }>('slug');
  Object.assign(out, title, slug);
  out.terms = structuredClone(pick('terms'));
  out.summary = structuredClone(pick('summary'));
  out.byline = structuredClone(pick('byline'));
  out.related = structuredClone(pick('related'));
  out.chart = { headerLabel: pick('chart:header'), rows: [] };
  for (const list of LISTS) {
    const order = pick<string[]>(`${list.key}:order`);
    const other = (takeTheirs.has(`${list.key}:order`) ? m : t).get(`${list.key}:order`)?.value as string[];
    const merged: unknown[] = [];
    // Items in the chosen order, then items only the other side's order has (added there).
    for (const id of [...order, ...other.filter((id) => !order.includes(id))]) {
      const value = pick<unknown>(`${list.item}:${id}`);
      if (value !== undefined) merged.push(structuredClone(value));
    }
    if (list.key === 'chart') out.chart.rows = merged as Comparison['chart']['rows'];
    else (out as unknown as Record<ListKey, unknown[]>)[list.key] = merged;
  }
  return out;
}
