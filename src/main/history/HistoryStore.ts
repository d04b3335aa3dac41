import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { comparisonSchema, type Comparison } from '../../shared/model/comparison';
import { isoDateTimeSchema } from '../../shared/model/ids';
import { personSchema, type Person } from '../../shared/model/person';
import { contentHash } from '../bundle/contentHash';
import { pooled } from '../store/batchWrite';
import { stableStringify, syncFolder, writeNewFile } from '../store/durableWrite';
import { errnoCode, nodeFs, type FsLayer } from '../store/fsLayer';
import { quickSecureJsonParse } from '../bundle/quickSecureJson';
import { personContentHashOf } from '../../shared/review/parts';

/** Why a snapshot was taken; the review issue adds its own reasons. */
export type HistoryReason = 'import' | 'export' | 'restore' | 'submit' | 'approve' | 'request-changes' | 'sign-off' | 'before-import' | 'before-restore' | 'autosave';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const snapshotSchema = z.strictObject({
  at: isoDateTimeSchema,
  by: z.string(),
  reason: z.string(),
  kind: z.enum(['comparison', 'person']),
  contentHash: sha,
  /** For an imported article: the lineage it arrived with (see lineage()). */
  lineage: z.array(sha).max(50).optional(),
  record: z.unknown(),
});
export type HistorySnapshot =
  | (Omit<z.infer<typeof snapshotSchema>, 'record' | 'kind'> & { kind: 'comparison'; record: Comparison })
  | (Omit<z.infer<typeof snapshotSchema>, 'record' | 'kind'> & { kind: 'person'; record: Person });

export interface HistoryEntry {
  revision: number;
  at: string;
  by: string;
  reason: string;
  contentHash: string;
}

export interface SnapshotInput {
  kind: 'comparison' | 'person';
  record: Comparison | Person;
  reason: HistoryReason;
  by: string;
  at: Date;
  lineage?: string[];
  /** The record's content hash, when the caller has it (else computed). */
  contentHash?: string;
  /** `stableStringify(record)`, when the caller has it (an import): the snapshot embeds it instead of serializing the record again. */
  recordText?: string;
}

/** What a snapshot call wrote, so an import that fails can take it back. */
export interface SnapshotWrite {
  path: string;
  /** False when a snapshot of that revision already existed (snapshots are never rewritten). */
  created: boolean;
  /** The record's history folder was created by this call. */
  createdFolder: string | null;
}

export const LINEAGE_MAX = 50;

/** Snapshot files read at a time for a lineage, newest first (exportLineage). */
const LINEAGE_READ_BATCH = 16;

/**
 * Snapshot files read at a time for a history listing. A long-edited article has hundreds of
 * snapshots (one per 5 minutes of editing); read all at once, their files could pass the
 * process's limit on open files, and each read refused so (EMFILE) was an entry left out.
 */
const LIST_READS = 32;

/** Snapshot files written at a time by snapshotMany. */
const SNAPSHOT_CONCURRENCY = 64;

/**
 * `stableStringify({ ...meta, record })` given `recordText = stableStringify(record)`, without
 * serializing the record again: `record` sorts after every header key, so it is the last
 * member, and the record's text nests one level deeper by indenting each line it spans (its
 * only line breaks are structural: strings escape theirs).
 */
export function snapshotText(meta: Record<string, unknown>, recordText: string): string {
  const head = stableStringify(meta);
  if (Object.keys(meta).some((k) => k >= 'record') || head === '{}\n') throw new Error('snapshotText: the header must have keys, all sorting before "record"');
  const body = recordText.endsWith('\n') ? recordText.slice(0, -1) : recordText;
  return `${head.slice(0, -3)},\n  "record": ${body.replaceAll('\n', '\n  ')}\n}\n`;
}

/** The hash a person's snapshot carries: their visible content. */
export function personContentHash(p: Person): string {
  return personContentHashOf(p);
}

const snapshotHeaderSchema = snapshotSchema.omit({ record: true });
/** The record's key after the header, as written (indented) or in compact JSON. */
const RECORD_KEY = /,\s*"record"\s*:/;

/**
 * A snapshot's header parsed from the text before its record, without parsing the record (most
 * of the file): the snapshot files are written with sorted keys, and `record` sorts after every
 * header key. Null when the text is not laid out so (the caller parses the whole file then). An
 * unescaped quote followed by `record":` is always the key "record" (inside a string the quote
 * would be escaped), and before the record come only strings and an array of strings, so the
 * first `, "record":` ends the header. A file whose record part is damaged still gives its
 * header here (lineage needs no more); list() and read() parse the whole file.
 */
