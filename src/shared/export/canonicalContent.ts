import type { Comparison } from '../model/comparison';

/**
 * The content of an article that a reader sees and a sign-off vouches for: everything but
 * bookkeeping (revision, dates, review records, edited flags). Its hash changes exactly when
 * the content does.
 */
export function canonicalContent(c: Comparison): Record<string, unknown> {
  // Keys in sorted order (the hash sorts them anyway): the object is then canonical as built,
  // so stableStringify takes its fast path.
  return {
    byline: c.byline,
    chart: c.chart,
    definitions: c.definitions,
    faqs: c.faqs,
    keyDifferences: c.keyDifferences,
    related: c.related,
    slug: c.slug,
    summary: c.summary,
    terms: c.terms,
    title: c.title,
  };
}
