import { basename } from 'node:path';
import { Low } from 'lowdb';
import { ServiceError } from '../../shared/api/errors';
import { COMPARISON_FORMAT, comparisonSchema, defaultTitle, emptyDoc, type Comparison } from '../../shared/model/comparison';
import { TERM_KEYS } from '../../shared/model/ids';
import { slugFromTerms, uniqueSlug } from '../../shared/model/slug';
import { entryOf, type ComparisonIndex, type IndexEntry } from './ComparisonIndex';
import { comparisonOfId, DurableAdapter, parseRecord, RecordReadError } from './DurableAdapter';
import { checkedRecord, isCheckedRecord, writeFilesDurable, type CheckedRecord } from './batchWrite';
import { syncFolder } from './durableWrite';
import { errnoCode, nodeFs } from './fsLayer';
import { listInWorkers, listWorkerScript, WORKERS_FROM } from './listInWorkers';
import { ioError } from './ioError';
import { localDate, writeRecord } from './recordIo';
import { RecentRecords } from './recentRecords';
import type { StoreContext } from './StoreContext';

/** Index entries computed per turn while insertMany's files are being written. */
const INSERT_SLICE = 8;

/** How insertMany writes a batch. */
export interface InsertManyOptions {
  /** Ids whose file was not there when the caller looked: created without replacing one that appeared meanwhile (DurableFile.create). */
  created?: ReadonlySet<string>;
  /** By id, the text a file held when the caller read it: replaced only while it still holds that (DurableFile.holds). */
  holding?: ReadonlyMap<string, string>;
}

/** Comparisons: one lowdb file each under comparisons/, listed from the index. */
export interface SaveOptions {
  /** Store the input's review data (review actions, import); otherwise the stored review is kept. */
  withReview?: boolean;
  /**
   * The updatedAt of the copy the edit is based on (the app's own saves send it): the save is
   * refused as a conflict unless the stored copy is that one. The revision alone cannot tell: a
   * synced folder or a git pull can bring in another computer's save of the same revision.
   */
  baseUpdatedAt?: string;
}

export class ComparisonRepository {
  private readonly lows = new Map<string, Low<Comparison | null>>();
  /** Records just read or written, trusted while their file keeps its size and mtime (saves skip a re-read). */
  private readonly recent = new RecentRecords<Comparison>();
  /** The last load without an index cache: how many files, and how many of them worker threads listed. */
  lastListing: { files: number; inWorkers: number } | null = null;
  /** Told of every record written, deleted, or seen changed behind the app's back (the search index listens). */
  onRecord: ((id: string, record: Comparison | null) => void) | null = null;

  constructor(
    private readonly ctx: StoreContext,
    readonly index: ComparisonIndex,
  ) {}

