import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { ComparisonSummary } from '../../shared/api/contract';
import { ServiceError } from '../../shared/api/errors';
import { buildArticleJson, buildPersonJson, readSignOff } from '../../shared/export/articleJson';
import { buildArticleMarkdown } from '../../shared/export/articleMarkdown';
import type { BundleFile, Manifest } from '../../shared/export/exportSchemas';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { stableStringify } from '../store/durableWrite';
import { contentHash } from './contentHash';
import { allJsonSchemas } from './jsonSchemas';
import { buildManifest, bundleFile } from './manifest';
import { writeZipFile } from './zipWriter';

/** What an export reads: the workspace store satisfies it. */
export interface ExportSource {
  listComparisons(): ComparisonSummary[];
  getComparison(id: string): Promise<Comparison>;
  listPeople(): Person[];
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
}

export interface ExportResult {
  path: string;
  /** Articles exported; 0 is not an error (e.g. nothing signed off yet). */
  items: number;
  /** Size of the zip, or of all files in the folder. */
  bytes: number;
}

/** Articles read (with their history headers) ahead of the rendering: the reads overlap, the rendering stays serial. */
const READ_AHEAD = 64;

interface Prepared {
  summary: ComparisonSummary;
  comparison: Comparison;
  hash: string;
  history: { lineage: string[]; newest: string | null } | null;
}
/** Export snapshots written at a time (each is its own fsynced file). */
const SNAPSHOT_BATCH = 16;

/** The bundle's files by path, built in memory (articles are small), plus the article count. */
export async function buildBundleFiles(
  source: ExportSource,
  opts: Omit<ExportOptions, 'out' | 'format'>,
): Promise<{ files: Map<string, Buffer>; items: number; exported: Comparison[]; needSnapshot: Comparison[] }> {
  const all = source.listComparisons();
  const summaries = selectSummaries(all, opts);
  const allPeople = source.listPeople();
  const articles = new Map(all.map((s) => [s.id, { id: s.id, slug: s.slug, title: s.title }]));
  const files = new Map<string, Buffer>();
  const items: Manifest['items'] = [];
  const peopleIds = new Set<string>();
  const exported: Comparison[] = [];
  /** Exported articles whose newest snapshot does not hold their content yet. */
  const needSnapshot: Comparison[] = [];
  const descriptions = new Map<string, BundleFile>();
  const described = (path: string, data: Buffer): BundleFile => {
    const file = bundleFile(path, data);
    descriptions.set(path, file);
    return file;
  };
  const total = summaries.length;
  opts.onProgress?.(0, total);
  opts.signal?.throwIfAborted();
  // Reads (file, schema, history headers) run up to READ_AHEAD articles ahead of the rendering,
  // which takes them in order: progress and cancel stay per article.
  const reads: Array<Promise<Prepared>> = [];
  const startRead = (i: number) => {
    const summary = summaries[i] as ComparisonSummary;
    const read = (async (): Promise<Prepared> => {
      const comparison = await source.getComparison(summary.id);
      const hash = contentHash(comparison);
      const history = opts.history ? await opts.history.exportLineage(comparison, hash) : null;
      return { summary, comparison, hash, history };
    })();
    // Awaited in order below; a failure ahead of the one awaited must not count as unhandled.
    read.catch(() => undefined);
    reads[i] = read;
  };
  for (let index = 0; index < total; index++) {
    for (let ahead = reads.length; ahead < Math.min(total, index + READ_AHEAD); ahead++) startRead(ahead);
    const { summary, comparison, hash, history } = await (reads[index] as Promise<Prepared>);
    delete reads[index];
    opts.signal?.throwIfAborted();
    const article = buildArticleJson({ comparison, people: allPeople, articles, status: summary.status, contentHash: hash });
    const jsonPath = `comparisons/${comparison.slug}.json`;
    const mdPath = `comparisons/${comparison.slug}.md`;
    const json = Buffer.from(stableStringify(article), 'utf8');
    const md = Buffer.from(buildArticleMarkdown(article), 'utf8');
    files.set(jsonPath, json).set(mdPath, md);
    exported.push(comparison);
    if (history && history.newest !== hash) needSnapshot.push(comparison);
    items.push({
      id: comparison.id,
      slug: comparison.slug,
      revision: comparison.revision,
      status: summary.status,
      signOff: readSignOff(comparison, hash),
      files: [described(jsonPath, json), described(mdPath, md)],
      ...(history ? { lineage: history.lineage } : {}),
    });
    for (const id of [comparison.byline.authorId, comparison.byline.editorId]) if (id) peopleIds.add(id);
    opts.onProgress?.(index + 1, total);
  }
  const people: Manifest['people'] = [];
  for (const person of allPeople.filter((p) => peopleIds.has(p.id))) {
    const path = `people/${person.id}.json`;
    const data = Buffer.from(stableStringify(buildPersonJson(person)), 'utf8');
    files.set(path, data);
    people.push({ id: person.id, revision: person.revision, files: [described(path, data)] });
  }
  for (const { path, schema } of allJsonSchemas()) files.set(path, Buffer.from(stableStringify(schema), 'utf8'));
  const manifest = buildManifest({
    createdAt: opts.now,
    createdBy: opts.createdBy,
    appVersion: opts.appVersion,
    items,
    people,
    // Each file's sha256 once: articles and people were described as they were made.
    files: [...files].map(([path, data]) => descriptions.get(path) ?? bundleFile(path, data)),
  });
  files.set('manifest.json', Buffer.from(stableStringify(manifest), 'utf8'));
  return { files, items: items.length, exported, needSnapshot };
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
  const { files, items, needSnapshot } = await buildBundleFiles(source, opts);
  const temp = join(parent, `.${basename(opts.out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const bytes = opts.format === 'zip' ? await writeZip(temp, files, opts.signal) : await writeFolder(temp, files, opts.signal);
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
    return { path: opts.out, items, bytes };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
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
