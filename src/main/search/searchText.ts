import type { Comparison } from '../../shared/model/comparison';
import { docToText } from '../../shared/model/richText';

/**
 * The filter's rules, in one place so the index and the linear scan that checks it agree.
 * A comparison matches a query when either
 *  - the folded query is a substring of its folded title, slug or a term name (the sidebar's
 *    original filter, for any length, e.g. "cial med"), or
 *  - the query has words of at least MIN_WORD characters and each of them starts some word of
 *    the article's text: title, terms, slug, summary, key differences, chart, definitions with
 *    their examples, FAQs. Shorter words are left out until they grow (as-you-type: "social m"
 *    narrows like "social" until "med").
 */
export const MIN_WORD = 3;

/** Lowercase without accents, so "cafe" finds "Café". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** The words of already-folded text. */
export function words(folded: string): string[] {
  return folded.split(WORD_SPLIT).filter((w) => w.length > 0);
}

/** The query words that take part in the word match (folded, MIN_WORD characters or more, no repeats). */
export function queryWords(query: string): string[] {
  return [...new Set(words(fold(query)).filter((w) => w.length >= MIN_WORD))];
}

/** Everything a reader can search for in an article, as one string. */
export function comparisonText(c: Comparison): string {
  const parts: string[] = [c.title, c.slug, ...c.terms.map((t) => t.name), docToText(c.summary)];
  for (const k of c.keyDifferences) parts.push(docToText(k.text));
  parts.push(c.chart.headerLabel);
  for (const r of c.chart.rows) parts.push(r.label, ...Object.values(r.values).filter((v): v is string => typeof v === 'string'));
  for (const d of c.definitions) parts.push(docToText(d.text), ...d.examples.map((e) => e.text));
  for (const f of c.faqs) parts.push(f.question, docToText(f.answer));
  return parts.join('\n');
}

/** What the substring rule looks at: title, slug and term names, folded. */
export function headerText(summary: { title: string; slug: string; terms: readonly string[] }): string[] {
  return [summary.title, summary.slug, ...summary.terms].map(fold);
}

/** The linear scan: does this article match the query (see the rules above)? Empty queries match everything. */
export function matchesQuery(c: Comparison, query: string): boolean {
  const needle = fold(query).trim();
  if (!needle) return true;
  if (headerText({ title: c.title, slug: c.slug, terms: c.terms.map((t) => t.name) }).some((h) => h.includes(needle))) return true;
  const wanted = queryWords(query);
  if (wanted.length === 0) return false;
  const have = words(fold(comparisonText(c)));
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}
