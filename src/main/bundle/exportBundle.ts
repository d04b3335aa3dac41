import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { ComparisonSummary } from '../../shared/api/contract';
import { reviewSummaryOf } from '../../shared/dashboard/reviewSummary';
import { ServiceError } from '../../shared/api/errors';
import { buildArticleJson, buildPersonJson, personRefsById, readSignOff } from '../../shared/export/articleJson';
import { buildArticleMarkdown } from '../../shared/export/articleMarkdown';
import type { LeftOutArticle } from '../../shared/export/leftOut';
import type { BundleFile, Manifest } from '../../shared/export/exportSchemas';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { reviewOfPerson } from '../../shared/review/status';
import { stableStringify } from '../store/durableWrite';
import { contentHash } from './contentHash';
import { allJsonSchemas } from './jsonSchemas';
import { buildManifest, bundleFile } from './manifest';
import { ExportReader, type ReadResult, type SnapshotRead } from './exportReader';
import { EntryDeflater, writeZipEntries, writeZipFile, type DeflatedEntry } from './zipWriter';

/** What an export reads: the workspace store satisfies it. */
export interface ExportSource {
  listComparisons(): ComparisonSummary[];
  getComparison(id: string): Promise<Comparison>;
  /**
   * The article as stored, possibly a copy the source shares (the store's recent records): the
   * export only reads it, so it skips the copy getComparison makes. Used when given.
   */
  readComparison?(id: string): Promise<Comparison>;
  listPeople(): Person[];
  /**
   * For the export's reader thread (exportReader.ts): the record's file and the size and mtime
   * it should have. Null (or not given): the article is read through readComparison.
   */
  directReadOf?(id: string): { file: string; size: number; mtimeMs: number } | null;
  /** The record in a text the reader read from such a file; null when it is not a valid record of that id (then it is read the usual way). */
  parseDirect?(id: string, text: string): Comparison | null;
  /**
   * Told of articles whose listed summary (the index cache's) gave another review status than
   * the record read: the source reads them again (WorkspaceStore.recheckComparisons).
   */
  recheckComparisons?(ids: readonly string[]): Promise<void>;
}

export interface ExportOptions {
  /** The zip file or folder to create. Its parent folder must exist. */
  out: string;
  format: 'zip' | 'folder';
  /** 'signed-off' (publishing, the default in the UI and CLI) or every article. */
  status: 'signed-off' | 'any';
  /** Only these slugs (still filtered by status); an unknown slug is an error. */
  only?: string[];
  createdBy: string;
  appVersion: string;
  /** The manifest's createdAt. */
  now: Date;
  onProgress?(done: number, total: number): void;
  /** Aborting removes everything written so far and rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The workspace history (HistoryStore): when given, each manifest item carries the article's
   * lineage, and each exported article gets an 'export' snapshot once the bundle is in place
   * (unless its newest snapshot already holds the same content), so a later import of the
   * returned bundle finds the common base of both sides' edits.
   */
  history?: ExportHistory;
}

/** The part of HistoryStore an export uses. */
export interface ExportHistory {
  /** The article's lineage, and the content hash of its newest snapshot (null without one). */
  exportLineage(c: Comparison, hash: string): Promise<{ lineage: string[]; newest: string | null }>;
  snapshot(input: { kind: 'comparison'; record: Comparison; reason: 'export'; by: string; at: Date }): Promise<unknown>;
  /** The article's history folder for the export's reader thread; null (or not given): exportLineage() reads it. */
  directFolder?(id: string): string | null;
  /**
   * exportLineage() from the snapshot files the reader read from that folder (the newest ones;
   * `olderUnread` more were left). Null when the folder must be read with exportLineage() after
   * all: a head with no header in it, or older files that could still add to the lineage.
   */
  exportLineageFrom?(hash: string, files: readonly SnapshotRead[], olderUnread: number): { lineage: string[]; newest: string | null } | null;
}

