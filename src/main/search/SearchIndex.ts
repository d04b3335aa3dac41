import SearchableMap from 'minisearch/SearchableMap';
import type { Comparison } from '../../shared/model/comparison';
import { comparisonText, fold, MIN_WORD, queryWords, words } from './searchText';

/** Work per slice of the background fill before yielding to the event loop (IPC stays responsive). */
const SLICE_MS = 4;
/** Files the fill reads at once: enough to keep the thread pool busy, few enough that a read the user asked for is not queued behind many. */
const READ_BATCH = 16;
/** Query words whose matches are kept until the next change (as-you-type repeats them). */
const CACHED_WORDS = 64;

/**
 * A word's articles: a set of slots while it is rare, bits once it is common (ORing bits is far
 * cheaper than walking a big set, and a big set of numbers is what the GC would walk most).
 */
interface Postings {
  /** null once the postings moved to bits. */
  slots: Set<number> | null;
  bits: Uint32Array | null;
  /** Articles in it. */
  count: number;
  /** The word (or prefix) it is filed under. */
  key: string;
  /** A word's MIN_WORD-letter prefix (null for a prefix's own postings). */
  prefix: Postings | null;
  /** The last `put` that added to it (each article is added once per word and per prefix). */
  stamp: number;
}
/** A word used by more articles than this keeps them as bits instead of a set. */
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

const newPostings = (key: string, prefix: Postings | null): Postings => ({ slots: new Set<number>(), bits: null, count: 0, key, prefix, stamp: -1 });

/** Takes `slot` out of `postings`; true when none is left. */
function removeFrom(postings: Postings, slot: number): boolean {
  const { bits, slots } = postings;
  if (bits) {
    const mask = 1 << (slot & 31);
    if (slot >>> 5 < bits.length && ((bits[slot >>> 5] as number) & mask) !== 0) {
      bits[slot >>> 5] = (bits[slot >>> 5] as number) & ~mask;
      postings.count--;
    }
  } else if (slots?.delete(slot)) {
    postings.count--;
  }
  return postings.count === 0;
}

/** What the last background fill cost (bench figures; `null` until one has finished). */
export interface FillStats {
  /** Articles read and indexed. */
  articles: number;
  /** From the start of the fill to its end, waiting for files included. */
  ms: number;
  /** The longest stretch the fill ran without yielding to the event loop (its own slices; GC pauses not included). */
  longestSliceMs: number;
  slices: number;
}

/**
 * The word index behind the sidebar filter (see searchText.ts for the rules): every word of
 * every article, of MIN_WORD letters or more, in MiniSearch's radix tree (SearchableMap), each
 * with the set of articles that use it. A query word takes every word it starts (a prefix walk
 * of the tree) and ORs their articles into a bitset; the words of a query are ANDed. No scoring:
 * the filter keeps the list's own order. Kept current by the store (saves, deletes, imports,
 * files seen changed behind the app's back) and filled in the background after a workspace
 * opens, so opening never waits for it: files are read a batch at a time and indexed in slices
 * of a few milliseconds, so IPC calls issued meanwhile are answered between slices. Until the
 * fill is done (`ready`), the index knows only part of the articles: callers that need every
 * match wait for `whenReady()` (WorkspaceStore.searchComparisons).
 *
 * Each article keeps its slot (its bit) while it exists, re-indexing included, so the list can
 * look slots up once per change (`slotEpoch` counts the changes of the id → slot map).
 */
export class SearchIndex {
  /** Every word, for prefix walks; `byWord` holds the same postings for exact lookups (a hash, not a walk). */
  private readonly tree = new SearchableMap<Postings>();
  private readonly byWord = new Map<string, Postings>();
  private stamp = 0;
  /** Above how many articles a word also keeps them as bits (tests lower it to cover both paths). */
  private readonly dense: number;

  constructor(opts: { denseAbove?: number } = {}) {
    this.dense = opts.denseAbove ?? DENSE;
  }

