import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import {
  ARTICLE_EXPORT_FORMAT,
  articleExportSchema,
  BUNDLE_KIND,
  MANIFEST_FORMAT,
  manifestSchema,
  PERSON_EXPORT_FORMAT,
  personExportSchema,
  type ArticleExport,
  type Manifest,
  type PersonExport,
} from '../../../shared/export/exportSchemas';
import { comparisonSchema, type Comparison } from '../../../shared/model/comparison';
import { isCheckedComparison } from '../../../shared/model/comparisonCheck';
import { isCheckedArticleExport } from '../../../shared/export/articleExportCheck';
import { sealedArticleContentHash } from '../../../shared/review/parts';
import { reviewSummaryOf } from '../../../shared/dashboard/reviewSummary';
import { STATUS_WORDS } from '../../../shared/export/leftOut';
import { personSchema, type Person } from '../../../shared/model/person';
import { zodIssuesInWords } from '../../services/zodIssuesInWords';
import { sealChecked } from '../../store/batchWrite';
import { UnsafeJsonError } from '../../store/secureJsonParse';
import { quickSecureJsonParse } from '../quickSecureJson';
import { refuse, resolveLimits, type BundleLimits } from './bundleLimits';
import { comparisonFromArticle, personFromExport, personFromRef } from './articleRecord';
import { canonicalCopy } from '../../../shared/util/canonicalCopy';
import { openBundleSource, type BundleSource, type SourceFile } from './bundleSource';

export interface ImportedArticle {
  item: Manifest['items'][number];
  /** The record the article stands for, valid for the store (dates are the read time); checked and frozen. */
  record: Comparison;
  /** Content hashes of the article's past, newest first; at least its current hash. */
  lineage: string[];
}

export interface ImportedPerson {
  /** Null for a person known only from an article's byline. */
  export: PersonExport | null;
  record: Person;
}

/** A bundle read and checked in full; nothing in it has touched the workspace. */
export interface BundleContents {
  source: string;
  manifest: Manifest | null;
  articles: ImportedArticle[];
  people: ImportedPerson[];
  /** Things the reader could not place (Markdown imports); empty for bundles. */
  report: string[];
}

/**
 * Reads a bundle (zip file or folder) under the limits and checks everything before returning:
 * entry names, count, sizes and compression ratio; every file against the manifest's sha256
 * and byte count (and no file the manifest does not list); JSON safety; the export schemas and
 * format versions; and the stored record schemas the articles and people convert to.
 * Any problem throws ServiceError('INVALID_INPUT', '<entry>: <reason>', { entry, reason }): the
 * first one met in reading order (see checkEntries), so a bundle with several problems is refused
 * for the one in the file read first.
 */
export async function readBundle(path: string, limits?: Partial<BundleLimits>, now: Date = new Date(), opts: ReadOptions = {}): Promise<BundleContents> {
  const bounds = resolveLimits(limits);
  const info = await stat(path).catch(() => null);
  if (!info) throw refuse(basename(path), 'the bundle does not exist');
  opts.signal?.throwIfAborted();
  return checkEntries(path, await openBundleSource(path, info.isDirectory(), bounds), now, opts);
}

export interface ReadOptions {
  /**
   * Articles read and checked so far, of all the manifest lists: 0 once the manifest is read, then
   * after each article. A promise it returns is awaited before the next article (the e2e harness
   * holds a read there).
   */
  onProgress?(done: number, total: number): void | Promise<void>;
  /** Stops the reading between slices (the import was cancelled): rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** `versus-desk validate`: the bundle's checksums, schemas and limits, or the first problem. */
export async function validateBundle(path: string, limits?: Partial<BundleLimits>): Promise<{ ok: true; items: number; people: number }> {
  const contents = await readBundle(path, limits);
  return { ok: true, items: contents.articles.length, people: contents.people.filter((p) => p.export).length };
}

/**
 * Everything that can be checked from the manifest and the names and sizes comes first; then the
 * files are read in the order they are checked (people, then each article's JSON followed by its
 * other files, then the rest), each file's size and sha256 checked against the manifest as it is
 * read, so no file's bytes are held longer than its own checks take.
 */
async function checkEntries(source: string, files: BundleSource, now: Date, { onProgress, signal }: ReadOptions): Promise<BundleContents> {
  if (!files.sizes.has('manifest.json')) throw refuse('manifest.json', 'the bundle has no manifest');
  const manifest = parseFormatted('manifest.json', files.take('manifest.json').text ?? null, manifestSchema, MANIFEST_FORMAT, (raw) => {
    if (raw.kind !== BUNDLE_KIND) throw refuse('manifest.json', `this is not a Versus Desk bundle (kind ${JSON.stringify(raw.kind)})`);
  });

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) throw refuse('manifest.json', 'a file is listed twice');
  for (const file of manifest.files) {
    const bytes = files.sizes.get(file.path);
    if (bytes === undefined) throw refuse(file.path, 'the manifest lists this file but the bundle does not contain it');
    if (bytes !== file.bytes) throw refuse(file.path, `the file has ${bytes} bytes; the manifest says ${file.bytes}`);
  }
  for (const name of files.sizes.keys()) {
    if (name !== 'manifest.json' && !listed.has(name)) throw refuse(name, 'the file is not listed in the manifest');
  }
  for (const owner of [...manifest.items, ...manifest.people]) {
    for (const f of owner.files) {
      const l = listed.get(f.path);
      if (!l || l.sha256 !== f.sha256 || l.bytes !== f.bytes) throw refuse(f.path, 'the manifest lists this file differently in two places');
    }
  }
  const personPath = (entry: Manifest['people'][number]) => `people/${entry.id}.json`;
  for (const entry of manifest.people) {
    const path = personPath(entry);
    if (!listed.has(path) || !entry.files.some((f) => f.path === path)) throw refuse(path, 'the person file is missing');
  }