export interface ExportResult {
  path: string;
  /** Articles exported; 0 is not an error (e.g. nothing signed off yet). */
  items: number;
  /** Size of the zip, or of all files in the folder. */
  bytes: number;
  /**
   * Articles listed as signed off that were left out of a signed-off export because their
   * records are not (the list was out of date); empty as a rule.
   */
  leftOut: LeftOut[];
}

/** An article left out of a signed-off export, with the status its record has. */
export type LeftOut = LeftOutArticle;

/**
 * Articles read (with their history headers) ahead of the rendering: the reads overlap, the
 * rendering stays serial. They start in batches of about half of this (one message each to the
 * reader thread).
 */
const READ_AHEAD = 64;

interface Prepared {
  summary: ComparisonSummary;
  comparison: Comparison;
  hash: string;
  history: { lineage: string[]; newest: string | null } | null;
}
/** Exports of fewer articles read them all through the source (a thread costs more to start). */
export const READER_FROM = 16;
/** Export snapshots written at a time (each is its own fsynced file). */
const SNAPSHOT_BATCH = 16;

/** The bundle's files by path, built in memory (articles are small), plus the article count. */
export async function buildBundleFiles(
  source: ExportSource,
  opts: Omit<ExportOptions, 'out' | 'format'>,
): Promise<{ files: Map<string, Buffer> } & Rendered> {
  const files = new Map<string, Buffer>();
  const rendered = await renderBundle(source, opts, {
    add: (path, text) => {
      const data = Buffer.from(text, 'utf8');
      files.set(path, data);
      return bundleFile(path, data);
    },
  });
  return { files, ...rendered };
}

/** What rendering a bundle gives besides its files. */
interface Rendered {
  items: number;
  /** Exported articles whose newest snapshot does not hold their content yet. */
  needSnapshot: Comparison[];
  leftOut: LeftOut[];
}

/** Where the rendered files go. */
interface BundleSink {
  /** Takes one file's text (once); gives its manifest record, now or once its bytes are hashed. */
  add(path: string, text: string): BundleFile | Promise<BundleFile>;
  /** Resolves when the sink can take more (the zip's deflater, when it has enough in hand). */
  room?(): Promise<void>;
  /** Sends on what it holds back (before its records are awaited). */
  flush?(): void;
}

type Pending<T> = Omit<T, 'files'> & { files: Array<BundleFile | Promise<BundleFile>> };

/**
 * Renders the bundle, handing each file to `sink` once, as it is made (articles in slug order,
 * then people, schemas and the manifest last).
 */
