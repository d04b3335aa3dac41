import SearchableMap from 'minisearch/SearchableMap';
import type { Comparison } from '../../shared/model/comparison';
import { comparisonText, fold, MIN_WORD, queryWords, words } from './searchText';

/** Work per slice of the background fill before yielding to the event loop (IPC stays responsive). */
const SLICE_MS = 4;
/** Query words whose matches are kept until the next change (as-you-type repeats them). */
const CACHED_WORDS = 64;

/** A word's articles: a set of slots, plus the same as bits once it is common (ORing bits is far cheaper than walking a big set). */
interface Postings {
  slots: Set<number>;
  bits: Uint32Array | null;
}
/** A word used by more articles than this also keeps them as bits. */
const DENSE = 64;

function setBit(bits: Uint32Array, slot: number): Uint32Array {
  let out = bits;
  if (slot >>> 5 >= out.length) {
    out = new Uint32Array(Math.max((slot >>> 5) + 1, out.length * 2));
    out.set(bits);
  }
  out[slot >>> 5] = (out[slot >>> 5] as number) | (1 << (slot & 31));
  return out;
}

/** The articles a query matched. */
export interface Matches {
  has(id: string): boolean;
}

/**
 * The word index behind the sidebar filter (see searchText.ts for the rules): every word of
 * every article, of MIN_WORD letters or more, in MiniSearch's radix tree (SearchableMap), each
 * with the set of articles that use it. A query word takes every word it starts (a prefix walk
 * of the tree) and ORs their articles into a bitset; the words of a query are ANDed. No scoring:
 * the filter keeps the list's own order. Kept current by the store (saves, deletes, imports,
 * files seen changed behind the app's back) and filled in the background after a workspace
 * opens, so opening never waits for it.
 */
export class SearchIndex {
  private readonly tree = new SearchableMap<Postings>();
  /** Above how many articles a word also keeps them as bits (tests lower it to cover both paths). */
  private readonly dense: number;

  constructor(opts: { denseAbove?: number } = {}) {
    this.dense = opts.denseAbove ?? DENSE;
  }

  /** Article id -> slot (its bit), and back; freed slots are reused. */
  private readonly slots = new Map<string, number>();
  private readonly ids: Array<string | null> = [];
  private readonly freeSlots: number[] = [];
  /** The words of each slot's article, to take it out of their sets. */
  private readonly wordsOf = new Map<number, string[]>();
  /** One copy of each word string, shared by every article using it. */
  private readonly pool = new Map<string, string>();
  private readonly cache = new Map<string, Uint32Array>();
  /** Ids written by the store since the fill began: the fill must not overwrite them with older text. */
  private readonly touched = new Set<string>();
  private readyPromise: Promise<void> = Promise.resolve();
  private filled = true;
  private stopped = false;
  private pendingFill: (() => void) | null = null;
  private fillTimer: NodeJS.Timeout | null = null;

  /** Indexes (or re-indexes) one article. */
  upsert(c: Comparison): void {
    this.touched.add(c.id);
    this.put(c.id, comparisonText(c));
  }

  remove(id: string): void {
    this.touched.add(id);
    this.drop(id);
  }

  /** Schedules `fill` after `delayMs`, or at the first search or `whenReady()` call, whichever comes first. */
  fillLater(ids: readonly string[], read: (id: string) => Promise<Comparison | null>, delayMs: number): void {
    this.filled = false;
    this.pendingFill = () => {
      this.pendingFill = null;
      if (this.fillTimer) clearTimeout(this.fillTimer);
      this.fillTimer = null;
      void this.fill(ids, read);
    };
    this.fillTimer = setTimeout(() => this.pendingFill?.(), delayMs);
    this.fillTimer.unref();
  }

  /** True once the background fill has indexed every article present at open. */
  get ready(): boolean {
    return this.filled;
  }

  whenReady(): Promise<void> {
    this.pendingFill?.();
    return this.readyPromise;
  }