  // Every listed file once, in the order the checks below take them.
  const order: string[] = [];
  const queued = new Set<string>();
  const queue = (path: string) => {
    if (queued.has(path) || !listed.has(path)) return;
    queued.add(path);
    order.push(path);
  };
  for (const entry of manifest.people) queue(personPath(entry));
  for (const item of manifest.items) {
    const path = articlePath(item);
    if (item.files.some((f) => f.path === path)) queue(path);
    for (const f of item.files) queue(f.path);
  }
  for (const file of manifest.files) queue(file.path);

  let next = 0;
  /** JSON texts read before their turn (a manifest that lists one item's file among another's). */
  const early = new Map<string, string | null>();
  /** Reads and checks against the manifest every file in `order` up to `path`; the text of `path`. */
  const take = (path: string): string | null => {
    if (early.has(path)) return early.get(path) ?? null;
    for (;;) {
      const name = order[next++];
      // Every file `take` is asked for is listed, so queued: reaching the end is a bug here, not a bad bundle.
      if (name === undefined) throw new Error(`readBundle (internal): ${path} is not in the reading order`);
      const file = checked(files.take(name));
      if (name === path) return file.text ?? null;
      if (file.text !== undefined) early.set(name, file.text);
    }
  };
  const checked = (file: SourceFile): SourceFile => {
    const expected = listed.get(file.name) as Manifest['files'][number];
    if (file.bytes !== expected.bytes) throw refuse(file.name, `the file has ${file.bytes} bytes; the manifest says ${expected.bytes}`);
    if (file.sha256 !== expected.sha256) throw refuse(file.name, 'the checksum (sha256) does not match the manifest');
    return file;
  };
  const pause = pauser(signal);

  const people = new Map<string, ImportedPerson>();
  const personTexts = new Map<string, string | null>();
  for (const entry of manifest.people) {
    const path = personPath(entry);
    if (!personTexts.has(path)) personTexts.set(path, take(path));
    const exported = parseFormatted(path, personTexts.get(path) ?? null, personExportSchema, PERSON_EXPORT_FORMAT);
    if (exported.id !== entry.id || exported.revision !== entry.revision) throw refuse(path, 'its id or revision differs from the manifest');
    people.set(exported.id, { export: exported, record: checkRecord(path, personSchema, personFromExport(exported, now)) });
  }

  // `read` remembers which article files were taken, so a second item naming the same file is
  // refused: that file holds the first item's article, not this one's.
  const read = new Set<string>();
  const articles: ImportedArticle[] = [];
  const ids = new Set<string>();
  await onProgress?.(0, manifest.items.length);
  for (const item of manifest.items) {
    const path = articlePath(item);
    if (!listed.has(path) || !item.files.some((f) => f.path === path)) throw refuse(path, 'the article file is missing');
    if (ids.has(item.id)) throw refuse(path, 'the bundle holds this article twice');
    ids.add(item.id);
    if (read.has(path)) throw refuse(path, 'its id, slug or revision differs from the manifest');
    await pause();
    const text = take(path);
    read.add(path);
    // The hand-written check stands in for the zod pass when it vouches for the file as it is: the
    // parsed value is then the export, its objects in the file's (sorted) order, and the record
    // built from it needs no sorted copy. Anything else goes through zod (for its verdict and its
    // words); zod's output has the schema's key order, so that record is copied in sorted order.
    let fast = false;
    const article = parseFormatted(path, text, articleExportSchema, ARTICLE_EXPORT_FORMAT, undefined, (raw) => (fast = isCheckedArticleExport(raw)));
    if (article.id !== item.id || article.slug !== item.slug || article.revision !== item.revision) {
      throw refuse(path, 'its id, slug or revision differs from the manifest');
    }
    const built = comparisonFromArticle(article, now);
    const record = checkComparison(path, fast ? built : canonicalCopy(built));
    // Sealed (deep-frozen) by checkComparison: its hash is computed once, here, for the whole import.
    const hash = sealedArticleContentHash(record);
    if (hash !== article.review.contentHash) throw refuse(path, 'its content hash does not match its content');
    checkStatus(path, item, article, record, hash);
    const lineage = [hash, ...(item.lineage ?? []).filter((h) => h !== hash)];
    // The parsed export is not kept: only the record goes on (10,000 of both would double the memory the import holds).
    articles.push({ item, record, lineage });
    await onProgress?.(articles.length, manifest.items.length);
    for (const ref of [article.byline.author, article.byline.editor]) {
      if (ref && !people.has(ref.id)) {
        people.set(ref.id, { export: null, record: checkRecord(path, personSchema, personFromRef(ref, now)) });
      }
    }
  }
  // The rest (Markdown, schemas) is checked against the manifest too.
  for (; next < order.length; next++) {
    await pause();
    checked(files.take(order[next] as string));
  }
  return { source, manifest, articles, people: [...people.values()], report: [] };
}

