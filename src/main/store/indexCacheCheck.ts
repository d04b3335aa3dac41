import { comparisonStatusSchema } from '../../shared/api/contract';
import type { IndexEntry } from './ComparisonIndex';

/**
 * The index cache's shape, checked by hand: the same rules as its zod schema
 * (`indexFileSchema` in ComparisonIndex.ts, which the tests hold this to), at a fraction of the
 * cost on 10,000 entries. Every object must have only the keys listed here, so a key such as
 * `__proto__` (which a plain JSON.parse keeps as an own property, harmlessly) fails the check
 * just as secureJsonParse would refuse it. Returns the entries, or null when anything is off
 * (the cache is then rebuilt from the files).
 */
export function checkIndexCache(raw: unknown, version: number): Map<string, IndexEntry> | null {
  if (!isPlainObject(raw) || !onlyKeys(raw, FILE_KEYS, FILE_KEYS)) return null;
  if (raw.version !== version) return null;
  const comparisons = raw.comparisons;
  if (!isPlainObject(comparisons)) return null;
  const out = new Map<string, IndexEntry>();
  for (const id of Object.keys(comparisons)) {
    const entry = comparisons[id];
    if (!ID.test(id) || !isEntry(entry)) return null;
    out.set(id, entry);
  }
  return out;
}

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const STATUSES: ReadonlySet<unknown> = new Set(comparisonStatusSchema.options);
const FILE_KEYS = new Set(['version', 'comparisons']);
const ENTRY_KEYS = new Set(['size', 'mtimeMs', 'summary', 'authorId', 'editorId']);
const SUMMARY_REQUIRED = new Set(['id', 'slug', 'title', 'terms', 'status', 'updatedAt', 'revision']);
const SUMMARY_KEYS = new Set([...SUMMARY_REQUIRED, 'authorId', 'editorId', 'waitingSince', 'openComments']);

function isEntry(value: unknown): value is IndexEntry {
  if (!isPlainObject(value) || !onlyKeys(value, ENTRY_KEYS, ENTRY_KEYS)) return false;
  const { size, mtimeMs, summary, authorId, editorId } = value;
  return (
    Number.isSafeInteger(size) &&
    (size as number) >= 0 &&
    typeof mtimeMs === 'number' &&
    Number.isFinite(mtimeMs) &&
    isNullableId(authorId) &&
    isNullableId(editorId) &&
    isSummary(summary)
  );
}

function isSummary(value: unknown): boolean {
  if (!isPlainObject(value) || !onlyKeys(value, SUMMARY_KEYS, SUMMARY_REQUIRED)) return false;
  const s = value;
  return (
    typeof s.id === 'string' &&
    ID.test(s.id) &&
    typeof s.slug === 'string' &&
    typeof s.title === 'string' &&
    Array.isArray(s.terms) &&
    s.terms.every((t) => typeof t === 'string') &&
    STATUSES.has(s.status) &&
    typeof s.updatedAt === 'string' &&
    Number.isSafeInteger(s.revision) &&
    (s.authorId === undefined || isNullableId(s.authorId)) &&
    (s.editorId === undefined || isNullableId(s.editorId)) &&
    (s.waitingSince === undefined || s.waitingSince === null || typeof s.waitingSince === 'string') &&
    (s.openComments === undefined || (Number.isSafeInteger(s.openComments) && (s.openComments as number) >= 0))
  );
}

function isNullableId(value: unknown): boolean {
  return value === null || (typeof value === 'string' && ID.test(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every own key is allowed and every required key is present. */
function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>, required: ReadonlySet<string>): boolean {
  let present = 0;
  // for…in without an array per object; JSON.parse objects inherit no enumerable keys.
  for (const key in value) {
    if (!allowed.has(key)) return false;
    if (required.has(key)) present++;
  }
  return present === required.size;
}