async function renderBundle(source: ExportSource, opts: Omit<ExportOptions, 'out' | 'format'>, sink: BundleSink): Promise<Rendered> {
  const all = source.listComparisons();
  const summaries = selectSummaries(all, opts);
  const allPeople = source.listPeople();
  // Each byline person rendered once, not once per article.
  const personRefs = personRefsById(allPeople);
  const articles = new Map(all.map((s) => [s.id, { id: s.id, slug: s.slug, title: s.title }]));
  // Publishing: the byline's bios go out with the article, so they must be signed off as they are
  // now (a bio edited after the article's sign-off is not), each person checked once.
  const bioSignedOff = new Map<string, boolean>();
  const peopleById = new Map(allPeople.map((p) => [p.id, p]));
  const unsignedBioOf = (c: Comparison): LeftOut['bio'] => {
    for (const role of ['author', 'editor'] as const) {
      const id = role === 'author' ? c.byline.authorId : c.byline.editorId;
      if (id === null) continue;
      const person = peopleById.get(id);
      if (!person) return { role, name: null };
      let signed = bioSignedOff.get(id);
      if (signed === undefined) bioSignedOff.set(id, (signed = reviewOfPerson(person).status === 'signed_off'));
      if (!signed) return { role, name: person.name };
    }
    return undefined;
  };
  const items: Array<Pending<Manifest['items'][number]>> = [];
  const peopleIds = new Set<string>();
  /** Exported articles whose newest snapshot does not hold their content yet. */
  const needSnapshot: Comparison[] = [];
  const leftOut: LeftOut[] = [];
  /** Articles whose listed status is not their record's. */
  const misListed: string[] = [];
  const described: Array<BundleFile | Promise<BundleFile>> = [];
  /** The file's record (not awaited: a zip's comes from the worker), after the sink has room again. */
  const file = async (path: string, text: string): Promise<[BundleFile | Promise<BundleFile>]> => {
    const record = sink.add(path, text);
    described.push(record);
    await sink.room?.();
    return [record];
  };
  const read = source.readComparison ? source.readComparison.bind(source) : source.getComparison.bind(source);
  // Only when the source can check what it reads (the real file system: see
  // ExportSource.directReadOf), and for enough articles to pay for starting a thread.
  const reader = source.directReadOf && source.parseDirect && summaries.length >= READER_FROM ? new ExportReader() : null;

  const total = summaries.length;
  opts.onProgress?.(0, total);
  opts.signal?.throwIfAborted();
  // Reads (file, schema, history headers) run up to READ_AHEAD articles ahead of the rendering,
  // which takes them in order: progress and cancel stay per article.
  // A thunk: an article whose text the reader thread read, parsed when its turn comes.
  type Ready = Prepared | (() => Promise<Prepared>);
  const reads: Array<Promise<Ready>> = [];
  // Awaited in order below; a failure ahead of the one awaited must not count as unhandled.
  const kept = <T>(prepared: Promise<T>): Promise<T> => {
    prepared.catch(() => undefined);
    return prepared;
  };
  const readSlow = async (summary: ComparisonSummary): Promise<Prepared> => {
    const comparison = await read(summary.id);
    const hash = contentHash(comparison);
    const history = opts.history ? await opts.history.exportLineage(comparison, hash) : null;
    return { summary, comparison, hash, history };
  };
  // The same from what the reader thread read, when the file is the one the index knows (isFresh)
  // and holds a valid record; anything else is read the usual way (which quarantines a bad file).
  const isFresh = (expect: { size: number; mtimeMs: number }, got: ReadResult | undefined): got is ReadResult & { text: string } =>
    got?.text != null && got.size === expect.size && got.mtimeMs === expect.mtimeMs;
  const readFrom = async (summary: ComparisonSummary, got: ReadResult & { text: string }): Promise<Prepared> => {
    const comparison = source.parseDirect?.(summary.id, got.text) ?? null;
    if (!comparison) return readSlow(summary);
    const hash = contentHash(comparison);
    const h = opts.history;
    // A symlinked snapshot (the worker does not follow links): that folder is read the usual way.
    const fromWorker = got.snapshots && !got.snapshots.some((f) => f.link) ? got.snapshots : null;
    const history = !h ? null : ((fromWorker && h.exportLineageFrom?.(hash, fromWorker, got.olderSnapshots ?? 0)) ?? (await h.exportLineage(comparison, hash)));
    return { summary, comparison, hash, history };
  };
  const startReads = (from: number, to: number) => {
    const direct: Array<{ index: number; expect: { file: string; size: number; mtimeMs: number }; folder: string | null }> = [];
    for (let i = from; i < to; i++) {
      const summary = summaries[i] as ComparisonSummary;
      const expect = reader ? (source.directReadOf?.(summary.id) ?? null) : null;
      if (expect) direct.push({ index: i, expect, folder: opts.history?.directFolder?.(summary.id) ?? null });
      else reads[i] = kept(readSlow(summary));
    }
    if (!reader || direct.length === 0) return;
    const answered = reader.read(direct.map(({ expect, folder }) => ({ file: expect.file, folder })));
    for (const [k, { index, expect }] of direct.entries()) {
      const summary = summaries[index] as ComparisonSummary;
      // Parsed when its turn to render comes, not as its batch arrives: the batch's texts wait as
      // flat strings, so each young-generation collection copies a few strings instead of dozens
      // of parsed records (garbage collection was about a third of the export's CPU). A file
      // changed since the index read it is read the usual way at once, ahead, as before.
      reads[index] = kept(
        answered.then(
          (out): Ready | Promise<Ready> => {
            const got = out[k];
            return isFresh(expect, got) ? () => readFrom(summary, got) : readSlow(summary);
          },
          // A reader that failed costs only time: the usual reads take over.
          (error: unknown) => (reader.closed ? Promise.reject(error) : readSlow(summary)),
        ),
      );
    }
  };
  try {
    await renderArticles();
  } finally {
    await reader?.close();
  }
  async function renderArticles(): Promise<void> {
    for (let index = 0; index < total; index++) {
      if (reads.length < total && reads.length - index < READ_AHEAD / 2) startReads(reads.length, Math.min(total, index + READ_AHEAD));
      const ready = await (reads[index] as Promise<Ready>);
      const { summary, comparison, hash, history } = typeof ready === 'function' ? await ready() : ready;
      delete reads[index];
      opts.signal?.throwIfAborted();
      // The status is the record's, not the list's: the index cache it comes from is only as good
      // as the size and mtime it was checked by, and a bundle must not say "signed off" of an
      // article that is not (its import and `validate` check the same).
      const status = reviewSummaryOf(comparison, hash).status;
      if (status !== summary.status) misListed.push(comparison.id);
      const unsignedBio = opts.status === 'signed-off' && status === 'signed_off' ? unsignedBioOf(comparison) : undefined;
      if (opts.status === 'signed-off' && (status !== 'signed_off' || unsignedBio)) {
        leftOut.push({ slug: comparison.slug, title: comparison.title, status, ...(unsignedBio ? { bio: unsignedBio } : {}) });
        opts.onProgress?.(index + 1, total);
        continue;
      }
      const article = buildArticleJson({ comparison, people: allPeople, personRefs, articles, status, contentHash: hash });
      const [json] = await file(`comparisons/${comparison.slug}.json`, stableStringify(article));
      const [md] = await file(`comparisons/${comparison.slug}.md`, buildArticleMarkdown(article));
      if (history && history.newest !== hash) needSnapshot.push(comparison);
      items.push({
        id: comparison.id,
        slug: comparison.slug,
        revision: comparison.revision,
        status,
        signOff: readSignOff(comparison, hash),
        files: [json, md],
        ...(history ? { lineage: history.lineage } : {}),
      });
      for (const id of [comparison.byline.authorId, comparison.byline.editorId]) if (id) peopleIds.add(id);
      opts.onProgress?.(index + 1, total);
    }
  }
  const people: Array<Pending<Manifest['people'][number]>> = [];
  for (const person of allPeople.filter((p) => peopleIds.has(p.id))) {
    people.push({ id: person.id, revision: person.revision, files: await file(`people/${person.id}.json`, stableStringify(buildPersonJson(person))) });
  }
  for (const { path, schema } of allJsonSchemas()) await file(path, stableStringify(schema));
  // Each file's record (sha256, size) as the sink made it, once.
  sink.flush?.();
  const settled = async <T>(x: Pending<T>): Promise<T> => ({ ...x, files: await Promise.all(x.files) }) as T;
  const manifest = buildManifest({
    createdAt: opts.now,
    createdBy: opts.createdBy,
    appVersion: opts.appVersion,
    items: await Promise.all(items.map(settled)),
    people: await Promise.all(people.map(settled)),
    files: await Promise.all(described),
  });
  // Its record is not needed (the manifest does not list itself).
  void sink.add('manifest.json', stableStringify(manifest));
  if (misListed.length > 0) await source.recheckComparisons?.(misListed);
  return { items: items.length, needSnapshot, leftOut };
}

