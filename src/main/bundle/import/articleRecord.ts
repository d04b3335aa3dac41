import type { ArticleExport, PersonExport, PersonRef } from '../../../shared/export/exportSchemas';
import { COMPARISON_FORMAT, defaultTitle, type Comparison } from '../../../shared/model/comparison';
import { PERSON_FORMAT, type Person } from '../../../shared/model/person';
import type { BlockDoc, InlineDoc } from '../../../shared/model/richText';
import { slugFromTerms } from '../../../shared/model/slug';
import { isEmptyReview } from '../../../shared/review/status';
import { checkedReviewOf } from '../../../shared/export/articleExportCheck';

/**
 * The stored record an exported article stands for. Bookkeeping the export does not carry is
 * filled in: dates from `now`, and the "edited" flags from whether the title and slug still
 * follow the terms. The result is validated with comparisonSchema by the caller (cross-field
 * rules such as inline-only summaries and known term keys live there).
 *
 * Every object it builds has its keys in sorted order (UTF-16 code units, as stableStringify
 * sorts them); the rich-text docs, chart values and review records are the export's own objects,
 * in the order the bundle file has them (sorted, in a bundle this app wrote). A record built
 * from such a file is then canonical as it is (no sorted copy needed before writing it).
 */
export function comparisonFromArticle(article: ArticleExport, now: Date): Comparison {
  const names = article.terms.map((t) => t.name.trim());
  const at = now.toISOString();
  const { parts, signOff, comments } = article.review;
  // No review data is stored as no field at all, as the store itself does. A review the export's
  // hand-written check passed is taken as that check left it (so the record's check finds it done).
  const review = checkedReviewOf(article.review) ?? { comments: [...comments], parts: { ...parts }, signOff };
  const record = {
    byline: { authorId: article.byline.author?.id ?? null, editorId: article.byline.editor?.id ?? null, updated: article.byline.updated },
    chart: { headerLabel: article.chart.headerLabel, rows: article.chart.rows.map((r) => ({ id: r.id, label: r.label, values: { ...r.values } })) },
    createdAt: at,
    definitions: article.definitions.map((d) => ({
      examples: d.examples.map((e) => ({ id: e.id, text: e.text })),
      id: d.id,
      term: d.term,
      text: d.text.doc as InlineDoc,
    })),
    faqs: article.faqs.map((f) => ({ answer: f.answer.doc as BlockDoc, id: f.id, question: f.question })),
    format: COMPARISON_FORMAT,
    id: article.id,
    keyDifferences: article.keyDifferences.map((k) => ({ id: k.id, text: k.text.doc as InlineDoc })),
    related: article.related.map((r) => r.id),
    ...(isEmptyReview(review) ? {} : { review }),
    revision: article.revision,
    slug: article.slug,
    slugEdited: article.slug !== slugFromTerms(names),
    summary: article.summary.doc as InlineDoc,
    terms: article.terms.map((t) => ({ key: t.key, name: t.name })),
    title: article.title,
    titleEdited: article.title !== defaultTitle(names),
    updatedAt: at,
  } satisfies Comparison;
  return record;
}

export function personFromExport(p: PersonExport, now: Date): Person {
  const at = now.toISOString();
  const record: Person = { format: PERSON_FORMAT, id: p.id, revision: p.revision, createdAt: at, updatedAt: at, name: p.name, credentials: p.credentials, bio: p.bio.doc as BlockDoc };
  if (p.review && !isEmptyReview(p.review)) record.review = p.review;
  return record;
}

/** A person known only from an article's byline (their file was not in the bundle). */
export function personFromRef(ref: PersonRef, now: Date): Person {
  const at = now.toISOString();
  return { format: PERSON_FORMAT, id: ref.id, revision: 1, createdAt: at, updatedAt: at, name: ref.name, credentials: ref.credentials, bio: ref.bio.doc as BlockDoc };
}
