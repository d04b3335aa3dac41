import type { ComparisonStatus } from '../api/contract';
import type { Comparison } from '../model/comparison';
import type { Person } from '../model/person';
import type { RichDoc } from '../model/richText';
import {
  ARTICLE_EXPORT_FORMAT,
  PERSON_EXPORT_FORMAT,
  type ArticleExport,
  type PersonExport,
  type PersonRef,
  type RichValue,
  type SignOff,
} from './exportSchemas';
import { renderRichText } from './richTextRender';
import { articleContentHash } from '../review/parts';

export interface ArticleJsonInput {
  comparison: Comparison;
  /** People to resolve the byline from (others are ignored). */
  people: readonly Person[];
  /** Articles to resolve `related` ids to slug and title (a map by id for many); unknown ids keep nulls. */
  articles: ReadonlyArray<ArticleRef> | ReadonlyMap<string, ArticleRef>;
  status: ComparisonStatus;
  /** sha256 (hex) of stableStringify(canonicalContent(comparison)), computed by the caller. */
  contentHash: string;
}

type ArticleRef = { id: string; slug: string; title: string };

/** A rich-text value as exported: text, html and markdown beside the lossless doc. */
export function richValue(doc: RichDoc): RichValue {
  return { ...renderRichText(doc), doc: doc as RichValue['doc'] };
}

/**
 * The sign-off that still holds: recorded, and the content still hashes to what it vouched for
 * (`hash`: the article's content hash when the caller has it already).
 */
export function readSignOff(comparison: Comparison, hash?: string): SignOff | null {
  const signOff = comparison.review?.signOff ?? null;
  if (!signOff || signOff.hash !== (hash ?? articleContentHash(comparison))) return null;
  return { by: signOff.by, at: signOff.at };
}

/** The per-article export (`comparisons/<slug>.json`) as plain data; serialize with stableStringify. */
export function buildArticleJson(input: ArticleJsonInput): ArticleExport {
  const { comparison: c } = input;
  const person = (id: string | null): PersonRef | null => {
    const p = id === null ? undefined : input.people.find((x) => x.id === id);
    return p ? { id: p.id, name: p.name, credentials: p.credentials, bio: richValue(p.bio) } : null;
  };
  const signOff = readSignOff(c, input.contentHash);
  return {
    format: ARTICLE_EXPORT_FORMAT,
    id: c.id,
    slug: c.slug,
    title: c.title,
    terms: c.terms.map((t) => ({ key: t.key, name: t.name })),
    summary: richValue(c.summary),
    keyDifferences: c.keyDifferences.map((k) => ({ id: k.id, text: richValue(k.text) })),
    chart: {
      headerLabel: c.chart.headerLabel,
      rows: c.chart.rows.map((r) => ({ id: r.id, label: r.label, values: { ...r.values } })),
    },
    definitions: c.definitions.map((d) => ({
      id: d.id,
      term: d.term,
      text: richValue(d.text),
      examples: d.examples.map((e) => ({ id: e.id, text: e.text })),
    })),
    faqs: c.faqs.map((f) => ({ id: f.id, question: f.question, answer: richValue(f.answer) })),
    byline: { author: person(c.byline.authorId), editor: person(c.byline.editorId), updated: c.byline.updated },
    related: c.related.map((id) => {
      const target = 'get' in input.articles ? input.articles.get(id) : input.articles.find((a) => a.id === id);
      return { id, slug: target?.slug ?? null, title: target?.title ?? null };
    }),
    review: {
      status: input.status,
      signedOffBy: signOff?.by ?? null,
      signedOffAt: signOff?.at ?? null,
      contentHash: input.contentHash,
      parts: { ...(c.review?.parts ?? {}) },
      signOff: c.review?.signOff ?? null,
      comments: c.review?.comments ?? [],
    },
    revision: c.revision,
  };
}

/** A person as exported (`people/<id>.json`). */
export function buildPersonJson(p: Person): PersonExport {
  return {
    format: PERSON_EXPORT_FORMAT,
    id: p.id,
    revision: p.revision,
    name: p.name,
    credentials: p.credentials,
    bio: richValue(p.bio),
    review: p.review ?? null,
  };
}