  /** Article id -> slot (its bit), and back; freed slots are reused. */
  private readonly slots = new Map<string, number>();
  private readonly ids: Array<string | null> = [];
  private readonly freeSlots: number[] = [];
  private epoch = 0;
  /** The words of each slot's article, to take it out of their sets. */
  private readonly wordsOf = new Map<number, Postings[]>();
  /**
   * The articles using a word that starts with each MIN_WORD-letter prefix: a query word that
   * short is one lookup, not a walk over the hundreds of words it starts (the slowest queries).
   */
  private readonly prefixes = new Map<string, Postings>();
  private readonly cache = new Map<string, Uint32Array>();
  /** Ids written by the store since the fill began: the fill must not overwrite them with older text. */
  private readonly touched = new Set<string>();
  private readyPromise: Promise<void> = Promise.resolve();
  private filled = true;
  private stopped = false;
  private pendingFill: (() => void) | null = null;
  private fillTimer: NodeJS.Timeout | null = null;
  private stats: FillStats | null = null;

  /**
   * Indexes (or re-indexes) one article. The work is done just after the caller's turn (a save
   * is acknowledged without waiting for it), or at once when anything reads the index first.
   */
  upsert(c: Comparison): void {
    this.touched.add(c.id);
    this.defer(c.id, c);
  }

  remove(id: string): void {
    this.touched.add(id);
    this.defer(id, null);
  }

  /** Writes waiting to be indexed, by id (null: removed), in the order they came. */
  private readonly pending = new Map<string, Comparison | null>();
  private flushScheduled = false;

