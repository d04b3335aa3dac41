import { z } from 'zod';
import { comparisonSummarySchema, type ComparisonSummary } from '../../shared/api/contract';
import type { Comparison } from '../../shared/model/comparison';
import { idSchema } from '../../shared/model/ids';
import { stableStringify, writeFileDurable } from './durableWrite';
import type { FsLayer } from './fsLayer';
import { checkIndexCache } from './indexCacheCheck';
import { reviewSummaryOf } from '../../shared/dashboard/reviewSummary';

/** 2: summaries carry the status derived from review data. 3: and author, editor, waiting since, open comments. */
export const INDEX_VERSION = 3;

/**
 * The cache is a whole-file rewrite (about 500 bytes per article: 5 MB at 10,000), so it is
 * written after changes settle only once enough changes have piled up that the rewrite costs
 * at most this many bytes per change, about one article's file; close() always writes it. A
 * stale cache after a crash costs nothing but a re-read of the files whose size or mtime
 * changed, so this trades no safety for a save that stays O(that document) in bytes too.
 */
export const INDEX_BYTES_PER_CHANGE = 8 * 1024;

const entrySchema = z.strictObject({
  size: z.number().int().min(0),
  mtimeMs: z.number(),
  summary: comparisonSummarySchema,
  authorId: idSchema.nullable(),
  editorId: idSchema.nullable(),
});
/** What the index knows of one comparison file without reading it. */
export type IndexEntry = z.infer<typeof entrySchema>;

/** The cache file's schema (the rules checkIndexCache applies by hand). */
export const indexFileSchema = z.strictObject({
  version: z.literal(INDEX_VERSION),
  comparisons: z.record(idSchema, entrySchema),
});

export function summaryOf(c: Comparison): ComparisonSummary {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    terms: c.terms.map((t) => t.name),
    updatedAt: c.updatedAt,
    revision: c.revision,
    ...reviewSummaryOf(c),
  };
}

export function entryOf(c: Comparison, size: number, mtimeMs: number): IndexEntry {
  return { size, mtimeMs, summary: summaryOf(c), authorId: c.byline.authorId, editorId: c.byline.editorId };
}

/**
 * The in-memory list of comparisons, cached in `.versus-desk/index.json` with each file's size
 * and mtime so opening a large workspace reads only the files that changed. The cache is written
 * debounced and on close, never per save: a save stays O(that document).
 */
export class ComparisonIndex {
  readonly entries = new Map<string, IndexEntry>();
  /** Bumped on every change to `entries`, so views derived from them (the sorted list) know when to rebuild. */
  version = 0;
  /** slug -> ids using it (a set: files edited by hand may share one). */
  private readonly bySlug = new Map<string, Set<string>>();
  private dirty = false;
  /** Changes since the cache was last written, and that write's size (see INDEX_BYTES_PER_CHANGE). */
  private pendingChanges = 0;
  private lastBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly fs: FsLayer,
    private readonly file: string,
    private readonly delayMs: number,
  ) {}

  /**
   * The cached entries from disk; a missing or damaged cache is simply empty (it is rebuilt).
   * Checked by hand (checkIndexCache, held to `indexFileSchema` by the tests) after a plain
   * JSON.parse: a zod pass and a reviver over 10,000 entries cost several times the parse.
   */
  async readCache(): Promise<Map<string, IndexEntry>> {
    try {
      const text = await this.fs.readFile(this.file);
      this.lastBytes = text.length;
      return checkIndexCache(JSON.parse(text), INDEX_VERSION) ?? new Map();
    } catch {
      return new Map();
    }
  }

  /** Fills an empty index from the cache in one pass (opening: no entry to replace, nothing to write back). */
  loadAll(cache: ReadonlyMap<string, IndexEntry>): void {
    if (this.entries.size > 0) throw new Error('loadAll needs an empty index');
    for (const [id, entry] of cache) {
      Object.freeze(entry.summary.terms);
      Object.freeze(entry.summary);
      this.entries.set(id, entry);
      const owners = this.bySlug.get(entry.summary.slug);
      if (owners) owners.add(id);
      else this.bySlug.set(entry.summary.slug, new Set([id]));
    }
    this.version++;
  }

  set(id: string, entry: IndexEntry, changed = true): void {
    // Frozen once here, the summary is shared by every list until the entry is replaced (no copy per list).
    Object.freeze(entry.summary.terms);
    Object.freeze(entry.summary);
    this.unlinkSlug(id);
    this.entries.set(id, entry);
    this.version++;
    const owners = this.bySlug.get(entry.summary.slug) ?? new Set<string>();
    owners.add(id);
    this.bySlug.set(entry.summary.slug, owners);
    if (changed) this.changed();
  }

  delete(id: string): void {
    this.unlinkSlug(id);
    if (this.entries.delete(id)) {
      this.version++;
      this.changed();
    }
  }

  /** Another comparison (not `exceptId`) using this slug, if any. */
  slugOwner(slug: string, exceptId: string | null): IndexEntry | null {
    for (const id of this.bySlug.get(slug) ?? []) {
      if (id !== exceptId) return this.entries.get(id) ?? null;
    }
    return null;
  }

  private unlinkSlug(id: string): void {
    const previous = this.entries.get(id);
    if (!previous) return;
    const owners = this.bySlug.get(previous.summary.slug);
    owners?.delete(id);
    if (owners?.size === 0) this.bySlug.delete(previous.summary.slug);
  }

  /** Marks the cache stale and writes it once changes have settled. */
  changed(): void {
    this.dirty = true;
    this.pendingChanges++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // Not worth a whole rewrite yet (see INDEX_BYTES_PER_CHANGE): stay dirty; close() writes it.
      if (this.pendingChanges * INDEX_BYTES_PER_CHANGE < this.lastBytes) return;
      void this.flush().catch((error: unknown) => console.warn('Versus Desk: could not write the index cache', error));
    }, this.delayMs);
    // A pending cache write must not keep the process alive; close() flushes it anyway.
    this.timer.unref();
  }

  /** Writes the cache now if anything changed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const pending = this.pendingChanges;
      this.pendingChanges = 0;
      const comparisons = Object.fromEntries(this.entries);
      const text = stableStringify({ version: INDEX_VERSION, comparisons });
      try {
        await writeFileDurable(this.file, text, this.fs);
        this.lastBytes = text.length;
      } catch (error) {
        this.pendingChanges += pending;
        this.dirty = true;
        throw error;
      }
    });
    return this.writing;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
