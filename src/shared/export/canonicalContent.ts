import type { Comparison } from '../model/comparison';

/**
 * The content of an article that a reader sees and a sign-off vouches for: everything but
 * bookkeeping (revision, dates, review records, edited flags). Its hash changes exactly when
 * the content does.
 */
export function canonicalContent(c: Comparison): Record<string, unknown> {
  return {
    terms: c.terms,
    title: c.title,
    slug: c.slug,
    summary: c.summary,
    keyDifferences: c.keyDifferences,
    chart: c.chart,
    definitions: c.definitions,
    faqs: c.faqs,
    byline: c.byline,
    related: c.related,
  };
}
