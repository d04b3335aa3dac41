import { describe, expect, it } from 'vitest';
import { synthWorkspace } from '../../bench/synth';
import { checkedReviewOf, isCheckedArticleExport } from '../../src/shared/export/articleExportCheck';
import { buildArticleJson } from '../../src/shared/export/articleJson';
import { articleExportSchema, type ArticleExport } from '../../src/shared/export/exportSchemas';
import type { Comparison } from '../../src/shared/model/comparison';
import { articleContentHash, sealedArticleContentHash } from '../../src/shared/review/parts';
import { stableStringify } from '../../src/shared/util/stableStringify';
import { everyDamage, markedSummary } from './damageKit';

/**
 * The import's hand-written check of an article file (articleExportCheck.ts) says yes exactly
 * when articleExportSchema accepts the value AND returns it unchanged (same JSON text): on a
 * valid export and on the same export damaged at every path, hostile keys included.
 */

const ID = (n: number) => `01HK153X0${String(n).padStart(2, '0')}AAAAAAAAAAAAAAA`.slice(0, 26);
const HASH = 'a'.repeat(64);
const AT = '2024-05-01T10:00:00.000Z';

/** A small exported article with every shape: marks, a link, a hard break, nested lists, comments, review records, a related article. */
function smallExport(): ArticleExport {
  const synth = synthWorkspace({ articles: 1, people: 3, seed: 11 });
  const base = synth.comparisons[0] as Comparison;
  const kd = base.keyDifferences[0]!;
  const short = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(short);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'text' && typeof x === 'string' ? x.slice(0, 10).trim() || 'x' : short(x)]));
    return v;
  };
  const c = short({
    ...base,
    summary: markedSummary('link'),
    keyDifferences: [kd],
    chart: { ...base.chart, rows: base.chart.rows.slice(0, 1) },
    definitions: base.definitions.slice(0, 1).map((d) => ({ ...d, examples: d.examples.slice(0, 1) })),
    faqs: base.faqs.slice(0, 1).map((f) => ({
      ...f,
      answer: { type: 'doc', content: [{ type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] }] },
    })),
    related: [ID(90)],
    review: {
      parts: { header: { state: 'approved', by: ID(1), at: AT, hash: HASH }, [`kd:${kd.id}`]: { state: 'submitted', by: ID(2), at: AT, hash: HASH } },
      signOff: { by: ID(1), at: AT, hash: HASH },
      comments: [{ id: ID(40), part: `kd:${kd.id}`, anchor: { field: 'text', from: 0, to: 3, quote: 'abc' }, resolved: null, messages: [{ id: ID(41), by: ID(2), at: AT, text: 'Check.' }] }],
    },
  }) as Comparison;
  const exported = buildArticleJson({ comparison: c, people: synth.people, articles: [], status: 'in_review', contentHash: articleContentHash(c) });
  return JSON.parse(stableStringify(exported)) as ArticleExport;
}

function schemaKeeps(value: unknown): boolean {
  const parsed = articleExportSchema.safeParse(value);
  return parsed.success && stableStringify(parsed.data) === stableStringify(value);
}

const DATES = ['2024-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00+01:00', '2024-05-01', '2024-02-30'];
/** Other values for the string at a key: enums' other members and near misses, ids, dates, hashes, links. */
const CANDIDATES: Record<string, unknown[]> = {
  type: ['doc', 'paragraph', 'text', 'hardBreak', 'bulletList', 'orderedList', 'listItem', 'bold', 'link', 'heading'],
  state: ['approved', 'changes_requested', 'draft'],
  status: ['draft', 'signed_off', 'published'],
  field: ['summary', 'question'],
  key: ['b', 'e'],
  term: ['b', 'e'],
  id: [ID(7), HASH],
  by: [ID(7), 'x'],
  at: DATES,
  signedOffAt: DATES,
  signedOffBy: [ID(7), null],
  updated: DATES,
  hash: [HASH.toUpperCase(), `${HASH}0`],
  contentHash: [HASH.toUpperCase(), `${HASH}0`, HASH],
  href: ['javascript:alert(1)', 'mailto:a@b.org', 'https://x', 'ftp://x.org'],
  part: ['header', 'bio', `kd:${ID(7).toLowerCase()}`, `xx:${ID(7)}`],
  slug: [null, 'other-slug'],
  title: [null, 'Other'],
};
const LIMITS: Record<string, number[]> = { name: [120, 121], label: [200, 201], headerLabel: [200, 201], quote: [1000, 1001], text: [2000, 2001, 5001] };

