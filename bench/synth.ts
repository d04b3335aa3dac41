/**
 * The benchmark's synthetic workspace: seeded, so every run measures the same bytes.
 * Articles are built through the app's own seed builder (buildSeedRecords) from fixtures shaped
 * like the seed article, so they are exactly what the store accepts; text mixes the seed
 * article's own words with generated ones, so the vocabulary grows with the workspace as a real
 * one would.
 */
import { COMPARISON_FORMAT, type Comparison } from '../src/shared/model/comparison';
import { PERSON_FORMAT, type Person } from '../src/shared/model/person';
import { docFromText, type BlockDoc } from '../src/shared/model/richText';
import { slugFromTerms } from '../src/shared/model/slug';
import { stableStringify } from '../src/main/store/durableWrite';
import { buildSeedRecords, seedFixture, type SeedFixture } from '../src/main/seed/seedWorkspace';
import { reviewComparison, reviewPerson } from '../src/shared/review/actions';
import { SECTIONS } from '../src/shared/review/parts';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID-shaped ids from the seeded generator (time part fixed, so they sort by creation order). */
export function idMaker(random: () => number, timeMs = Date.UTC(2024, 0, 1)): () => string {
  let counter = 0;
  return () => {
    let time = timeMs + counter++;
    let head = '';
    for (let i = 0; i < 10; i++) {
      head = CROCKFORD[time % 32] + head;
      time = Math.floor(time / 32);
    }
    let tail = '';
    for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(random() * 32)];
    return head + tail;
  };
}

const SEED_WORDS = (() => {
  const f = seedFixture;
  const text = [f.summary, ...f.keyDifferences, ...f.chart.flatMap((r) => [r.label, r.a, r.b]), ...f.definitions.flatMap((d) => [d.text, d.example]), ...f.faqs.flatMap((q) => [q.q, q.a])].join(' ');
  return text.split(/[^A-Za-z']+/).filter((w) => w.length > 1);
})();

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tor', 'va', 'sel', 'dun', 'pra', 'qui', 'zen', 'bor', 'fa', 'gri', 'hol', 'jas', 'nim', 'ost', 'pel', 'ru', 'sta', 'tem', 'ul', 'wex', 'yor'];

export class TextMaker {
  private readonly coined: string[];
  /** Multiplies sentence lengths (the generator aims each article at a size with it). */
  lengthScale = 1;
  constructor(
    private readonly random: () => number,
    coined?: string[],
  ) {
    // A vocabulary of coined words (about 4,000) beside the seed article's words.
    this.coined = coined ?? [];
    if (!coined) for (let i = 0; i < 4000; i++) this.coined.push(this.coin());
  }

  /** The same vocabulary over another random sequence. */
  withRandom(random: () => number): TextMaker {
    return new TextMaker(random, this.coined);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  coin(): string {
    let w = '';
    const n = this.int(2, 4);
    for (let i = 0; i < n; i++) w += this.pick(SYLLABLES);
    return w;
  }

  word(): string {
    return this.random() < 0.8 ? this.pick(SEED_WORDS) : this.pick(this.coined);
  }

  /** A term name: one or two capitalised coined words (unique enough across 10,000 articles). */
  termName(): string {
    const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    return this.random() < 0.5 ? cap(this.coin()) : `${cap(this.coin())} ${cap(this.pick(this.coined))}`;
  }

  sentence(min: number, max: number): string {
    const n = Math.max(1, Math.round(this.int(min, max) * this.lengthScale));
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.word());
    const s = words.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  }

  paragraph(sentences: number, min = 8, max = 18): string {
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) out.push(this.sentence(min, max));
    return out.join(' ');
  }
}

export interface PartCounts {
  keyDifferences: number;
  chart: number;
  definitions: number;
  faqs: number;
}

/** A fixture shaped like the seed article. */
function makeFixture(t: TextMaker, termA: string, termB: string, counts: PartCounts, scale: number): SeedFixture {
  const sc = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    title: `${termA} vs. ${termB}: What's the Difference?`,
    termA,
    termB,
    summary: t.paragraph(1, 14, 24),
    keyDifferences: Array.from({ length: counts.keyDifferences }, () => t.paragraph(sc(2))),
    chart: Array.from({ length: counts.chart }, () => ({ label: t.sentence(1, 3).replace(/\.$/, ''), a: t.sentence(2, sc(5)), b: t.sentence(2, sc(5)) })),
    definitions: Array.from({ length: counts.definitions }, (_, i) => ({ term: i % 2 === 0 ? ('A' as const) : ('B' as const), text: t.paragraph(sc(2)), example: t.sentence(8, 14) })),
    faqs: Array.from({ length: counts.faqs }, () => ({ q: `${t.sentence(5, 9).replace(/\.$/, '')}?`, a: t.paragraph(sc(2)) })),
    author: { name: 'unused', bio: 'unused' },
    editor: { name: 'unused', bio: 'unused' },
    updated: '2024-05-01',
  };
}

/**
 * The article as its editor left it after review: every part approved, then signed off, by the
 * article's editor (never its author), through the app's own review rules.
 */