export function snapshotHeader(text: string): Omit<z.infer<typeof snapshotSchema>, 'record'> | null {
  const end = RECORD_KEY.exec(text)?.index ?? -1;
  if (end < 0) return null;
  let parsed: unknown;
  try {
    parsed = quickSecureJsonParse(`${text.slice(0, end)}}`);
  } catch {
    return null;
  }
  const header = snapshotHeaderSchema.safeParse(parsed);
  return header.success ? header.data : null;
}

/** A snapshot header's fields (what listing and lineage read). */
type SnapshotMeta = Omit<z.infer<typeof snapshotSchema>, 'record'>;

/** A snapshot file's header, from its text (headerOnly: see snapshotHeader); throws when it is not a snapshot. */
function snapshotMeta(text: string, headerOnly: boolean): SnapshotMeta {
  // Only a complete file (as written: stableStringify's closing brace and newline) is read by its
  // header alone; one cut short by a crash mid-write is parsed whole, and refused as before.
  const header = headerOnly && /}\s*$/.test(text.slice(-16)) ? snapshotHeader(text) : null;
  if (header) return header;
  const { record: _record, ...meta } = snapshotSchema.parse(quickSecureJsonParse(text));
  return meta;
}

/** The revisions with a snapshot file among a history folder's names (`<revision>.json`), oldest first. */
export function snapshotRevisions(names: readonly string[]): number[] {
  return names
    .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
    .filter((r): r is string => r !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** History entries from revisions and their headers (null: unreadable, left out). */
function entriesOf(revisions: readonly number[], metas: ReadonlyArray<SnapshotMeta | null>): Array<HistoryEntry & { lineage?: string[] }> {
  const out: Array<HistoryEntry & { lineage?: string[] }> = [];
  for (const [i, s] of metas.entries()) {
    if (s) out.push({ revision: revisions[i] as number, at: s.at, by: s.by, reason: s.reason, contentHash: s.contentHash, ...(s.lineage ? { lineage: s.lineage } : {}) });
  }
  return out;
}

/** The lineage from an article's hash and its history entries (oldest first): see lineage(). */
function lineageOf(hash: string, oldestFirst: ReadonlyArray<{ contentHash: string; lineage?: string[] }>): { lineage: string[]; newest: string | null } {
  const out = [hash];
  const seen = new Set(out);
  const add = (h: string) => {
    if (out.length < LINEAGE_MAX && !seen.has(h)) {
      seen.add(h);
      out.push(h);
    }
  };
  const entries = [...oldestFirst].reverse();
  for (const entry of entries) {
    if (out.length >= LINEAGE_MAX) break;
    add(entry.contentHash);
    for (const h of entry.lineage ?? []) add(h);
  }
  return { lineage: out, newest: entries[0]?.contentHash ?? null };
}

const RECORD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Snapshots of records in `history/<id>/<revision>.json`, each written once (`wx`) and fsynced,
 * never rewritten: `{ at, by, reason, kind, contentHash, record, lineage? }`.
 */
export class HistoryStore {
  constructor(
    readonly root: string,
    private readonly fs: FsLayer = nodeFs,
  ) {}

  /** The history of an open workspace, writing through the store's file-system layer. */
  static forStore(store: { path: string; fsLayer: FsLayer }): HistoryStore {
    return new HistoryStore(store.path, store.fsLayer);
  }

  private folder(id: string): string {
    if (!RECORD_ID.test(id)) throw new ServiceError('INVALID_INPUT', `Not a record id: ${id}`);
    return join(this.root, 'history', id);
  }

  /** Revisions with a snapshot, oldest first. */
  async list(id: string): Promise<HistoryEntry[]> {
    return (await this.headers(id)).map(({ lineage: _lineage, ...entry }) => entry);
  }

  /**
   * Every snapshot's header, oldest first, each file read once, LIST_READS at a time (the history
   * panel lists every one; a lineage reads fewer: exportLineage), an unreadable one left out as
   * list() always did.
   */
  private async headers(id: string): Promise<Array<HistoryEntry & { lineage?: string[] }>> {
    const revisions = await this.revisions(id);
    const metas = new Array<SnapshotMeta | null>(revisions.length).fill(null);
    await pooled(revisions.length, LIST_READS, async (i) => {
      metas[i] = await this.readMeta(id, revisions[i] as number).catch(() => null);
    });
    return entriesOf(revisions, metas);
  }

  /** The revisions with a snapshot file, oldest first ([] without a folder). */
  private async revisions(id: string): Promise<number[]> {
    try {
      return snapshotRevisions(await this.fs.readdir(this.folder(id)));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return [];
      throw error;
    }
  }

  /**
   * A snapshot's header (who, when, why, hashes, lineage) without validating the record it holds:
   * listing and lineage need only that, and a full record check costs most of an export's time.
   */
  private async readMeta(id: string, revision: number, headerOnly = false): Promise<SnapshotMeta> {
    return snapshotMeta(await this.fs.readFile(join(this.folder(id), `${revision}.json`)), headerOnly);
  }

  async read(id: string, revision: number): Promise<HistorySnapshot> {
    const file = join(this.folder(id), `${revision}.json`);
    let text: string;
    try {
      text = await this.fs.readFile(file);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') throw new ServiceError('NOT_FOUND', `No snapshot of revision ${revision}.`, { id, revision });
      throw error;
    }
    const raw = snapshotSchema.parse(quickSecureJsonParse(text));
    if (raw.kind === 'comparison') return { ...raw, kind: 'comparison', record: comparisonSchema.parse(raw.record) };
    return { ...raw, kind: 'person', record: personSchema.parse(raw.record) };
  }

  /** Takes a snapshot of a record at its revision; an existing snapshot of that revision is kept as it is. */
  async snapshot(input: SnapshotInput): Promise<SnapshotWrite> {
    const write = await this.writeSnapshot(input);
    if (write.created) await syncFolder(dirname(write.path), this.fs);
    return write;
  }

  /**
   * Snapshots of many records (an import), `SNAPSHOT_CONCURRENCY` files written and fsynced at
   * a time, each with its folder fsynced (and history/ once at the end when folders were made). Each write
   * is pushed to `into` as it lands, so a failure leaves there everything undo() must take back.
   */
  async snapshotMany(inputs: readonly SnapshotInput[], into: SnapshotWrite[]): Promise<void> {
    let madeFolder = false;
    // One listing of history/ says which records have a folder already, instead of a stat per
    // snapshot (in an import into a new workspace, every one of them a failed call).
    const folders = inputs.length > 1 ? await this.recordFolders() : null;
    // Pooled: each slot takes the next snapshot as soon as its own is written and its folder synced.
    await pooled(inputs.length, SNAPSHOT_CONCURRENCY, async (i) => {
      const input = inputs[i] as SnapshotInput;
      const write = await this.writeSnapshot(input, folders?.has(input.record.id));
      into.push(write);
      if (write.createdFolder) madeFolder = true;
      if (write.created) await syncFolder(dirname(write.path), this.fs);
    });
    if (madeFolder) await syncFolder(join(this.root, 'history'), this.fs);
  }

  /** The names in history/ (each record's snapshot folder), in one listing. */
  private async recordFolders(): Promise<ReadonlySet<string>> {
    try {
      return new Set(await this.fs.readdir(join(this.root, 'history')));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return new Set();
      throw error;
    }
  }

  /** Writes one snapshot file (fsynced); the caller fsyncs its folder. `folderKnown`: whether its folder exists, when the caller listed them. */
  private async writeSnapshot(input: SnapshotInput, folderKnown?: boolean): Promise<SnapshotWrite> {
    const folder = this.folder(input.record.id);
    const path = join(folder, `${input.record.revision}.json`);
    const hash = input.contentHash ?? (input.kind === 'comparison' ? contentHash(input.record as Comparison) : personContentHash(input.record as Person));
    const data: Record<string, unknown> = { at: input.at.toISOString(), by: input.by, reason: input.reason, kind: input.kind, contentHash: hash };
    if (input.lineage) data.lineage = input.lineage.slice(0, LINEAGE_MAX);
    const text = input.recordText === undefined ? stableStringify({ ...data, record: input.record }) : snapshotText(data, input.recordText);
    let createdFolder: string | null = null;
    const folderExists = folderKnown ?? await this.fs.stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    // Made here only when this call made it: another writer (an export's snapshot) may have made
    // it since it was looked for, and a rollback must not remove that writer's snapshots with it.
    if (!folderExists && (await this.fs.mkdir(folder)) !== false) createdFolder = folder;
    try {
      await writeNewFile(this.fs, path, text);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') return { path, created: false, createdFolder };
      await this.fs.unlink(path).catch(() => undefined);
      if (createdFolder) await this.fs.rm(createdFolder).catch(() => undefined);
      throw error;
    }
    return { path, created: true, createdFolder };
  }

  /**
   * Takes back snapshots written by a failed import: the files, then the folders it made (which
   * hold nothing else), SNAPSHOT_CONCURRENCY at a time.
   */
  async undo(writes: readonly SnapshotWrite[]): Promise<void> {
    const files = writes.filter((w) => w.created).map((w) => w.path);
    await pooled(files.length, SNAPSHOT_CONCURRENCY, (i) => this.fs.unlink(files[i] as string).catch(() => undefined));
    const folders = writes.map((w) => w.createdFolder).filter((f): f is string => f !== null);
    await pooled(folders.length, SNAPSHOT_CONCURRENCY, (i) => this.fs.rm(folders[i] as string).catch(() => undefined));
  }

  /**
   * The lineage of an article: its current content hash, then for each snapshot, newest first,
   * its hash and the lineage it arrived with (imports), without repeats, at most 50. Two
   * workspaces share a base when their lineages share a hash.
   */
  async lineage(c: Comparison, hash: string = contentHash(c)): Promise<string[]> {
    return (await this.exportLineage(c, hash)).lineage;
  }

  /**
   * The lineage (see lineage(); `hash` is the article's content hash, computed by the caller),
   * and the content hash of its newest snapshot (null without one): an export needs no new
   * snapshot when the newest one already holds this content.
   */
  async exportLineage(c: Comparison, hash: string): Promise<{ lineage: string[]; newest: string | null }> {
    const revisions = await this.revisions(c.id);
    // Newest first, a few files at a time, until the lineage is full: lineageOf walks newest
    // first and stops at LINEAGE_MAX, so older files cannot change it then.
    const metas: Array<SnapshotMeta | null> = new Array<SnapshotMeta | null>(revisions.length).fill(null);
    let from = revisions.length;
    let found = lineageOf(hash, []);
    while (from > 0 && found.lineage.length < LINEAGE_MAX) {
      const to = from;
      from = Math.max(0, from - LINEAGE_READ_BATCH);
      const read = await Promise.all(revisions.slice(from, to).map((revision) => this.readMeta(c.id, revision, true).catch(() => null)));
      metas.splice(from, read.length, ...read);
      found = lineageOf(hash, entriesOf(revisions.slice(from), metas.slice(from)));
    }
    return found;
  }

  /**
   * For a reader on another thread (an export's, reading with synchronous calls): the record's
   * history folder, on the real file system only (a layer put in between must see every read);
   * null otherwise, and the caller uses exportLineage().
   */
  directFolder(id: string): string | null {
    if (this.fs !== nodeFs || !RECORD_ID.test(id)) return null;
    return this.folder(id);
  }

  /**
   * exportLineage() from the folder's snapshot files as such a reader read them: each
   * `<revision>.json` named in the folder (snapshotRevisions()) with its text, null when it could
   * not be read (left out, as exportLineage() leaves it out), or only its `head` (a complete file's
   * text up to its record: exportReader.ts). Null when a head does not give a header: the caller
   * reads the folder with exportLineage(), which parses such a file whole. `olderUnread`: how many
   * older snapshot files the folder has beyond `files` (the newest ones); they matter only when
   * the newer ones give fewer than LINEAGE_MAX hashes, and then this is null too.
   */
  exportLineageFrom(hash: string, files: ReadonlyArray<{ revision: number; text?: string | null; head?: string }>, olderUnread = 0): { lineage: string[]; newest: string | null } | null {
    const sorted = [...files].sort((a, b) => a.revision - b.revision);
    const metas: Array<SnapshotMeta | null> = [];
    for (const { text, head } of sorted) {
      if (head !== undefined) {
        const header = snapshotHeader(head);
        if (!header) return null;
        metas.push(header);
        continue;
      }
      try {
        metas.push(text == null ? null : snapshotMeta(text, true));
      } catch {
        metas.push(null);
      }
    }
    const found = lineageOf(
      hash,
      entriesOf(
        sorted.map((f) => f.revision),
        metas,
      ),
    );
    // lineageOf walks newest first and stops at LINEAGE_MAX: the newest files alone decide it then.
    return olderUnread > 0 && found.lineage.length < LINEAGE_MAX ? null : found;
  }

  /** The newest snapshot of a comparison whose content hash is in `hashes`, or null. */
  async commonBase(id: string, hashes: readonly string[]): Promise<Comparison | null> {
    const wanted = new Set(hashes);
    for (const entry of (await this.list(id)).reverse()) {
      if (!wanted.has(entry.contentHash)) continue;
      const s = await this.read(id, entry.revision).catch(() => null);
      if (s?.kind === 'comparison') return s.record;
    }
    return null;
  }
}
