import { idSchema, isoDateTimeSchema } from '../model/ids';
import { COMMENT_MAX, PART_REVIEW_STATES, partKeySchema, sha256HexSchema, type ReviewRecord } from './reviewModel';

/**
 * Hand-written checks for values a zod schema would hand back unchanged: true only when the
 * schema accepts the value AND its output equals the value (no trimmed string, no default
 * filled in). Callers use the value as it is when true and run the schema otherwise, so zod
 * stays the source of truth for every error message and every repair. The tests hold these
 * to the schemas with valid, mutated and hostile inputs (tests/shared/fastChecks.test.ts).
 * Meant for JSON data (plain objects, arrays, strings, finite numbers, booleans, null).
 */

/**
 * The regex a zod string format or `.regex()` check applies, read from the schema itself, when it
 * is the schema's only rule; a schema with any other check (a refine, a length, a second regex)
 * is run as it is, so a rule added later can never be skipped here.
 */
function patternOf(schema: { _zod: { def: unknown } }, fallback: (s: string) => boolean): (s: string) => boolean {
  const def = schema._zod.def as { type?: unknown; pattern?: unknown; checks?: Array<{ _zod: { def: { pattern?: unknown } } }> };
  const checks = def.checks ?? [];
  if (def.type !== 'string') return fallback;
  const pattern = def.pattern !== undefined ? (checks.length === 0 ? def.pattern : undefined) : checks.length === 1 ? checks[0]?._zod.def.pattern : undefined;
  if (!(pattern instanceof RegExp) || pattern.global || pattern.sticky) return fallback;
  return (s) => pattern.test(s);
}

export const isId: (s: string) => boolean = patternOf(idSchema, (s) => idSchema.safeParse(s).success);
export const isIsoDateTime: (s: string) => boolean = patternOf(isoDateTimeSchema, (s) => isoDateTimeSchema.safeParse(s).success);
const isSha256 = patternOf(sha256HexSchema, (s) => sha256HexSchema.safeParse(s).success);
const isPartKey = patternOf(partKeySchema, (s) => partKeySchema.safeParse(s).success);

export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A strict object's keys: every enumerable key is one of `allowed`, and every key of `allowed`
 * not in `optional` is present. (JSON objects have own keys only; anything inherited fails.)
 */
export function keysOk(value: Plain, allowed: ReadonlySet<string>, optional?: ReadonlySet<string>): boolean {
  let required = 0;
  for (const key in value) {
    if (!allowed.has(key)) return false;
    if (optional === undefined || !optional.has(key)) required++;
  }
  return required === allowed.size - (optional?.size ?? 0);
}

/** A strict object with exactly these keys, all of them present (no optional key). */
export function exactKeys(value: unknown, keys: ReadonlySet<string>): value is Plain {
  return isPlainObject(value) && keysOk(value, keys);
}

export function isStr(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A string `z.string().trim().min(1).max(max)` accepts unchanged: already trimmed. */
export function isTrimmed(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max && value.trim() === value;
}

/** `z.number().int().min(min).max(max)` (zod 4's int is a safe integer). */
export function isInt(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

export function isIdValue(value: unknown): value is string {
  return typeof value === 'string' && isId(value);
}

export function isDateTimeValue(value: unknown): value is string {
  return typeof value === 'string' && isIsoDateTime(value);
}

export function isArrayOf(value: unknown, min: number, max: number, item: (v: unknown) => boolean): value is unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
  return true;
}

const STATES: ReadonlySet<unknown> = new Set(PART_REVIEW_STATES);
const PART_REVIEW_KEYS = new Set(['state', 'by', 'at', 'hash']);
const SIGN_OFF_KEYS = new Set(['by', 'at', 'hash']);
const REVIEW_KEYS = new Set(['parts', 'signOff', 'comments']);
const THREAD_KEYS = new Set(['id', 'part', 'anchor', 'resolved', 'messages']);
const ANCHOR_KEYS = new Set(['field', 'from', 'to', 'quote']);
const ANCHOR_FIELDS: ReadonlySet<unknown> = new Set(['text', 'summary', 'answer']);
const RESOLVED_KEYS = new Set(['by', 'at']);
const MESSAGE_KEYS = new Set(['id', 'by', 'at', 'text']);

function isPartReview(v: unknown): boolean {
  return (
    exactKeys(v, PART_REVIEW_KEYS) &&
    STATES.has(v.state) &&
    isIdValue(v.by) &&
    isDateTimeValue(v.at) &&
    typeof v.hash === 'string' &&
    isSha256(v.hash)
  );
}

function isSignOff(v: unknown): boolean {
  return v === null || (exactKeys(v, SIGN_OFF_KEYS) && isIdValue(v.by) && isDateTimeValue(v.at) && typeof v.hash === 'string' && isSha256(v.hash));
}

function isMessage(v: unknown): boolean {
  return exactKeys(v, MESSAGE_KEYS) && isIdValue(v.id) && isIdValue(v.by) && isDateTimeValue(v.at) && isTrimmed(v.text, COMMENT_MAX);
}

function isAnchor(v: unknown): boolean {
  return (
    v === null ||
    (exactKeys(v, ANCHOR_KEYS) &&
      ANCHOR_FIELDS.has(v.field) &&
      isInt(v.from, 0, 1_000_000) &&
      isInt(v.to, 0, 1_000_000) &&
      typeof v.quote === 'string' &&
      v.quote.length >= 1 &&
      v.quote.length <= 1000)
  );
}

function isThread(v: unknown): boolean {
  return (
    exactKeys(v, THREAD_KEYS) &&
    isIdValue(v.id) &&
    typeof v.part === 'string' &&
    isPartKey(v.part) &&
    isAnchor(v.anchor) &&
    (v.resolved === null || (exactKeys(v.resolved, RESOLVED_KEYS) && isIdValue(v.resolved.by) && isDateTimeValue(v.resolved.at))) &&
    isArrayOf(v.messages, 1, 500, isMessage)
  );
}

/**
 * Review objects that passed, so the check of a record read (isCheckedComparison) is not
 * repeated when its status is derived right after. Review data is never changed in place
 * (every review action and merge builds new objects), so a pass stays true.
 */
const passed = new WeakSet<object>();

/**
 * True when `reviewRecordSchema` accepts the value and hands it back unchanged (all three
 * fields present: a missing one would be filled with its default, a new object).
 */
export function isCheckedReview(value: unknown): value is ReviewRecord {
  if (!exactKeys(value, REVIEW_KEYS)) return false;
  if (passed.has(value)) return true;
  const parts = value.parts;
  if (!isPlainObject(parts)) return false;
  for (const key in parts) {
    if (!isPartKey(key) || !isPartReview(parts[key])) return false;
  }
  if (!isSignOff(value.signOff) || !isArrayOf(value.comments, 0, 5000, isThread)) return false;
  passed.add(value);
  return true;
}
