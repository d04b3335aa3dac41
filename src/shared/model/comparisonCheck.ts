import { isoDateSchema, TERM_KEYS } from './ids';
import { COMPARISON_FORMAT, type Comparison } from './comparison';
import { isAllowedHref } from './richText';
import { isValidSlug, SLUG_MAX } from './slug';
import {
  exactKeys,
  isArrayOf,
  isCheckedReview,
  isDateTimeValue,
  isIdValue,
  isInt,
  isPlainObject,
  isStr,
  isTrimmed,
  keysOk,
  type Plain,
} from '../review/reviewCheck';

/**
 * `comparisonSchema` by hand, for the cold open of a large workspace (zod costs several times
 * the JSON.parse of a file): true only when the schema accepts the value AND hands it back
 * unchanged (see reviewCheck.ts), so the value can be used as the checked record. Anything else
 * (invalid, or valid but needing a trim or a default) returns false and the caller runs zod.
 * Every object must have only its schema's keys, so a value passing this holds no `__proto__`,
 * `constructor` or `prototype` key anywhere. Held to the schema by tests/shared/fastChecks.test.ts.
 */
export function isCheckedComparison(value: unknown): value is Comparison {
  if (!isPlainObject(value) || !keysOk(value, COMPARISON_KEYS, OPTIONAL_REVIEW)) return false;
  const c = value;
  if (
    c.format !== COMPARISON_FORMAT ||
    !isIdValue(c.id) ||
    !isInt(c.revision, 1, Number.MAX_SAFE_INTEGER) ||
    !isDateTimeValue(c.createdAt) ||
    !isDateTimeValue(c.updatedAt) ||
    !isArrayOf(c.terms, 2, 4, isTerm) ||
    !isTrimmed(c.title, 300) ||
    typeof c.titleEdited !== 'boolean' ||
    !isStr(c.slug, SLUG_MAX) ||
    !isValidSlug(c.slug) ||
    typeof c.slugEdited !== 'boolean' ||
    !isInlineDoc(c.summary) ||
    !isArrayOf(c.keyDifferences, 0, 200, isKeyDifference) ||
    !isChart(c.chart) ||
    !isArrayOf(c.definitions, 0, 200, isDefinition) ||
    !isArrayOf(c.faqs, 0, 200, isFaq) ||
    !isByline(c.byline) ||
    !isArrayOf(c.related, 0, 50, isIdValue) ||
    (c.review !== undefined && !isCheckedReview(c.review))
  ) {
    return false;
  }
  return crossChecks(value as unknown as Comparison);
}

/** The schema's superRefine: term keys unique and known, item ids unique, no relation to itself. */
function crossChecks(c: Comparison): boolean {
  const known = new Set<string>();
  for (const t of c.terms) {
    if (known.has(t.key)) return false;
    known.add(t.key);
  }
  for (const d of c.definitions) if (!known.has(d.term)) return false;
  for (const r of c.chart.rows) for (const k in r.values) if (!known.has(k)) return false;
  const ids = new Set<string>();
  const fresh = (id: string) => !ids.has(id) && (ids.add(id), true);
  for (const x of c.keyDifferences) if (!fresh(x.id)) return false;
  for (const x of c.chart.rows) if (!fresh(x.id)) return false;
  for (const x of c.definitions) {
    if (!fresh(x.id)) return false;
    for (const e of x.examples) if (!fresh(e.id)) return false;
  }
  for (const x of c.faqs) if (!fresh(x.id)) return false;
  return !c.related.includes(c.id);
}

const keys = (...k: string[]) => new Set(k);
const COMPARISON_KEYS = keys(
  'format',
  'id',
  'revision',
  'createdAt',
  'updatedAt',
  'terms',
  'title',
  'titleEdited',
  'slug',
  'slugEdited',
  'summary',
  'keyDifferences',
  'chart',
  'definitions',
  'faqs',
  'byline',
  'related',
  'review',
);
const OPTIONAL_REVIEW = keys('review');
const TERM_KEY_SET: ReadonlySet<unknown> = new Set(TERM_KEYS);
const TERM = keys('key', 'name');
const ID_TEXT = keys('id', 'text');
const CHART = keys('headerLabel', 'rows');
const ROW = keys('id', 'label', 'values');
const DEFINITION = keys('id', 'term', 'text', 'examples');
const FAQ = keys('id', 'question', 'answer');
const BYLINE = keys('authorId', 'editorId', 'updated');
const TYPE_CONTENT = keys('type', 'content');
const OPTIONAL_CONTENT = keys('content');
const TEXT_NODE = keys('type', 'text', 'marks');
const OPTIONAL_MARKS = keys('marks');
const TYPE_ONLY = keys('type');
const LINK = keys('type', 'attrs');
const HREF = keys('href');
const ORDERED = keys('type', 'attrs', 'content');
const OPTIONAL_ATTRS = keys('attrs');
const START = keys('start');
const MAX_LIST_DEPTH = 4;

