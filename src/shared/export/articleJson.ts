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
import { stableStringify } from '../util/stableStringify';
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
  /**
   * The byline's people as personRef() makes them, made once for many articles (an export);
   * without it they are made from `people` for this article.
   */
  personRefs?: ReadonlyMap<string, PersonRef>;
}

type ArticleRef = { id: string; slug: string; title: string };

/** A rich-text value as exported: text, html and markdown beside the lossless doc. */
export function richValue(doc: RichDoc): RichValue {
  const { text, html, markdown } = renderRichText(doc);
  // Keys in sorted order, here and in the builders below: the export is then canonical as built,
  // so stableStringify writes it with the engine's JSON.stringify (same text, about half the cost).
  return { doc: doc as RichValue['doc'], html, markdown, text };
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
    if (id === null) return null;
    if (input.personRefs) return input.personRefs.get(id) ?? null;
    const p = input.people.find((x) => x.id === id);
    return p ? personRef(p) : null;
  };
  const signOff = readSignOff(c, input.contentHash);
  return {
    byline: { author: person(c.byline.authorId), editor: person(c.byline.editorId), updated: c.byline.updated },
    chart: {
      headerLabel: c.chart.headerLabel,
      rows: c.chart.rows.map((r) => ({ id: r.id, label: r.label, values: { ...r.values } })),
    },
    definitions: c.definitions.map((d) => ({
      examples: d.examples.map((e) => ({ id: e.id, text: e.text })),
      id: d.id,
      term: d.term,
      text: richValue(d.text),
    })),
    faqs: c.faqs.map((f) => ({ answer: richValue(f.answer), id: f.id, question: f.question })),
    format: ARTICLE_EXPORT_FORMAT,
    id: c.id,
    keyDifferences: c.keyDifferences.map((k) => ({ id: k.id, text: richValue(k.text) })),
    related: c.related.map((id) => {
      const target = 'get' in input.articles ? input.articles.get(id) : input.articles.find((a) => a.id === id);
      return { id, slug: target?.slug ?? null, title: target?.title ?? null };
    }),
    review: {
      comments: c.review?.comments ?? [],
      contentHash: input.contentHash,
      parts: { ...(c.review?.parts ?? {}) },
      signOff: c.review?.signOff ?? null,
      signedOffAt: signOff?.at ?? null,
      signedOffBy: signOff?.by ?? null,
      status: input.status,
    },
    revision: c.revision,
    slug: c.slug,
    summary: richValue(c.summary),
    terms: c.terms.map((t) => ({ key: t.key, name: t.name })),
    title: c.title,
  };
}

/**
 * A person as an article's byline exports them. The bio's doc is a copy with its keys in sorted
 * order (the same JSON: the article's text sorts them anyway), so the article stays canonical
 * as built even when the bio was not (people are kept in memory as they were saved).
 */
export function personRef(p: Person): PersonRef {
  const doc = JSON.parse(stableStringify(p.bio)) as RichDoc;
  return { bio: richValue(doc), credentials: p.credentials, id: p.id, name: p.name };
}

/** personRef() of each person, by id (the first of any repeated id, as the lookup by id finds it). */
export function personRefsById(people: readonly Person[]): Map<string, PersonRef> {
  const refs = new Map<string, PersonRef>();
  for (const p of people) if (!refs.has(p.id)) refs.set(p.id, personRef(p));
  return refs;
}

/** A person as exported (`people/<id>.json`). */
export function buildPersonJson(p: Person): PersonExport {
  return {
    bio: richValue(p.bio),
    credentials: p.credentials,
    format: PERSON_EXPORT_FORMAT,
    id: p.id,
    name: p.name,
    review: p.review ?? null,
    revision: p.revision,
  };
}