function selectSummaries(all: ComparisonSummary[], opts: Pick<ExportOptions, 'status' | 'only'>): ComparisonSummary[] {
  let chosen = all;
  if (opts.only) {
    const missing = opts.only.filter((slug) => !all.some((s) => s.slug === slug));
    if (missing.length > 0) {
      throw new ServiceError('NOT_FOUND', `No article with the slug ${missing.map((s) => `"${s}"`).join(', ')} in this workspace.`);
    }
    chosen = all.filter((s) => opts.only?.includes(s.slug));
  }
  if (opts.status === 'signed-off') chosen = chosen.filter((s) => s.status === 'signed_off');
  return [...chosen].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/**
 * Exports a bundle (zip or folder) of the chosen articles, the people they name, and the JSON
 * Schemas. Everything is written under a temporary name beside `out` and renamed into place
 * last, so a failure or a cancel leaves nothing behind; an existing zip at `out` is replaced
 * only by a complete one, an existing folder is refused.
 */
export async function exportBundle(source: ExportSource, opts: ExportOptions): Promise<ExportResult> {
  const parent = dirname(opts.out);
  const parentStat = await stat(parent).catch(() => null);
  if (!parentStat?.isDirectory()) throw new ServiceError('INVALID_INPUT', `The folder ${parent} does not exist.`);
  const existing = await stat(opts.out).catch(() => null);
  if (existing && (opts.format === 'folder' || existing.isDirectory())) {
    throw new ServiceError('INVALID_INPUT', `${opts.out} already exists; choose a new name.`);
  }
  const temp = join(parent, `.${basename(opts.out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const { items, needSnapshot, leftOut, bytes } = opts.format === 'zip' ? await exportZip(source, opts, temp) : await exportFolder(source, opts, temp);
    opts.signal?.throwIfAborted();
    await rename(temp, opts.out);
    // An article whose newest snapshot already holds this content (a signed-off article has its
    // sign-off snapshot) needs none: a later import finds that one as the common base.
    const history = opts.history;
    for (let start = 0; history && start < needSnapshot.length; start += SNAPSHOT_BATCH) {
      await Promise.all(
        needSnapshot.slice(start, start + SNAPSHOT_BATCH).map((record) => history.snapshot({ kind: 'comparison', record, reason: 'export', by: opts.createdBy, at: opts.now })),
      );
    }
    return { path: opts.out, items, bytes, leftOut };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Each file is deflated on the thread pool as soon as it is rendered (while the next articles
 * render), and only its deflated bytes are kept until the zip is written, in name order.
 */
async function exportZip(source: ExportSource, opts: ExportOptions, temp: string): Promise<Rendered & { bytes: number }> {
  const deflater = new EntryDeflater(opts.signal);
  try {
    const entries = new Map<string, Promise<DeflatedEntry>>();
    const rendered = await renderBundle(source, opts, {
      // The worker encodes, hashes and deflates each file while the next articles render.
      add: (path, text) => {
        const entry = deflater.deflateText(text);
        entries.set(path, entry);
        const record = entry.then(({ sha256, size }) => ({ path, sha256, bytes: size }));
        // Awaited once rendering is done; a cancel before then must not leave it unhandled.
        record.catch(() => undefined);
        return record;
      },
      room: () => deflater.room(),
      flush: () => deflater.flush(),
    });
    deflater.flush();
    const bytes = await writeZipEntries(temp, entries, opts.signal ? { signal: opts.signal } : {});
    return { ...rendered, bytes };
  } finally {
    await deflater.close();
  }
}

async function exportFolder(source: ExportSource, opts: ExportOptions, temp: string): Promise<Rendered & { bytes: number }> {
  const { files, ...rendered } = await buildBundleFiles(source, opts);
  return { ...rendered, bytes: await writeFolder(temp, files, opts.signal) };
}

/**
 * Sorted entry order and fixed times, so the same files always give the same zip bytes
 * (zipWriter.ts: native zlib, written in slices so the event loop keeps turning).
 */
export async function writeZip(path: string, files: ReadonlyMap<string, Uint8Array>, signal?: AbortSignal): Promise<number> {
  return writeZipFile(path, files, signal ? { signal } : {});
}

async function writeFolder(root: string, files: Map<string, Buffer>, signal?: AbortSignal): Promise<number> {
  await mkdir(root);
  let bytes = 0;
  for (const name of [...files.keys()].sort()) {
    signal?.throwIfAborted();
    const target = join(root, ...name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    const data = files.get(name) as Buffer;
    await writeFile(target, data, { flag: 'wx' });
    bytes += data.byteLength;
  }
  return bytes;
}
