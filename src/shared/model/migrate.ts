import { COMPARISON_FORMAT } from './comparison';
import { PERSON_FORMAT } from './person';
import { WORKSPACE_FORMAT } from './workspace';

export type RecordKind = 'comparison' | 'person' | 'workspace';

const CURRENT: Record<RecordKind, number> = {
  comparison: COMPARISON_FORMAT,
  person: PERSON_FORMAT,
  workspace: WORKSPACE_FORMAT,
};

/** One step per format version: MIGRATIONS[kind][n] upgrades format n to n + 1. */
const MIGRATIONS: Record<RecordKind, Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {
  comparison: {},
  person: {},
  workspace: {},
};

export class FormatError extends Error {}

/**
 * Brings a raw record up to the current format before it is validated. A record from a
 * newer app (a future format) is refused, never guessed at or overwritten.
 */
export function migrate(kind: RecordKind, raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let record = raw as Record<string, unknown>;
  const format = record.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) return raw;
  if (format > CURRENT[kind]) {
    throw new FormatError(
      `This ${kind} was written in format ${format} by a newer Versus Desk; this version reads up to format ${CURRENT[kind]}.`,
    );
  }
  for (let v = format; v < CURRENT[kind]; v++) {
    const step = MIGRATIONS[kind][v];
    if (!step) throw new FormatError(`No migration from ${kind} format ${v}`);
    record = { ...step(record), format: v + 1 };
  }
  return record;
}
