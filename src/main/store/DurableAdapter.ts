import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { comparisonSchema, type Comparison } from '../../shared/model/comparison';
import { isCheckedComparison } from '../../shared/model/comparisonCheck';
import { FormatError, migrate, type RecordKind } from '../../shared/model/migrate';
import { stableStringify, writeFileDurable } from './durableWrite';
import { errnoCode, nodeFs, type FsLayer } from './fsLayer';
import { findForbiddenKey, refuseForbiddenKeys, UnsafeJsonError } from './secureJsonParse';
import { zodIssuesInWords } from '../services/zodIssuesInWords';
import { canonicalCopy } from '../../shared/util/canonicalCopy';

/**
 * The content of a file is unusable: not JSON, unsafe JSON, a newer format, or invalid for the
 * schema. (File-system failures are rethrown as they are: the file itself may be fine.)
 */
export class RecordReadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RecordReadError';
  }
}

/** The data failed its schema on the way to disk; nothing was written. */
export class RecordWriteError extends Error {
  constructor(
    readonly reason: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(reason);
    this.name = 'RecordWriteError';
  }
}

/**
 * A lowdb adapter for one record file: reads through a secure JSON parse, the format
 * migration and the zod schema; writes deterministic JSON durably (see writeFileDurable).
 * `read()` resolves null when the file does not exist.
 */
export class DurableAdapter<T> implements Adapter<T> {
  /** The checked copy last written (the schema's output: no object shared with the caller's data). */
  lastWritten: T | null = null;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly kind: RecordKind,
    private readonly fs: FsLayer = nodeFs,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await this.fs.readFile(this.path);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw error;
    }
    return parseRecord(text, this.schema, this.kind);
  }

  async write(data: T): Promise<void> {
    const checked = checkedCopy(data, this.schema);
    // The schema lets such keys through where it holds free-form data (review parts), but
    // read() refuses them: written, the record would be quarantined on its next read.
    const forbidden = findForbiddenKey(checked);
    if (forbidden) throw new RecordWriteError(`it contains the forbidden key "${forbidden}"`, []);
    this.lastWritten = null;
    await writeFileDurable(this.path, stableStringify(checked), this.fs);
    this.lastWritten = checked;
  }
}

/**
 * The value as its schema checks it for writing, as a copy sharing nothing with `data`; throws
 * RecordWriteError in the schema's words. A value the hand-written check vouches for (the schema
 * would accept it and hand it back unchanged: every save from the editor) is copied with its keys
 * in order (canonicalCopy) instead of going through zod: that is a third of zod's cost, and the
 * sorted copy is then written by stableStringify's native fast path (half the cost of the key by
 * key walk the schema's key order needs). Same text on disk either way.
 */
export function checkedCopy<T>(data: T, schema: z.ZodType<T>): T {
  const fast = FAST_CHECKS.get(schema);
  if (fast) {
    // The copy is what is checked (the caller's object could change under a check made first),
    // and its review record is then known as checked: the list entry built from it next does
    // not check it again.
    const copy = canonicalCopy(data);
    if (fast(copy)) return copy;
  }
  const checked = schema.safeParse(data);
  if (!checked.success) throw new RecordWriteError(zodIssuesInWords(checked.error.issues), checked.error.issues);
  return checked.data;
}

/**
 * Hand-written equivalents of a schema (true: the schema would accept the value and return it
 * unchanged), tried on the parsed JSON before the forbidden-key walk, the migration and zod:
 * a comparison passing its check holds only its schema's keys (none forbidden) in the current
 * format, so it is the checked record as parsed. Anything else takes the full path below.
 */
const FAST_CHECKS = new Map<unknown, (value: unknown) => boolean>([[comparisonSchema, isCheckedComparison]]);

/** Parses, migrates and validates one record's text, or throws RecordReadError saying why. */
export function parseRecord<T>(text: string, schema: z.ZodType<T>, kind: RecordKind): T {
  // Same test as text.trim() === '' (regex \s is trim's white space), without copying the text.
  if (!/\S/.test(text)) throw new RecordReadError('it is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RecordReadError(text.includes('\u0000') ? 'it holds binary zeros, not JSON' : 'it is not valid JSON (truncated or damaged)');
  }
  if (FAST_CHECKS.get(schema)?.(raw) === true) return raw as T;
  try {
    refuseForbiddenKeys(raw);
  } catch (error) {
    if (error instanceof UnsafeJsonError) throw new RecordReadError(error.message);
    throw error;
  }
  let migrated: unknown;
  try {
    migrated = migrate(kind, raw);
  } catch (error) {
    if (error instanceof FormatError) throw new RecordReadError(error.message);
    throw error;
  }
  const checked = schema.safeParse(migrated);
  if (!checked.success) throw new RecordReadError(`it does not match the ${kind} format: ${zodIssuesInWords(checked.error.issues)}`);
  return checked.data;
}

/**
 * The comparison in `text` if it is a readable record of that id, else null (no reason: the
 * caller reads the file the usual way, which words and quarantines). For texts read off the main
 * path: the cold open's list workers and the export's reader thread.
 */
export function comparisonOfId(text: string, id: string): Comparison | null {
  try {
    const record = parseRecord(text, comparisonSchema, 'comparison');
    return record.id === id ? record : null;
  } catch {
    return null;
  }
}
