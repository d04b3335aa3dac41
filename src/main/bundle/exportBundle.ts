import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { ComparisonSummary } from '../../shared/api/contract';
import { ServiceError } from '../../shared/api/errors';
import { buildArticleJson, buildPersonJson, readSignOff } from '../../shared/export/articleJson';
import { buildArticleMarkdown } from '../../shared/export/articleMarkdown';
import type { Manifest } from '../../shared/export/exportSchemas';
import type { Comparison } from '../../shared/model/comparison';
import type { Person } from '../../shared/model/person';
import { stableStringify } from '../store/durableWrite';
import { contentHash } from './contentHash';
import { allJsonSchemas } from './jsonSchemas';
import { buildManifest, bundleFile } from './manifest';

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
   * lineage, and each exported article gets an 'export' snapshot once the bundle is in place,
   * so a later import of the returned bundle finds the common base of both sides' edits.
   */
  history?: ExportHistory;
}

/** The part of HistoryStore an export uses. */
export interface ExportHistory {
  lineage(c: Comparison): Promise<string[]>;
  snapshot(input: { kind: 'comparison'; record: Comparison; reason: 'export'; by: string; at: Date }): Promise<unknown>;
}

export interface ExportResult {
  path: string;
  /** Articles exported; 0 is not an error (e.g. nothing signed off yet). */
  items: number;
  /** Size of the zip, or of all files in the folder. */
  bytes: number;
}

/** Fixed entry time (local 1980-01-01, the DOS epoch) so the same content gives the same zip. */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** The bundle's files by path, built in memory (articles are small), plus the article count. */
export async function buildBundleFiles(
  source: ExportSource,
  opts: Omit<ExportOptions, 'out' | 'format'>,
): Promise<{ files: Map<string, Buffer>; items: number; exported: Comparison[] }> {
  const summaries = selectSummaries(source.listComparisons(), opts);
  const allPeople = source.listPeople();
  const articles = source.listComparisons().map((s) => ({ id: s.id, slug: s.slug, title: s.title }));
  const files = new Map<string, Buffer>();
  const items: Manifest['items'] = [];
  const peopleIds = new Set<string>();
  const exported: Comparison[] = [];
  const total = summaries.length;
  opts.onProgress?.(0, total);
  for (const [index, summary] of summaries.entries()) {
    opts.signal?.throwIfAborted();
    const comparison = await source.getComparison(summary.id);
    const article = buildArticleJson({
      comparison,
      people: allPeople,
      articles,
      status: summary.status,
      contentHash: contentHash(comparison),
    });
    const jsonPath = `comparisons/${comparison.slug}.json`;
    const mdPath = `comparisons/${comparison.slug}.md`;
    const json = Buffer.from(stableStringify(article), 'utf8');
    const md = Buffer.from(buildArticleMarkdown(article), 'utf8');
    files.set(jsonPath, json).set(mdPath, md);
    exported.push(comparison);
    const lineage = opts.history ? await opts.history.lineage(comparison) : undefined;
    items.push({
      id: comparison.id,
      slug: comparison.slug,
      revision: comparison.revision,
      status: summary.status,
      signOff: readSignOff(comparison),
      files: [bundleFile(jsonPath, json), bundleFile(mdPath, md)],
      ...(lineage ? { lineage } : {}),
    });
    for (const id of [comparison.byline.authorId, comparison.byline.editorId]) if (id) peopleIds.add(id);
    opts.onProgress?.(index + 1, total);
  }
  const people: Manifest['people'] = [];
  for (const person of allPeople.filter((p) => peopleIds.has(p.id))) {
    const path = `people/${person.id}.json`;
    const data = Buffer.from(stableStringify(buildPersonJson(person)), 'utf8');
    files.set(path, data);
    people.push({ id: person.id, revision: person.revision, files: [bundleFile(path, data)] });
  }
  for (const { path, schema } of allJsonSchemas()) files.set(path, Buffer.from(stableStringify(schema), 'utf8'));
  const manifest = buildManifest({
    createdAt: opts.now,
    createdBy: opts.createdBy,
    appVersion: opts.appVersion,
    items,
    people,
    files: [...files].map(([path, data]) => bundleFile(path, data)),
  });
  files.set('manifest.json', Buffer.from(stableStringify(manifest), 'utf8'));
  return { files, items: items.length, exported };
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
  const { files, items, exported } = await buildBundleFiles(source, opts);
  const temp = join(parent, `.${basename(opts.out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const bytes = opts.format === 'zip' ? await writeZip(temp, files, opts.signal) : await writeFolder(temp, files, opts.signal);
    opts.signal?.throwIfAborted();
    await rename(temp, opts.out);
    for (const record of opts.history ? exported : []) {
      await opts.history?.snapshot({ kind: 'comparison', record, reason: 'export', by: opts.createdBy, at: opts.now });
    }
    return { path: opts.out, items, bytes };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** Sorted entry order and fixed times, so the same files always give the same zip bytes. */
export async function writeZip(path: string, files: Map<string, Buffer>, signal?: AbortSignal): Promise<number> {
  const zip = new ZipFile();
  for (const name of [...files.keys()].sort()) {
    zip.addBuffer(files.get(name) as Buffer, name, { mtime: ZIP_MTIME, mode: 0o100644, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path, { flags: 'wx' }), { signal });
  await fsyncFile(path);
  return (await stat(path)).size;
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

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
