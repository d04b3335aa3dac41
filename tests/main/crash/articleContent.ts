import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { stableStringify } from '../../../src/main/store/durableWrite';
import { comparisonSchema, type Comparison } from '../../../src/shared/model/comparison';
import type { InlineDoc } from '../../../src/shared/model/richText';

/** A small seeded PRNG (mulberry32): the same seed gives the same run of numbers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The schema's limits (richText.ts, comparison.ts): one text node ≤ 100,000 chars, ≤ 200 key differences. */
const MAX_TEXT = 100_000;
const MAX_KEY_DIFFERENCES = 200;
const WORDS = ['platform', 'network', 'audience', 'profile', 'reach', 'follow', 'café', 'naïve', 'déjà', 'vu', 'über', 'signal', 'noise', '—', 'engagement'];

function prose(random: () => number, length: number): string {
  // Built from a short random phrase repeated, so 5 MB costs milliseconds, not seconds.
  let phrase = '';
  while (phrase.length < 400) phrase += `${WORDS[Math.floor(random() * WORDS.length)]} `;
  const salt = `${Math.floor(random() * 1e9).toString(36)} `;
  return (salt + phrase.repeat(Math.ceil(length / phrase.length) + 1)).slice(0, Math.max(1, length)).trimEnd() || 'x';
}

function doc(text: string): InlineDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/**
 * The comparison with new content of about `bytes` bytes in its key differences (and a new
 * summary), built within the schema's limits: up to 200 key differences of up to 100,000 chars.
 */
export function withContent(c: Comparison, bytes: number, random: () => number): Comparison {
  const count = Math.min(MAX_KEY_DIFFERENCES, Math.max(1, Math.ceil(bytes / MAX_TEXT), Math.floor(random() * 5) + 1));
  const each = Math.min(MAX_TEXT, Math.max(20, Math.floor(bytes / count)));
  return {
    ...c,
    summary: doc(prose(random, 40 + Math.floor(random() * 200))),
    keyDifferences: Array.from({ length: count }, () => ({ id: ulid(), text: doc(prose(random, each)) })),
  };
}

/** Picks an article size: 1–5 MB when asked, else mostly 1–20 KB and 1 in 20 up to 500 KB. */
export function pickSize(random: () => number, big: boolean): number {
  if (big) return 1_000_000 + Math.floor(random() * 4_000_000);
  const r = random();
  if (r < 0.95) return 1_000 + Math.floor(random() * 19_000);
  return 20_000 + Math.floor(random() * 480_000);
}

/** The sha-256 of the bytes the store writes for this record (what the file must hold). */
export function hashOfRecord(c: Comparison): string {
  return hashOfText(stableStringify(comparisonSchema.parse(c)));
}

export function hashOfText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