  /**
   * Fills the index. With a usable index cache the list comes from it alone and this resolves
   * true: the caller then checks the files against it in the background (indexCheck.ts). With
   * none, every file is read (unreadable ones are quarantined) and this resolves false.
   */
  async load(): Promise<boolean> {
    const cache = await this.index.readCache();
    if (cache.size > 0) {
      this.index.loadAll(cache);
      return true;
    }
    let names: string[];
    try {
      names = await this.ctx.fs.readdir(this.ctx.layout.comparisonsDir);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') names = [];
      else throw ioError('Could not list the comparisons', error);
    }
    const ids = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort().map((n) => basename(n, '.json'));
    // Worker threads list what they can (listInWorkers.ts), on the real file system only: a
    // layer put in between (tests' failing disks) must see every read.
    const script = listWorkerScript();
    const fromWorkers =
      script && this.ctx.fs === nodeFs && ids.length >= WORKERS_FROM ? await listInWorkers(script, this.ctx.layout.comparisonsDir, ids) : null;
    if (fromWorkers?.failure) console.warn('Versus Desk: listing on worker threads failed; reading the rest on the main thread', fromWorkers.failure);
    this.lastListing = { files: ids.length, inWorkers: fromWorkers?.listed ?? 0 };
    // The rest: one file's stat and read at a time costs a round trip to the thread pool each,
    // and 10,000 of them in sequence take seconds. Batches keep the pool busy; entries are set in name order.
    const BATCH = 64;
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = await Promise.all(
        ids.slice(start, start + BATCH).map((id, i) => {
          const entry = fromWorkers?.entries[start + i];
          return entry ? { id, entry } : this.readForList(id);
        }),
      );
      for (const item of batch) if (item) this.index.set(item.id, item.entry, false);
    }
    if (ids.length > 0) this.index.changed();
    if (process.env.VERSUS_DESK_TRACE) {
      console.error(`Versus Desk: listed ${ids.length} comparison files without an index cache, ${this.lastListing.inWorkers} of them on worker threads`);
    }
    return false;
  }

  async get(id: string): Promise<Comparison> {
    const record = await this.readFresh(id);
    if (!record) throw new ServiceError('NOT_FOUND', `The comparison ${this.label(id)} no longer exists.`, { id });
    // readFresh may answer from `recent`, whose copy is shared: the caller gets its own.
    return structuredClone(record);
  }

  /**
   * As get(), without the copy: the answer may be the shared record in `recent`, so only a
   * caller that never changes it and keeps it no longer than its own work (an export) uses this.
   */
  async readShared(id: string): Promise<Comparison> {
    const record = await this.readFresh(id);
    if (!record) throw new ServiceError('NOT_FOUND', `The comparison ${this.label(id)} no longer exists.`, { id });
    return record;
  }

  /**
   * For a reader on another thread (an export's): the record's file and the size and mtime its
   * index entry holds. Null on a file-system layer other than the real one (every read must go
   * through it) or for an unknown id: the caller reads through readShared() then.
   */
  directReadOf(id: string): { file: string; size: number; mtimeMs: number } | null {
    if (this.ctx.fs !== nodeFs) return null;
    const entry = this.index.entries.get(id);
    return entry ? { file: this.ctx.layout.comparisonFile(id), size: entry.size, mtimeMs: entry.mtimeMs } : null;
  }

  /**
   * The record in a text read by such a reader from a file whose size and mtime matched its
   * index entry, checked as a read here checks it; null when it is not a valid record of that id
   * (the caller then reads it through readShared(), which quarantines a damaged file).
   */
  parseDirect(id: string, text: string): Comparison | null {
    return comparisonOfId(text, id);
  }

  async create(termNames: string[]): Promise<Comparison> {
    const names = termNames.map((n) => n.trim());
    if (names.length < 2 || names.length > 4 || names.some((n) => n.length === 0 || n.length > 120)) {
      throw new ServiceError('INVALID_INPUT', 'A comparison needs 2 to 4 terms, each with a name of up to 120 characters.');
    }
    const id = this.ctx.newId();
    const now = this.ctx.now();
    const record: Comparison = {
      format: COMPARISON_FORMAT,
      id,
      revision: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      terms: names.map((name, i) => ({ key: TERM_KEYS[i], name })),
      title: defaultTitle(names),
      titleEdited: false,
      slug: uniqueSlug(slugFromTerms(names), (s) => this.index.slugOwner(s, id) !== null),
      slugEdited: false,
      summary: emptyDoc(),
      keyDifferences: [],
      chart: { headerLabel: '', rows: [] },
      definitions: [],
      faqs: [],
      byline: { authorId: null, editorId: null, updated: localDate(now) },
      related: [],
    };
    return this.write(record);
  }

  /** Writes a record prepared elsewhere (the seed), keeping its revision and dates. */
  async insert(record: Comparison): Promise<Comparison> {
    return this.write(record);
  }

  /**
   * Writes many records prepared elsewhere (an import) together, keeping their revisions and
   * dates: each checked as insert() checks it (a CheckedRecord from checkedRecord already was:
   * its text is written as it is), then all written durably in one batch (batchWrite.ts). On
   * failure some files may hold their new content; the caller restores them.
   */
  async insertMany(records: ReadonlyArray<Comparison | CheckedRecord<Comparison>>, opts: InsertManyOptions = {}): Promise<void> {
    const checked = records.map((r) => (isCheckedRecord(r) ? (r as CheckedRecord<Comparison>) : checkedRecord(comparisonSchema, r as Comparison, (r as Comparison).title)));
    for (const { data } of checked) {
      this.lows.delete(data.id);
      this.recent.forget(data.id);
    }
    const files = checked.map(({ data, text }) => {
      const holds = opts.holding?.get(data.id);
      return { path: this.ctx.layout.comparisonFile(data.id), data: text, create: opts.created?.has(data.id) ?? false, ...(holds === undefined ? {} : { holds }) };
    });
    const written = writeFilesDurable(files, this.ctx.fs).then(
      () => null,
      (error: unknown) => ({ error }),
    );
    // While the thread pool writes, the index entries (whose review summary hashes every part)
    // are computed here, a slice at a time so the writes' next steps are not held up.
    const entries: IndexEntry[] = [];
    try {
      for (const [i, { data }] of checked.entries()) {
        entries.push(entryOf(data, 0, 0));
        if (i % INSERT_SLICE === INSERT_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // Not before the writes settle: the caller's rollback must come after every rename.
      await written;
      throw error;
    }
    const failed = await written;
    if (failed) throw failed.error instanceof ServiceError ? failed.error : ioError(`Could not save ${records.length} articles`, failed.error);
    await Promise.all(
      checked.map(async ({ data }, i) => {
        const stat = await this.ctx.fs.stat((files[i] as { path: string }).path).catch(() => ({ size: -1, mtimeMs: -1 }));
        const entry = entries[i] as IndexEntry;
        entry.size = Math.max(stat.size, 0);
        entry.mtimeMs = stat.mtimeMs;
        this.index.set(data.id, entry);
        this.onRecord?.(data.id, data);
      }),
    );
  }

  /**
   * Re-reads one record file after it was put back byte for byte (an import rolled back): the
   * index follows the file, or forgets the record when the file is gone.
   */
  async refresh(id: string): Promise<void> {
    this.lows.delete(id);
    this.recent.forget(id);
    const record = await this.readFile(id);
    if (!record) {
      this.index.delete(id);
      this.onRecord?.(id, null);
      return;
    }
    const stat = await this.ctx.fs.stat(this.ctx.layout.comparisonFile(id)).catch(() => ({ size: -1, mtimeMs: -1 }));
    this.index.set(id, entryOf(record, Math.max(stat.size, 0), stat.mtimeMs));
    this.onRecord?.(id, record);
  }

  /**
   * Saves an edit. Review data is kept as stored unless `withReview` (the review service, import):
   * an editor's approvals can never be changed by an ordinary save from the page.
   */
  async save(input: Comparison, baseRevision: number, opts: SaveOptions = {}): Promise<Comparison> {
    const current = await this.readFresh(input.id);
    if (!current) throw new ServiceError('NOT_FOUND', `“${input.title}” no longer exists: it was deleted or moved.`, { id: input.id });
    if (current.revision !== baseRevision) throw conflict(current, baseRevision);
    if (opts.baseUpdatedAt !== undefined && current.updatedAt !== opts.baseUpdatedAt) throw conflictSameRevision(current, opts.baseUpdatedAt, `“${current.title}”`);
    const names = input.terms.map((t) => t.name.trim());
    const title = input.titleEdited ? input.title : defaultTitle(names);
    const next: Comparison = {
      ...input,
      format: COMPARISON_FORMAT,
      createdAt: current.createdAt,
      revision: current.revision + 1,
      updatedAt: this.ctx.now().toISOString(),
      title,
      slug: input.slugEdited ? this.checkEditedSlug(input) : this.followTerms(input.id, names, current.slug),
      related: [...new Set(input.related)].filter((r) => r !== input.id && this.index.entries.has(r)),
    };
    const review = opts.withReview ? input.review : current.review;
    if (review === undefined) delete next.review;
    else next.review = review;
    return this.write(next);
  }

  async delete(id: string, baseRevision: number): Promise<void> {
    const current = await this.readFresh(id);
    if (!current) throw new ServiceError('NOT_FOUND', `The comparison ${this.label(id)} no longer exists.`, { id });
    if (current.revision !== baseRevision) throw conflict(current, baseRevision);
    try {
      await this.ctx.fs.unlink(this.ctx.layout.comparisonFile(id));
      await syncFolder(this.ctx.layout.comparisonsDir, this.ctx.fs);
    } catch (error) {
      throw ioError(`Could not delete “${current.title}”`, error);
    }
    this.lows.delete(id);
    this.recent.forget(id);
    this.index.delete(id);
    this.onRecord?.(id, null);
  }

  /** Articles naming this person in their byline. */
  namingPerson(personId: string): Array<{ id: string; title: string }> {
    const out: IndexEntry[] = [];
    for (const entry of this.index.entries.values()) {
      if (entry.authorId === personId || entry.editorId === personId) out.push(entry);
    }
    return out.map((e) => ({ id: e.summary.id, title: e.summary.title })).sort((x, y) => x.title.localeCompare(y.title));
  }

  private checkEditedSlug(input: Comparison): string {
    const other = this.index.slugOwner(input.slug, input.id);
    if (other) {
      throw new ServiceError('INVALID_INPUT', `The slug “${input.slug}” is already used by “${other.summary.title}”. Choose another.`, {
        field: 'slug',
        other: { id: other.summary.id, title: other.summary.title },
      });
    }
    return input.slug;
  }

  /** The slug derived from the terms; an existing "base-N" slug is kept so it does not wander. */
  private followTerms(id: string, names: string[], currentSlug: string): string {
    const base = slugFromTerms(names);
    const taken = (s: string) => this.index.slugOwner(s, id) !== null;
    const ownsCurrent = (currentSlug === base || new RegExp(`^${base}-\\d+$`).test(currentSlug)) && !taken(currentSlug);
    return ownsCurrent ? currentSlug : uniqueSlug(base, taken);
  }

  private async write(record: Comparison): Promise<Comparison> {
    const low = this.lowFor(record.id);
    this.recent.forget(record.id);
    await writeRecord(low, record, record.title);
    const file = this.ctx.layout.comparisonFile(record.id);
    // The schema's checked copy, which shares nothing with the caller's input.
    const stored = (low.adapter as DurableAdapter<Comparison | null>).lastWritten ?? low.data ?? record;
    // The size and mtime let the next open trust the index entry without reading the file,
    // and the next save trust `recent` without reading it either.
    const stat = await this.ctx.fs.stat(file).catch(() => ({ size: -1, mtimeMs: -1 }));
    this.index.set(record.id, entryOf(stored, Math.max(stat.size, 0), stat.mtimeMs));
    this.recent.remember(record.id, stored, stat);
    // The Low keeps no copy between calls: 10,000 records read once must not stay in memory.
    low.data = null;
    this.onRecord?.(record.id, stored);
    return structuredClone(stored);
  }

  /**
   * The record as it is on disk now (another writer may have changed it); quarantines it if
   * unreadable. A record in `recent` whose file still has the size and mtime it had then is
   * answered with a stat alone. The answer may be that shared copy: never change it or hand it out.
   */
  private async readFresh(id: string): Promise<Comparison | null> {
    const file = this.ctx.layout.comparisonFile(id);
    // Stat before reading: a write landing in between makes the stat older than the content,
    // so the next look re-reads (never the reverse, which would trust stale content).
    const before = await this.ctx.fs.stat(file).catch(() => null);
    const known = this.recent.match(id, before);
    if (known && before) {
      await this.followOutsideChange(id, known, before);
      return known;
    }
    const low = this.lowFor(id);
    low.data = null;
    try {
      await low.read();
    } catch (error) {
      if (!(error instanceof RecordReadError)) throw ioError(`Could not read ${this.label(id)}`, error);
      await this.ctx.quarantine(this.ctx.layout.comparisonFile(id), error.reason);
      this.lows.delete(id);
      this.recent.forget(id);
      this.index.delete(id);
      this.onRecord?.(id, null);
      throw new ServiceError('NOT_FOUND', `The comparison ${this.label(id)} could not be read (${error.reason}); it was moved to quarantine.`, { id });
    }
    // Low.read() replaced the null above unless the file is missing.
    const data = low.data as Comparison | null;
    if (data && data.id !== id) {
      await this.ctx.quarantine(this.ctx.layout.comparisonFile(id), `its id ${data.id} does not match its file name`);
      this.lows.delete(id);
      this.index.delete(id);
      this.onRecord?.(id, null);
      return null;
    }
    // The Low keeps no copy between calls (so 10,000 reads hold nothing but the few in `recent`).
    low.data = null;
    if (data && before) this.recent.remember(id, data, before);
    await this.followOutsideChange(id, data, before);
    return data;
  }

  /**
   * A record read from disk whose file no longer matches its index entry (size and mtime, as
   * when opening) was changed or removed behind the app's back: the list and search follow it.
   */
  private async followOutsideChange(id: string, data: Comparison | null, stat: { size: number; mtimeMs: number } | null): Promise<void> {
    const entry = this.index.entries.get(id);
    if (!entry) return;
    if (!data) {
      this.index.delete(id);
      this.onRecord?.(id, null);
      return;
    }
    if (stat && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) return;
    // `data` is what the file held when `stat` was taken. A save of this article may have landed
    // since (reads do not wait in the store's queue): the index then already holds the newer
    // entry, so it follows `data` only while the file still has that size and mtime.
    const now = await this.ctx.fs.stat(this.ctx.layout.comparisonFile(id)).catch(() => null);
    if (!now || !stat || now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) return;
    this.index.set(id, entryOf(data, stat.size, stat.mtimeMs));
    this.onRecord?.(id, data);
  }

  /**
   * Reads one file for the list while opening without an index cache: stat, read, parse and
   * check, as readFresh does, minus what only a single read needs (the Low, `recent`, a second
   * stat). Unreadable files go to quarantine and are skipped.
   */
  private async readForList(id: string): Promise<{ id: string; entry: IndexEntry } | null> {
    const file = this.ctx.layout.comparisonFile(id);
    const stat = await this.ctx.fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    let text: string;
    try {
      text = await this.ctx.fs.readFile(file);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw ioError(`Could not read ${id}`, error);
    }
    let record: Comparison;
    try {
      record = parseRecord(text, comparisonSchema, 'comparison');
    } catch (error) {
      if (!(error instanceof RecordReadError)) throw error;
      await this.ctx.quarantine(file, error.reason);
      return null;
    }
    if (record.id !== id) {
      await this.ctx.quarantine(file, `its id ${record.id} does not match its file name`);
      return null;
    }
    return { id, entry: entryOf(record, stat.size, stat.mtimeMs) };
  }

  /** Reads one file again (refresh); unreadable ones go to quarantine and are skipped. */
  private async readFile(id: string): Promise<Comparison | null> {
    try {
      return await this.readFresh(id);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  private lowFor(id: string): Low<Comparison | null> {
    let low = this.lows.get(id);
    if (!low) {
      // One Low per file, over our durable adapter (never JSONFilePreset: see STACK-NOTES.md).
      const adapter = new DurableAdapter(this.ctx.layout.comparisonFile(id), comparisonSchema, 'comparison', this.ctx.fs);
      low = new Low<Comparison | null>(adapter as DurableAdapter<Comparison | null>, null);
      this.lows.set(id, low);
    }
    return low;
  }

  private label(id: string): string {
    const title = this.index.entries.get(id)?.summary.title;
    return title ? `“${title}”` : id;
  }
}

/**
 * The stored copy has the revision the edit is based on, but is another save of it (another
 * computer's, come in through a synced folder or a git pull): as a conflict, so it is never
 * overwritten unseen.
 */
export function conflictSameRevision(current: { id: string; revision: number; updatedAt: string }, baseUpdatedAt: string, label: string): ServiceError {
  return new ServiceError(
    'CONFLICT',
    `${label} was changed elsewhere since you opened it: the saved copy is another save of revision ${current.revision} (saved ${current.updatedAt}) than yours is based on (saved ${baseUpdatedAt}), made on another computer or by another program.`,
    { id: current.id, currentRevision: current.revision, baseRevision: current.revision, updatedAt: current.updatedAt },
  );
}

function conflict(current: Comparison, baseRevision: number): ServiceError {
  return new ServiceError(
    'CONFLICT',
    `“${current.title}” was changed elsewhere since you opened it: the saved copy is revision ${current.revision} (saved ${current.updatedAt}), yours is based on revision ${baseRevision}.`,
    { id: current.id, currentRevision: current.revision, baseRevision, updatedAt: current.updatedAt },
  );
}