function replacements(v: unknown, key: string | number | undefined): unknown[] {
  const out: unknown[] = [null, 0, true, 'x', [], {}, undefined];
  if (typeof v === 'string') {
    out.push(`${v} `, ` ${v}`, '', v.slice(1), v.toUpperCase(), `${v}Z`);
    if (typeof key === 'string') out.push(...(CANDIDATES[key] ?? []), ...(LIMITS[key] ?? []).map((n) => 'x'.repeat(n)));
  } else if (typeof v === 'number') {
    out.push(v + 1, v - 1, -1, v + 0.5, 2 ** 53, 1_000_001, '1');
  } else if (typeof v === 'boolean') {
    out.push(!v, 'true');
  } else if (Array.isArray(v)) {
    if (v.length > 0) out.push(v.slice(1), [...v, v[v.length - 1]], [...v, null]);
    if (key === 'terms') out.push([...v, { key: 'c', name: 'Third' }, { key: 'd', name: 'Fourth' }, { key: 'a', name: 'Fifth' }]);
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const { [k]: _, ...rest } = o;
      out.push(rest);
    }
    out.push({ ...o, extra: 'x' }, { ...o, marks: [] }, { ...o, attrs: { start: 1 } });
  }
  return out;
}

describe('the fast article export check', () => {
  const valid = smallExport();

  it('passes a valid export the schema keeps as it is, and keeps its checked review record', () => {
    expect(schemaKeeps(valid)).toBe(true);
    expect(isCheckedArticleExport(valid)).toBe(true);
    const review = checkedReviewOf(valid.review);
    expect(review).toEqual({ comments: valid.review.comments, parts: valid.review.parts, signOff: valid.review.signOff });
    // Full-size exports pass too (the fast path is the one a real bundle takes).
    const synth = synthWorkspace({ articles: 3, people: 5, seed: 3 });
    for (const c of synth.comparisons) {
      const full = JSON.parse(stableStringify(buildArticleJson({ comparison: c, people: synth.people, articles: [], status: 'signed_off', contentHash: articleContentHash(c) })));
      expect(isCheckedArticleExport(full)).toBe(true);
    }
  });

  it('agrees with the schema on the export damaged in every way at every path, hostile keys included', () => {
    let passed = 0;
    const n = everyDamage(valid, replacements, (value) => {
      const fast = isCheckedArticleExport(value);
      if (fast !== schemaKeeps(value)) expect.fail(`differs from zod on ${JSON.stringify(value).slice(0, 400)}…`);
      if (fast) passed++;
    });
    expect(n).toBeGreaterThan(2000);
    expect(passed).toBeGreaterThan(100);
  });
});

describe('sealedArticleContentHash', () => {
  it('is the content hash; remembered only for a frozen record', () => {
    const c = synthWorkspace({ articles: 1, people: 2, seed: 4 }).comparisons[0] as Comparison;
    const open = structuredClone(c);
    expect(sealedArticleContentHash(open)).toBe(articleContentHash(c));
    // Not frozen: not remembered, so a later change is seen.
    open.title = 'Changed';
    expect(sealedArticleContentHash(open)).toBe(articleContentHash(structuredClone(open)));
    expect(articleContentHash(open)).not.toBe(articleContentHash(c));
    const frozen = Object.freeze(structuredClone(c));
    expect(sealedArticleContentHash(frozen)).toBe(articleContentHash(c));
    expect(articleContentHash(frozen)).toBe(articleContentHash(c));
  });
});