  private defer(id: string, record: Comparison | null): void {
    this.pending.delete(id);
    this.pending.set(id, record);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushPending());
  }

  /** Indexes the deferred writes now (every read of the index calls this first). */
  flushPending(): void {
    this.flushScheduled = false;
    if (this.pending.size === 0) return;
    const writes = [...this.pending];
    this.pending.clear();
    for (const [id, record] of writes) {
      if (record) this.put(id, comparisonText(record));
      else this.drop(id);
    }
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

  /** Starts a scheduled fill now; resolves when it is done (or stopped). */
  whenReady(): Promise<void> {
    this.pendingFill?.();
    return this.readyPromise;
  }

  /** The figures of the last finished fill. */
  get fillStats(): FillStats | null {
    return this.stats;
  }

  /**
   * Indexes `ids` in the background, reading each through `read` (null: gone or unreadable),
   * READ_BATCH files at a time, indexing them in slices of about SLICE_MS.
   */
  fill(ids: readonly string[], read: (id: string) => Promise<Comparison | null>): Promise<void> {
    this.filled = false;
    this.readyPromise = (async () => {
      const started = performance.now();
      const stats: FillStats = { articles: 0, ms: 0, longestSliceMs: 0, slices: 0 };
      let sliceStart = started;
      const endSlice = () => {
        stats.longestSliceMs = Math.max(stats.longestSliceMs, performance.now() - sliceStart);
        stats.slices++;
      };
      for (let b = 0; b < ids.length; b += READ_BATCH) {
        const batch = ids.slice(b, b + READ_BATCH).filter((id) => !this.touched.has(id));
        endSlice();
        const records = await Promise.all(batch.map((id) => read(id).catch(() => null)));
        sliceStart = performance.now();
        if (this.stopped) return;
        for (let i = 0; i < batch.length; i++) {
          const id = batch[i] as string;
          const record = records[i];
          try {
            if (record && !this.touched.has(id)) {
              this.put(id, comparisonText(record));
              stats.articles++;
            }
          } catch {
            // Not the shape of an article: it is quarantined when opened; nothing to index.
          }
          if (performance.now() - sliceStart > SLICE_MS) {
            endSlice();
            await new Promise((done) => setImmediate(done));
            sliceStart = performance.now();
            if (this.stopped) return;
          }
        }
      }
      endSlice();
      stats.ms = performance.now() - started;
      this.stats = stats;
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

  /**
   * The articles whose words match every query word of MIN_WORD characters or more, as bits by
   * slot (see `slotOf`); null when the query has no such word. Read-only: shared with the cache.
   */
  matchingBits(query: string): Uint32Array | null {
    const wanted = queryWords(query);
    if (wanted.length === 0) return null;
    this.pendingFill?.();
    this.flushPending();
    let result: Uint32Array | null = null;
    for (const word of wanted) {
      const bits = this.wordBits(word);
      if (!result) {
        if (wanted.length === 1) return bits;
        result = bits.slice();
      } else for (let i = 0; i < result.length; i++) result[i] = (result[i] as number) & (bits[i] ?? 0);
    }
    return result;
  }

  /** Whether article `id` matches `query` by the word rule (tests; the list uses `matchingBits`). */
  matches(id: string, query: string): boolean {
    const bits = this.matchingBits(query);
    const slot = this.slotOf(id);
    return bits !== null && slot >= 0 && ((bits[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;
  }

  /** The article's slot (its bit in `matchingBits`), -1 when it is not indexed. */
  slotOf(id: string): number {
    this.flushPending();
    return this.slots.get(id) ?? -1;
  }

  /** Changes whenever an article gets or loses a slot. */
  get slotEpoch(): number {
    this.flushPending();
    return this.epoch;
  }

  get size(): number {
    this.flushPending();
    return this.slots.size;
  }

  /** The articles using a word that starts with `word`, as bits by slot (cached until the next change). */
  private wordBits(word: string): Uint32Array {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const bits = new Uint32Array(Math.ceil(this.ids.length / 32) + 1);
    const orInto = (postings: Postings) => {
      const dense = postings.bits;
      if (dense) {
        const n = Math.min(dense.length, bits.length);
        for (let i = 0; i < n; i++) bits[i] = (bits[i] as number) | (dense[i] as number);
      } else {
        for (const slot of postings.slots ?? []) bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
      }
    };
    if (word.length === MIN_WORD) {
      const postings = this.prefixes.get(word);
      if (postings) orInto(postings);
    } else {
      for (const postings of this.tree.atPrefix(word).values()) orInto(postings);
    }
    if (this.cache.size >= CACHED_WORDS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(word, bits);
    return bits;
  }

  private put(id: string, text: string): void {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.ids.length;
      this.ids[slot] = id;
      this.slots.set(id, slot);
      this.epoch++;
    } else {
      this.dropWords(slot);
    }
    const stamp = ++this.stamp;
    const kept: Postings[] = [];
    for (const w of words(fold(text))) {
      if (w.length < MIN_WORD) continue;
      let postings = this.byWord.get(w);
      if (postings === undefined) {
        const key = w.slice(0, MIN_WORD);
        let prefix = this.prefixes.get(key);
        if (!prefix) this.prefixes.set(key, (prefix = newPostings(key, null)));
        postings = newPostings(w, prefix);
        this.byWord.set(w, postings);
        this.tree.set(w, postings);
      }
      if (postings.stamp === stamp) continue;
      postings.stamp = stamp;
      kept.push(postings);
      this.addTo(postings, slot);
      const prefix = postings.prefix as Postings;
      if (prefix.stamp !== stamp) {
        prefix.stamp = stamp;
        this.addTo(prefix, slot);
      }
    }
    this.wordsOf.set(slot, kept);
    this.cache.clear();
  }

  private addTo(postings: Postings, slot: number): void {
    if (postings.bits) {
      if (((postings.bits[slot >>> 5] ?? 0) & (1 << (slot & 31))) === 0) postings.count++;
      postings.bits = setBit(postings.bits, slot);
      return;
    }
    const slots = postings.slots as Set<number>;
    slots.add(slot);
    postings.count = slots.size;
    if (slots.size > this.dense) {
      let made: Uint32Array = new Uint32Array(Math.ceil(this.ids.length / 32) + 1);
      for (const s of slots) made = setBit(made, s);
      postings.bits = made;
      postings.slots = null;
    }
  }

  private drop(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.dropWords(slot);
    this.slots.delete(id);
    this.ids[slot] = null;
    this.freeSlots.push(slot);
    this.epoch++;
    this.cache.clear();
  }

  /** Takes the slot's article out of every word it was indexed under. */
  private dropWords(slot: number): void {
    for (const postings of this.wordsOf.get(slot) ?? []) {
      if (removeFrom(postings, slot)) {
        this.tree.delete(postings.key);
        this.byWord.delete(postings.key);
      }
      // Every word of the article goes, so it leaves each of their prefixes too (repeats are harmless).
      const prefix = postings.prefix as Postings;
      if (removeFrom(prefix, slot) && this.prefixes.get(prefix.key) === prefix) this.prefixes.delete(prefix.key);
    }
    this.wordsOf.delete(slot);
  }
}
