import { comparisonStatusSchema } from '../api/contract';
import { isBlockDoc, isChart, isExample, isIsoDateValue, isTerm } from '../model/comparisonCheck';
import { TERM_KEYS } from '../model/ids';
import { exactKeys, isArrayOf, isCheckedReview, isDateTimeValue, isIdValue, isInt, isPlainObject } from '../review/reviewCheck';
import type { ReviewRecord } from '../review/reviewModel';
import { ARTICLE_EXPORT_FORMAT, type ArticleExport } from './exportSchemas';

/**
 * `articleExportSchema` by hand, for an import (the zod pass costs as much as parsing the file
 * and builds a second copy of it): true only when the schema accepts the value AND hands it back
 * unchanged (no trimmed string, no default filled in), so the value can be used as the parsed
 * export. Anything else returns false and the caller runs zod, which stays the source of every
 * verdict and message. It may say false where zod would accept (a longer list than a stored
 * record may hold): that costs only the zod pass. Every object must have only its schema's keys,
 * so a value passing this holds no `__proto__`, `constructor` or `prototype` key anywhere.
 * Held to the schema by tests/shared/articleExportCheck.test.ts.
 */
export function isCheckedArticleExport(value: unknown): value is ArticleExport {
  if (!exactKeys(value, ARTICLE)) return false;
  const a = value;
  return (
    a.format === ARTICLE_EXPORT_FORMAT &&
    isIdValue(a.id) &&
    isNonEmpty(a.slug) &&
    isNonEmpty(a.title) &&
    isArrayOf(a.terms, 2, 4, isTerm) &&
    isRich(a.summary) &&
    isArrayOf(a.keyDifferences, 0, LONG, isKeyDifference) &&
    isChart(a.chart) &&
    isArrayOf(a.definitions, 0, LONG, isDefinition) &&
    isArrayOf(a.faqs, 0, LONG, isFaq) &&
    isByline(a.byline) &&
    isArrayOf(a.related, 0, LONG, isRelated) &&
    isReview(a.review) &&
    isInt(a.revision, 1, Number.MAX_SAFE_INTEGER)
  );
}

/** Lists the export schema leaves unbounded: longer ones go to zod (a stored record holds at most 500 of anything). */
const LONG = 100_000;

const keys = (...k: string[]) => new Set(k);
const ARTICLE = keys('format', 'id', 'slug', 'title', 'terms', 'summary', 'keyDifferences', 'chart', 'definitions', 'faqs', 'byline', 'related', 'review', 'revision');
const RICH = keys('text', 'html', 'markdown', 'doc');
const ID_TEXT = keys('id', 'text');
const DEFINITION = keys('id', 'term', 'text', 'examples');
const FAQ = keys('id', 'question', 'answer');
const BYLINE = keys('author', 'editor', 'updated');
const PERSON_REF = keys('id', 'name', 'credentials', 'bio');
const RELATED = keys('id', 'slug', 'title');
const REVIEW = keys('status', 'signedOffBy', 'signedOffAt', 'contentHash', 'parts', 'signOff', 'comments');
const TERM_KEY_SET: ReadonlySet<unknown> = new Set(TERM_KEYS);
const STATUSES: ReadonlySet<unknown> = new Set(comparisonStatusSchema.options);
const SHA256 = /^[0-9a-f]{64}$/;

function isNonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1;
}

function isNullableString(v: unknown): boolean {
  return v === null || typeof v === 'string';
}

/** richValueSchema: text, HTML and Markdown strings, and the block doc. */
function isRich(v: unknown): boolean {
  return exactKeys(v, RICH) && typeof v.text === 'string' && typeof v.html === 'string' && typeof v.markdown === 'string' && isBlockDoc(v.doc);
}

function isKeyDifference(v: unknown): boolean {
  return exactKeys(v, ID_TEXT) && isIdValue(v.id) && isRich(v.text);
}

function isDefinition(v: unknown): boolean {
  return exactKeys(v, DEFINITION) && isIdValue(v.id) && TERM_KEY_SET.has(v.term) && isRich(v.text) && isArrayOf(v.examples, 0, LONG, isExample);
}

function isFaq(v: unknown): boolean {
  return exactKeys(v, FAQ) && isIdValue(v.id) && typeof v.question === 'string' && isRich(v.answer);
}

function isPersonRef(v: unknown): boolean {
  return v === null || (exactKeys(v, PERSON_REF) && isIdValue(v.id) && typeof v.name === 'string' && typeof v.credentials === 'string' && isRich(v.bio));
}

function isByline(v: unknown): boolean {
  return exactKeys(v, BYLINE) && isPersonRef(v.author) && isPersonRef(v.editor) && (v.updated === null || isIsoDateValue(v.updated));
}

function isRelated(v: unknown): boolean {
  return exactKeys(v, RELATED) && isIdValue(v.id) && isNullableString(v.slug) && isNullableString(v.title);
}

/** The review records of exports that passed, as the stored review record they make (see checkedReviewOf). */
const reviews = new WeakMap<object, ReviewRecord>();

/**
 * The export's review: status and sign-off summary, then the stored review record's three fields
 * as reviewRecordSchema checks them. The record checked is kept (keys in sorted order), so the
 * article's stored record can take it as it is and its check finds it checked already.
 */
function isReview(v: unknown): boolean {
  if (!exactKeys(v, REVIEW)) return false;
  const record = { comments: v.comments, parts: v.parts, signOff: v.signOff };
  const ok =
    STATUSES.has(v.status) &&
    (v.signedOffBy === null || isIdValue(v.signedOffBy)) &&
    (v.signedOffAt === null || isDateTimeValue(v.signedOffAt)) &&
    typeof v.contentHash === 'string' &&
    SHA256.test(v.contentHash) &&
    isPlainObject(v.parts) &&
    isCheckedReview(record);
  if (ok) reviews.set(v, record as ReviewRecord);
  return ok;
}

/**
 * The review record (parts, sign-off, comments) of an export's `review` that passed
 * isCheckedArticleExport, already checked as reviewRecordSchema checks it; undefined otherwise.
 * Review data is never changed in place (see reviewCheck.ts), so it stays checked.
 */
export function checkedReviewOf(review: object): ReviewRecord | undefined {
  return reviews.get(review);
}
