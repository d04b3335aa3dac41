/** Small statistics and the result row every measurement produces. */

export interface BenchRow {
  name: string;
  figure: number;
  /** The bare cost of the same work on the same bytes, measured in the same run; null where the issue names none. */
  floor: number | null;
  /** figure / floor (null without a floor). */
  ratio: number | null;
  /** The target in words, e.g. "≤ 1.5× floor" or "≤ 8 ms". */
  target: string;
  met: boolean;
  unit: string;
  /** What was measured and how, for the report (not part of results.json's required fields). */
  note?: string;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

interface RowInput {
  name: string;
  figure: number;
  floor?: number | null;
  unit: string;
  note?: string;
  /** Figure at most this (absolute, in the row's unit). */
  max?: number;
  /** Figure at least this. */
  min?: number;
  /** figure / floor at most this. */
  maxRatio?: number;
}

/** A row with its ratio, its target in words and whether every stated bound is met. */
export function row(input: RowInput): BenchRow {
  const floor = input.floor ?? null;
  const ratio = floor !== null && floor > 0 ? input.figure / floor : null;
  const targets: string[] = [];
  let met = Number.isFinite(input.figure);
  if (input.max !== undefined) {
    targets.push(`≤ ${input.max} ${input.unit}`);
    met &&= input.figure <= input.max;
  }
  if (input.min !== undefined) {
    targets.push(`≥ ${input.min} ${input.unit}`);
    met &&= input.figure >= input.min;
  }
  if (input.maxRatio !== undefined) {
    targets.push(`≤ ${input.maxRatio}× floor`);
    met &&= ratio !== null && ratio <= input.maxRatio;
  }
  return {
    name: input.name,
    figure: round(input.figure),
    floor: floor === null ? null : round(floor),
    ratio: ratio === null ? null : round(ratio),
    target: targets.join(' and '),
    met,
    unit: input.unit,
    ...(input.note ? { note: input.note } : {}),
  };
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