export function signedOff(c: Comparison, at: string): Comparison {
  const editorId = c.byline.editorId;
  if (!editorId) return c;
  const actor = { personId: editorId, role: 'editor' as const, name: 'Editor' };
  const approved = { ...c, review: reviewComparison(c, actor, { action: 'approve', parts: [], sections: [...SECTIONS] }, at, []) };
  return { ...approved, review: reviewComparison(approved, actor, { action: 'sign_off' }, at, []) };
}

/**
 * The person with the bio approved and signed off by `by` (another person), as an editor
 * publishing their articles leaves it.
 */
export function bioSignedOff(p: Person, by: string, at: string): Person {
  const actor = { personId: by, role: 'editor' as const, name: 'Editor' };
  const approved = { ...p, review: reviewPerson(p, actor, { action: 'approve', parts: [], sections: [] }, at) };
  return { ...approved, review: reviewPerson(approved, actor, { action: 'sign_off' }, at) };
}

export interface SyntheticWorkspace {
  people: Person[];
  comparisons: Comparison[];
}

export interface SynthOptions {
  seed?: number;
  articles: number;
  people?: number;
  /** Stored size each article aims at: uniform in [min, max] bytes. */
  sizeRange?: [number, number];
  /** Every article approved part by part and signed off, and every bio (default true). */
  signOff?: boolean;
}

/**
 * `articles` comparisons of about 7–8 KB stored (varied: 4–6 key differences, 5–8 chart rows,
 * 2 definitions, 3–5 FAQs, lengths tuned to a size drawn from `sizeRange`), all parts filled, each
 * with an author and editor among `people`.
 */
export function synthWorkspace(opts: SynthOptions): SyntheticWorkspace {
  const random = rng(opts.seed ?? 20240501);
  const newId = idMaker(random);
  const t = new TextMaker(random);
  const [minSize, maxSize] = opts.sizeRange ?? [6800, 8000];
  const at = new Date(Date.UTC(2024, 4, 1)).toISOString();
  const people: Person[] = Array.from({ length: opts.people ?? 50 }, (_, i) => ({
    format: PERSON_FORMAT,
    id: newId(),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    name: `${t.termName()} ${t.termName().split(' ')[0]}`,
    credentials: i % 2 === 0 ? 'Staff writer' : 'Senior editor',
    bio: docFromText(t.paragraph(3)) as BlockDoc,
  }));
  const slugs = new Set<string>();
  const comparisons: Comparison[] = [];
  for (let i = 0; i < opts.articles; i++) {
    const target = t.int(minSize, maxSize);
    const counts: PartCounts = { keyDifferences: t.int(4, 6), chart: t.int(5, 8), definitions: 2, faqs: t.int(3, 5) };
    const articleSeed = Math.floor(random() * 2 ** 32);
    const idSeed = Math.floor(random() * 2 ** 32);
    let c: Comparison | null = null;
    // The same article at another sentence length until it lands near the target size.
    for (let attempt = 0, scale = 1; attempt < 4; attempt++) {
      const at = t.withRandom(rng(articleSeed));
      at.lengthScale = scale;
      c = buildArticle(at, idMaker(rng(idSeed), Date.UTC(2024, 0, 1) + i * 1000), counts, 1, people, i, slugs);
      const size = Buffer.byteLength(stableStringify(c));
      if (Math.abs(size - target) < 250) break;
      // Ids, keys and markup do not scale with the text: correct by the text's share.
      scale *= 1 + (target / size - 1) * 1.6;
    }
    const draft = c as Comparison;
    const article = opts.signOff === false ? draft : signedOff(draft, draft.updatedAt);
    slugs.add(article.slug);
    comparisons.push(article);
  }
  if (opts.signOff === false || people.length < 2) return { people, comparisons };
  return { people: people.map((p, i) => bioSignedOff(p, (people[(i + 1) % people.length] as Person).id, at)), comparisons };
}

function buildArticle(t: TextMaker, newId: () => string, counts: PartCounts, scale: number, people: Person[], i: number, slugs: Set<string>): Comparison {
  const termA = t.termName();
  const termB = t.termName();
  const fixture = makeFixture(t, termA, termB, counts, scale);
  const when = new Date(Date.UTC(2024, 0, 1) + i * 60_000);
  const { comparison } = buildSeedRecords(when, newId, fixture);
  let slug = slugFromTerms([termA, termB]);
  for (let n = 2; slugs.has(slug); n++) slug = `${slugFromTerms([termA, termB])}-${n}`;
  return {
    ...comparison,
    format: COMPARISON_FORMAT,
    slug,
    byline: { ...comparison.byline, authorId: people[i % people.length]!.id, editorId: people[(i + 7) % people.length]!.id },
  };
}

/** The long article of the typing benchmark: `each` key differences, chart rows, definitions and FAQs. */
export function longArticle(each: number, people: Person[], seed = 7): Comparison {
  const random = rng(seed);
  const t = new TextMaker(random);
  const newId = idMaker(random, Date.UTC(2025, 0, 1));
  const fixture = makeFixture(t, 'Benchmark Alpha', 'Benchmark Omega', { keyDifferences: each, chart: each, definitions: each, faqs: each }, 0.6);
  // Older than every other article, so the app does not open it by itself at start.
  const { comparison } = buildSeedRecords(new Date(Date.UTC(2023, 0, 1)), newId, fixture);
  return { ...comparison, byline: { ...comparison.byline, authorId: people[0]?.id ?? null, editorId: people[1]?.id ?? null } };
}