const ISO_DATE = (() => {
  const def = isoDateSchema._zod.def as { pattern?: unknown };
  const pattern = def.pattern;
  return pattern instanceof RegExp && !pattern.global && !pattern.sticky
    ? (s: string) => pattern.test(s)
    : (s: string) => isoDateSchema.safeParse(s).success;
})();

/** A string `isoDateSchema` accepts (it hands strings back unchanged). */
export function isIsoDateValue(v: unknown): v is string {
  return typeof v === 'string' && ISO_DATE(v);
}

export function isTerm(v: unknown): boolean {
  return exactKeys(v, TERM) && TERM_KEY_SET.has(v.key) && isTrimmed(v.name, 120);
}

function isKeyDifference(v: unknown): boolean {
  return exactKeys(v, ID_TEXT) && isIdValue(v.id) && isInlineDoc(v.text);
}

export function isChart(v: unknown): boolean {
  return exactKeys(v, CHART) && isStr(v.headerLabel, 200) && isArrayOf(v.rows, 0, 500, isRow);
}

function isRow(v: unknown): boolean {
  if (!exactKeys(v, ROW) || !isIdValue(v.id) || !isStr(v.label, 200) || !isPlainObject(v.values)) return false;
  const values = v.values;
  for (const k in values) if (!TERM_KEY_SET.has(k) || !isStr(values[k], 2000)) return false;
  return true;
}

export function isExample(v: unknown): boolean {
  return exactKeys(v, ID_TEXT) && isIdValue(v.id) && isStr(v.text, 2000);
}

function isDefinition(v: unknown): boolean {
  return exactKeys(v, DEFINITION) && isIdValue(v.id) && TERM_KEY_SET.has(v.term) && isInlineDoc(v.text) && isArrayOf(v.examples, 1, 50, isExample);
}

function isFaq(v: unknown): boolean {
  return exactKeys(v, FAQ) && isIdValue(v.id) && isStr(v.question, 500) && isBlockDoc(v.answer);
}

function isByline(v: unknown): boolean {
  return (
    exactKeys(v, BYLINE) &&
    (v.authorId === null || isIdValue(v.authorId)) &&
    (v.editorId === null || isIdValue(v.editorId)) &&
    (v.updated === null || (typeof v.updated === 'string' && ISO_DATE(v.updated)))
  );
}

// Rich text (richText.ts).

function isMark(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  if (v.type === 'bold' || v.type === 'italic') return keysOk(v, TYPE_ONLY);
  return v.type === 'link' && keysOk(v, LINK) && exactKeys(v.attrs, HREF) && typeof v.attrs.href === 'string' && isAllowedHref(v.attrs.href);
}

function isInline(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  if (v.type === 'hardBreak') return keysOk(v, TYPE_ONLY);
  return (
    v.type === 'text' &&
    keysOk(v, TEXT_NODE, OPTIONAL_MARKS) &&
    typeof v.text === 'string' &&
    v.text.length >= 1 &&
    v.text.length <= 100_000 &&
    (v.marks === undefined || isArrayOf(v.marks, 0, 3, isMark))
  );
}

function isParagraph(v: unknown): v is Plain {
  return (
    isPlainObject(v) &&
    v.type === 'paragraph' &&
    keysOk(v, TYPE_CONTENT, OPTIONAL_CONTENT) &&
    (v.content === undefined || isArrayOf(v.content, 0, 10_000, isInline))
  );
}

function isInlineDoc(v: unknown): boolean {
  return exactKeys(v, TYPE_CONTENT) && v.type === 'doc' && isArrayOf(v.content, 1, 1000, isParagraph);
}

export function isBlockDoc(v: unknown): boolean {
  return exactKeys(v, TYPE_CONTENT) && v.type === 'doc' && isArrayOf(v.content, 1, 1000, (b) => isParagraph(b) || isList(b, 1));
}

function isList(v: unknown, depth: number): boolean {
  if (!isPlainObject(v)) return false;
  const item = (x: unknown) => isListItem(x, depth);
  if (v.type === 'bulletList') return keysOk(v, TYPE_CONTENT) && isArrayOf(v.content, 1, 1000, item);
  return (
    v.type === 'orderedList' &&
    keysOk(v, ORDERED, OPTIONAL_ATTRS) &&
    (v.attrs === undefined || (exactKeys(v.attrs, START) && isInt(v.attrs.start, 0, 1_000_000))) &&
    isArrayOf(v.content, 1, 1000, item)
  );
}

function isListItem(v: unknown, depth: number): boolean {
  const block = depth >= MAX_LIST_DEPTH ? isParagraph : (b: unknown) => isParagraph(b) || isList(b, depth + 1);
  return exactKeys(v, TYPE_CONTENT) && v.type === 'listItem' && isArrayOf(v.content, 1, 1000, block);
}