  /**
   * Indexes `ids` in the background, reading each through `read` (null: gone or unreadable),
   * in slices of a few milliseconds.
   */
  fill(ids: readonly string[], read: (id: string) => Promise<Comparison | null>): Promise<void> {
    this.filled = false;
    this.readyPromise = (async () => {
      let sliceStart = performance.now();
      for (const id of ids) {
        if (this.stopped) return;
        if (this.touched.has(id)) continue;
        const record = await read(id).catch(() => null);
        if (this.stopped) return;
        try {
          if (record && !this.touched.has(id)) this.put(id, comparisonText(record));
        } catch {
          // Not the shape of an article: it is quarantined when opened; nothing to index.
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((done) => setImmediate(done));
          sliceStart = performance.now();
        }
      }
      this.filled = true;
    })();
    return this.readyPromise;
  }

  /** Stops a fill in progress (the workspace is closing). */
  stop(): void {
    this.stopped = true;
    if (this.fillTimer) clearTimeout(this.fillTimer);
    this.pendingFill = null;
  }

  /** The articles whose words match every query word of MIN_WORD characters or more; null when the query has none. */
  matchingIds(query: string): Matches | null {
    const wanted = queryWords(query);
    if (wanted.length === 0) return null;
    this.pendingFill?.();
    let result: Uint32Array | null = null;
    for (const word of wanted) {
      const bits = this.wordBits(word);
      if (!result) result = bits.slice();
      else for (let i = 0; i < result.length; i++) result[i] = (result[i] as number) & (bits[i] ?? 0);
    }
    const hit = result as Uint32Array;
    return {
      has: (id) => {
        const slot = this.slots.get(id);
        return slot !== undefined && ((hit[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;
      },
    };
  }

  get size(): number {
    return this.slots.size;
  }

  /** The articles using a word that starts with `word`, as bits by slot (cached until the next change). */
  private wordBits(word: string): Uint32Array {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const bits = new Uint32Array(Math.ceil(this.ids.length / 32) + 1);
    for (const postings of this.tree.atPrefix(word).values()) {
      const dense = postings.bits;
      if (dense) {
        const n = Math.min(dense.length, bits.length);
        for (let i = 0; i < n; i++) bits[i] = (bits[i] as number) | (dense[i] as number);
      } else {
        for (const slot of postings.slots) bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
      }
    }
    if (this.cache.size >= CACHED_WORDS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(word, bits);
    return bits;
  }

  private put(id: string, text: string): void {
    this.drop(id);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    this.ids[slot] = id;
    this.slots.set(id, slot);
    const unique = new Set(words(fold(text)).filter((w) => w.length >= MIN_WORD));
    const kept: string[] = [];
    for (const w of unique) {
      let word = this.pool.get(w);
      if (word === undefined) {
        word = w;
        this.pool.set(w, w);
      }
      kept.push(word);
      const postings = this.tree.fetch(word, (): Postings => ({ slots: new Set<number>(), bits: null }));
      postings.slots.add(slot);
      if (postings.bits) postings.bits = setBit(postings.bits, slot);
      else if (postings.slots.size > this.dense) {
        let made: Uint32Array = new Uint32Array(Math.ceil(this.ids.length / 32) + 1);
        for (const s of postings.slots) made = setBit(made, s);
        postings.bits = made;
      }
    }
    this.wordsOf.set(slot, kept);
    this.cache.clear();
  }

  private drop(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    for (const word of this.wordsOf.get(slot) ?? []) {
      const postings = this.tree.get(word);
      if (!postings) continue;
      postings.slots.delete(slot);
      if (postings.bits && slot >>> 5 < postings.bits.length) postings.bits[slot >>> 5] = (postings.bits[slot >>> 5] as number) & ~(1 << (slot & 31));
      if (postings.slots.size === 0) {
        this.tree.delete(word);
        this.pool.delete(word);
      }
    }
    this.wordsOf.delete(slot);
    this.slots.delete(id);
    this.ids[slot] = null;
    this.freeSlots.push(slot);
    this.cache.clear();
  }
}