/**
 * The status and sign-off the manifest and the article file give are the ones the article's own
 * review data and content make (a bundle must not call an article signed off that is not).
 */
function checkStatus(path: string, item: Manifest['items'][number], article: ArticleExport, record: Comparison, hash: string): void {
  const status = reviewSummaryOf(record, hash).status;
  const words = (s: keyof typeof STATUS_WORDS) => `“${STATUS_WORDS[s].toLowerCase()}”`;
  if (article.review.status !== status) throw refuse(path, `it says it is ${words(article.review.status)}, but its review records make it ${words(status)}`);
  if (item.status !== status) throw refuse(path, `the manifest says it is ${words(item.status)}, but its review records make it ${words(status)}`);
  const signOff = record.review?.signOff;
  const valid = signOff && signOff.hash === hash ? { by: signOff.by, at: signOff.at } : null;
  const same = (x: { by: string; at: string } | null) => (x === null ? valid === null : valid !== null && x.by === valid.by && x.at === valid.at);
  const inFile = article.review.signedOffBy === null && article.review.signedOffAt === null ? null : { by: article.review.signedOffBy ?? '', at: article.review.signedOffAt ?? '' };
  if (!same(inFile)) throw refuse(path, 'its signedOffBy and signedOffAt are not the sign-off its review records hold');
  if (!same(item.signOff)) throw refuse(path, 'the manifest gives another sign-off than its review records hold');
}

/** Main's other work (IPC, progress) runs between slices of about this many milliseconds of reading. */
const SLICE_MS = 10;

/**
 * Resolves at once, or after a turn of the event loop once a slice's time is up; rejects once
 * `signal` is aborted (a cancel, which arrives in such a turn, stops the reading at the next slice).
 */
function pauser(signal?: AbortSignal): () => Promise<void> {
  let since = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - since < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    since = performance.now();
  };
}

function articlePath(item: Manifest['items'][number]): string {
  return `comparisons/${item.slug}.json`;
}

/** Secure JSON, then the format version (a newer one is named as such), then the schema. */
function parseFormatted<T>(
  entry: string,
  /** The file's text (null: not valid UTF-8). */
  text: string | null,
  schema: z.ZodType<T>,
  format: number,
  extra?: (raw: Record<string, unknown>) => void,
  /** A hand-written check: true when the schema would accept the value and hand it back unchanged (the zod pass is skipped). */
  vouched?: (raw: Record<string, unknown>) => boolean,
): T {
  let raw: unknown;
  try {
    if (text === null) throw new Error('not UTF-8');
    raw = quickSecureJsonParse(text);
  } catch (error) {
    if (error instanceof UnsafeJsonError) throw refuse(entry, error.message);
    throw refuse(entry, 'the file is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw refuse(entry, 'the file is not a JSON object');
  const record = raw as Record<string, unknown>;
  if (record.format !== format) {
    throw refuse(entry, `unknown format version ${JSON.stringify(record.format ?? null)}; this Versus Desk reads format ${format}`);
  }
  extra?.(record);
  if (vouched?.(record)) return record as T;
  const checked = schema.safeParse(raw);
  if (!checked.success) throw refuse(entry, `the file does not match its schema: ${zodIssuesInWords(checked.error.issues)}`);
  return checked.data;
}

/**
 * checkRecord for an article's record: the hand-written check stands in for the zod pass when it
 * vouches for the value as it is (comparisonSchema would accept it and hand it back unchanged, as
 * DurableAdapter's parseRecord uses it); anything else goes through zod, for its verdict and its
 * words. Either way the record is sealed as checked by comparisonSchema.
 */
function checkComparison(entry: string, value: Comparison): Comparison {
  if (!isCheckedComparison(value)) return checkRecord(entry, comparisonSchema, value);
  let reason = '';
  try {
    return sealChecked(comparisonSchema, value, (r) => (reason = r));
  } catch {
    throw refuse(entry, `the content is not valid: ${reason}`);
  }
}

/** The stored-record check; the result is sealed (frozen), so applying the import need not check it again. */
function checkRecord<T>(entry: string, schema: z.ZodType<T>, value: T): T {
  const checked = schema.safeParse(value);
  if (!checked.success) throw refuse(entry, `the content is not valid: ${zodIssuesInWords(checked.error.issues)}`);
  let reason = '';
  try {
    return sealChecked(schema, checked.data, (r) => (reason = r));
  } catch {
    throw refuse(entry, `the content is not valid: ${reason}`);
  }
}


