import { ulid } from 'ulid';
import { ServiceError } from '../../../shared/api/errors';
import { comparisonSchema, type Comparison } from '../../../shared/model/comparison';
import { personSchema, type Person } from '../../../shared/model/person';
import { uniqueSlug } from '../../../shared/model/slug';
import { HistoryStore, personContentHash, type SnapshotInput, type SnapshotWrite } from '../../history/HistoryStore';
import type { FsLayer } from '../../store/fsLayer';
import { checkedRecord, checkForWrite, pooled, type CheckedRecord } from '../../store/batchWrite';
import type { OutsideChange } from '../../../shared/api/resilienceContract';
import type { RecordWriter } from '../../store/WorkspaceStore';
import { WorkspaceLayout } from '../../store/workspaceLayout';
import { ImportUndoLog, recoveredInWords, recoverInterruptedImport, writtenDigest, type UndoEntry } from './importUndoLog';
import { contentHash } from '../contentHash';
import { mergeParts, mergeReviewValue } from './partMerge';
import { analyseArticles, localArticles, mergeableReview, type ArticleAnalysis, type ImportPlan, type ImportPlanItem, type ImportReadTarget } from './planImport';
import type { BundleContents } from './readBundle';
import { isEmptyReview, readReview } from '../../../shared/review/status';

/** Incoming articles analysed together against the workspace (their reads overlap). */
const ANALYSE_WINDOW = 64;

/** Articles written durably together (their old files are read first, for a rollback). */
const ARTICLE_BATCH = 512;

/**
 * Old texts read at a time while a batch is prepared. A whole batch's at once (512) could pass the
 * process's limit on open files, failing the import.
 */
const REPLACED_READS = 64;

/** Files put back at a time when an import is taken back. */
const ROLLBACK_CONCURRENCY = 32;

/** Per item: take theirs, keep mine, keep both (theirs as a copy), or choose part by part. */
export type ImportChoice = 'theirs' | 'mine' | 'both' | { parts: Record<string, 'theirs' | 'mine'> };

export interface ApplyOptions {
  by: string;
  now: Date;
  /** Defaults to the store's own history. */
  history?: HistoryStore;
  /** New ids for copies (tests). */
  newId?: () => string;
  /** Articles per durable batch (tests; default ARTICLE_BATCH). */
  articleBatch?: number;
  /**
   * Articles written so far (with their snapshots), of all the import writes: 0 before the first
   * batch, then after each. A promise it returns is awaited (the e2e harness holds an import there).
   */
  onProgress?(done: number, total: number): void | Promise<void>;
  /**
   * Aborted (the command line's Ctrl+C): the import stops before its next batch, or before it
   * ends, and everything it wrote is taken back, as for any failure.
   */
  signal?: AbortSignal;
}

export interface ImportResult {
  written: Array<{ kind: 'comparison' | 'person'; id: string; slug: string | null; title: string; outcome: 'created' | 'updated' | 'copied' }>;
  skipped: number;
  snapshots: number;
}

/** What applying needs from the workspace (WorkspaceStore satisfies it). */
export interface ImportTarget extends ImportReadTarget {
  readonly path: string;
  readonly fsLayer: FsLayer;
  withRecordWriter<T>(task: (writer: RecordWriter) => Promise<T>): Promise<T>;
}

interface Write {
  kind: 'comparison' | 'person';
  record: Comparison | Person;
  outcome: 'created' | 'updated' | 'copied';
  /** The local record this write replaces (snapshotted first). */
  previous: Comparison | Person | null;
  lineage?: string[];
  /** The record's content hash, when known already (an incoming article taken as it is). */
  hash?: string;
}

/**
 * Applies a plan all-or-nothing. Every target record is computed and validated in memory
 * first (schemas, slugs unique, bylines naming known people; each record checked once and
 * frozen, then serialized once: the text written is the text its snapshot embeds); then, in one
 * serial store task, each local record about to change is snapshotted, the records are written
 * (articles in durable batches, each batch's import snapshots written alongside it) and each
 * result is snapshotted with reason 'import' (articles with the lineage they arrived with). If anything
 * fails midway, every written file is put back byte for byte and the new snapshots removed.
 */
export async function applyImport(
  store: ImportTarget,
  contents: BundleContents,
  plan: ImportPlan,
  choices: Record<string, ImportChoice>,
  opts: ApplyOptions,
): Promise<ImportResult> {
  const history = opts.history ?? HistoryStore.forStore(store);
  const newId = opts.newId ?? (() => ulid());
  const planned = new Set(plan.items.map((i) => i.id));
  for (const id of Object.keys(choices)) {
    if (!planned.has(id)) throw new ServiceError('INVALID_INPUT', `The import plan has no item ${id}.`, { id });
  }
  const writes: Write[] = [];
  let skipped = 0;
  const items = new Map(plan.items.map((i) => [i.id, i]));
  const itemOf = (id: string) => items.get(id);
  const at = opts.now.toISOString();

  for (const p of contents.people) {
    const item = itemOf(p.record.id);
    if (!item) throw stalePlan(p.record.name);
    const choice = choiceFor(item, choices);
    const local = store.listPeople().find((x) => x.id === item.id) ?? null;
    if ((local?.revision ?? null) !== item.localRevision) throw stalePlan(item.title);
    if (item.action === 'unchanged' || choice === 'mine') {
      skipped++;
      continue;
    }
    const theirs = p.record;
    if (!local) {
      writes.push({ kind: 'person', record: theirs, outcome: 'created', previous: null });
    } else if (choice === 'both') {
      writes.push({ kind: 'person', record: { ...theirs, id: newId(), revision: 1, createdAt: at, updatedAt: at }, outcome: 'copied', previous: null });
    } else {
      const mineNewer = personContentHash(local) === personContentHash(theirs) || (await history.list(local.id)).some((e) => e.contentHash === personContentHash(theirs));
      const take = (k: 'name' | 'credentials' | 'bio'): boolean => {
        if (mineNewer) return false;
        if (typeof choice !== 'object') return true;
        const picked = choice.parts[k];
        if (picked) return picked === 'theirs';
        if (item.action === 'conflicting' && item.parts?.some((d) => d.partId === k)) {
          throw new ServiceError('INVALID_INPUT', `${item.title}: choose theirs or mine for ${k}.`, { id: item.id, parts: [k] });
        }
        return true;
      };
      const record: Person = {
        ...local,
        name: take('name') ? theirs.name : local.name,
        credentials: take('credentials') ? theirs.credentials : local.credentials,
        bio: take('bio') ? theirs.bio : local.bio,
        revision: Math.max(local.revision + 1, theirs.revision),
        updatedAt: at,
      };
      const review = readReview(mergeReviewValue(local.review, theirs.review, mineNewer ? 'mine' : 'theirs'));
      if (isEmptyReview(review)) delete record.review;
      else record.review = review;
      writes.push({ kind: 'person', record, outcome: 'updated', previous: local });
    }
  }

  const localList = localArticles(store);
  // Analysed a window at a time (the reads overlap; the local copies of one window are held at once).
  let window: { start: number; analyses: ArticleAnalysis[] } = { start: 0, analyses: [] };
  for (const [index, a] of contents.articles.entries()) {
    const item = itemOf(a.record.id);
    if (!item) throw stalePlan(a.record.title);
    if (index >= window.start + window.analyses.length) {
      window = { start: index, analyses: await analyseArticles(store, contents.articles.slice(index, index + ANALYSE_WINDOW), history, localList, (analysis) => analysis) };
    }
    const analysis = window.analyses[index - window.start] as ArticleAnalysis;
    if (analysis.item.action !== item.action || analysis.item.localRevision !== item.localRevision) throw stalePlan(item.title);
    const choice = choiceFor(item, choices);
    if (item.action === 'unchanged' || choice === 'mine') {
      skipped++;
      continue;
    }
    const theirs = a.record;
    const local = analysis.local;
    if (!local) {
      const slug = item.newSlug ?? theirs.slug;
      // Taken as read (the bundle reader checked and froze it, and hashed it: lineage[0]), unless its slug must change.
      const record = slug === theirs.slug ? theirs : { ...theirs, slug, slugEdited: true };
      writes.push({ kind: 'comparison', record, outcome: 'created', previous: null, lineage: a.lineage, ...(record === theirs && Object.isFrozen(theirs) ? { hash: a.lineage[0] } : {}) });
      continue;
    }
    if (choice === 'both') {
      writes.push({ kind: 'comparison', record: copyOf(theirs, store, writes, newId(), at), outcome: 'copied', previous: null, lineage: a.lineage });
      continue;
    }
    const wholesale = choice === 'theirs' && item.action === 'conflicting';
    const unresolved = analysis.diffs.filter((d) => d.state === 'both' && !wholesale && (typeof choice !== 'object' || !choice.parts[d.partId]));
    if (unresolved.length > 0) {
      throw new ServiceError('INVALID_INPUT', `“${item.title}” has parts changed on both sides; choose for: ${unresolved.map((d) => d.label).join(', ')}.`, {
        id: item.id,
        parts: unresolved.map((d) => d.partId),
      });
    }
    const merged = wholesale
      ? mergeParts(local, theirs, analysis.diffs.map((d) => ({ ...d, state: 'theirs-only' as const })), () => 'theirs')
      : mergeParts(local, theirs, analysis.diffs, (partId) => (typeof choice === 'object' ? (choice.parts[partId] ?? 'mine') : 'theirs'));
    const prefer = choice === 'theirs' ? 'theirs' : 'mine';
    // Part records and comment threads merge by key and id; a record whose part changed here
    // simply no longer matches its hash, so that part shows as changed since approval.
    const { parts, comments } = readReview(mergeReviewValue(mergeableReview(local), mergeableReview(theirs), prefer));
    const hash = contentHash(merged);
    const signOff = hash === contentHash(theirs) ? (theirs.review?.signOff ?? null) : hash === contentHash(local) ? (local.review?.signOff ?? null) : null;
    const record: Comparison = { ...merged, revision: Math.max(local.revision + 1, theirs.revision), createdAt: local.createdAt, updatedAt: at };
    const review = { parts, signOff, comments };
    if (isEmptyReview(review)) delete record.review;
    else record.review = review;
    writes.push({ kind: 'comparison', record, outcome: 'updated', previous: local, lineage: a.lineage });
  }

  const checked = validateWrites(store, writes);
  const layout = new WorkspaceLayout(store.path);
  return store.withRecordWriter((writer) => writeAll(writer, layout, history, checked, opts, skipped));
}

/**
 * The text of the file a write replaces (null for a new record), kept for a rollback: it must
 * still hold the local record the write was computed from (its revision and time), or another
 * program changed or removed it since (CONFLICT; nothing is replaced).
 */
async function replacedText(writer: RecordWriter, w: Write): Promise<string | null> {
  if (!w.previous) return null;
  const text = await writer.readRecordFile(w.kind, w.record.id);
  if (text !== null && holdsRecord(text, w.previous)) return text;
  const path = `${w.kind === 'comparison' ? 'comparisons' : 'people'}/${w.record.id}.json`;
  throw new ServiceError('CONFLICT', `another program ${text === null ? 'removed' : 'changed'} ${path} meanwhile; it was left as it is`, { path });
}

function holdsRecord(text: string, record: Comparison | Person): boolean {
  try {
    const now = JSON.parse(text) as { revision?: unknown; updatedAt?: unknown } | null;
    return now?.revision === record.revision && now.updatedAt === record.updatedAt;
  } catch {
    return false;
  }
}

/** The write whose file another program created, changed or removed, when that stopped the import. */
function clashOf(error: unknown, writes: Write[]): Write | null {
  const path = error instanceof ServiceError && error.code === 'CONFLICT' ? (error.details as { path?: unknown } | undefined)?.path : undefined;
  if (typeof path !== 'string') return null;
  return writes.find((x) => path.endsWith(`${x.record.id}.json`)) ?? null;
}

/** No choice: take theirs for new and updated items; a conflict merges and needs a choice per part changed on both sides. */
function choiceFor(item: ImportPlanItem, choices: Record<string, ImportChoice>): ImportChoice {
  return choices[item.id] ?? (item.action === 'conflicting' ? { parts: {} } : 'theirs');
}

function stalePlan(title: string): ServiceError {
  return new ServiceError('CONFLICT', `“${title}” changed since the import was planned; plan the import again.`);
}

function copyOf(theirs: Comparison, store: ImportReadTarget, writes: Write[], id: string, at: string): Comparison {
  const taken = (s: string) => store.listComparisons().some((x) => x.slug === s) || writes.some((w) => w.kind === 'comparison' && (w.record as Comparison).slug === s);
  return { ...theirs, id, revision: 1, createdAt: at, updatedAt: at, slug: uniqueSlug(theirs.slug, taken), slugEdited: true };
}

/**
 * Every record checked as the store checks it before anything is written, and sealed (frozen)
 * so it is written as checked; records the bundle reader checked and sealed are not parsed
 * again (checkForWrite).
 */
function validateWrites(store: ImportReadTarget, writes: Write[]): Write[] {
  const out = writes.map((w): Write => {
    const label = w.kind === 'comparison' ? `“${(w.record as Comparison).title}”` : (w.record as Person).name;
    const failure = (reason: string) => `${label} would not be valid after the import: ${reason}`;
    const record = w.kind === 'comparison' ? checkForWrite(comparisonSchema, w.record as Comparison, label, failure) : checkForWrite(personSchema, w.record as Person, label, failure);
    return { ...w, record };
  });
  const articles = new Map(store.listComparisons().map((s) => [s.id, s.slug]));
  for (const w of out) if (w.kind === 'comparison') articles.set(w.record.id, (w.record as Comparison).slug);
  const slugs = new Map<string, string>();
  for (const [id, slug] of articles) {
    const other = slugs.get(slug);
    if (other !== undefined) throw new ServiceError('INVALID_INPUT', `Two articles would share the slug "${slug}" after the import.`, { ids: [other, id] });
    slugs.set(slug, id);
  }
  const people = new Set([...store.listPeople().map((p) => p.id), ...out.filter((w) => w.kind === 'person').map((w) => w.record.id)]);
  for (const w of out) {
    if (w.kind !== 'comparison') continue;
    const c = w.record as Comparison;
    for (const id of [c.byline.authorId, c.byline.editorId]) {
      if (id && !people.has(id)) throw new ServiceError('INVALID_INPUT', `“${c.title}” names a person who would not exist after the import (${id}); import that person too.`);
    }
  }
  return out;
}

/**
 * An earlier import in this process that failed and could not be taken back whole left its log
 * (or only its log): it is taken back now, before this import writes anything, rather than
 * overwritten. When that changed records, this import's plan may be out of date: it stops, and
 * says to plan again.
 */
async function takeBackLeftover(writer: RecordWriter, layout: WorkspaceLayout): Promise<void> {
  // Each record is read again as soon as it is settled (so memory follows the disk even when the
  // recovery fails half way), and the app is told, as of any change it did not make itself.
  const changes: OutsideChange[] = [];
  let recovered;
  try {
    recovered = await recoverInterruptedImport(writer.fs, layout, new Date(), {
      settled: async (kind, id) => {
        const change = await writer.resync(kind, id);
        if (change) changes.push(change);
      },
      personNamed: (id) => writer.namesPerson(id),
    });
  } catch (error) {
    throw new ServiceError('IO', `An earlier import that could not be fully taken back is still in this workspace, and taking it back failed, so nothing was imported: ${error instanceof Error ? error.message : String(error)}. Reopen the workspace to try again.`);
  } finally {
    writer.tell(changes);
  }
  if (!recovered) return;
  if (recovered.restored > 0 || recovered.unreadable > 0 || recovered.keptNamed > 0 || recovered.leftAlone > 0) {
    throw new ServiceError('CONFLICT', `An earlier import that could not be fully taken back was taken back now: ${recoveredInWords(recovered)} Nothing was imported. Plan the import again.`);
  }
}

async function writeAll(writer: RecordWriter, layout: WorkspaceLayout, history: HistoryStore, writes: Write[], opts: ApplyOptions, skipped: number): Promise<ImportResult> {
  await takeBackLeftover(writer, layout);
  // What is about to be written goes on disk first, so an import cut short by a crash is taken
  // back when the workspace next opens (importUndoLog.ts); failing here writes nothing.
  let log: ImportUndoLog;
  try {
    log = await ImportUndoLog.begin(writer.fs, layout);
  } catch (error) {
    throw new ServiceError('IO', `The import could not start, and nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const undoEntry = (kind: 'comparison' | 'person', record: Comparison | Person, original: string | null, written: string): UndoEntry => ({
    kind,
    id: record.id,
    original,
    written: { sha256: writtenDigest(written), revision: record.revision },
  });
  const snapshots: SnapshotWrite[] = [];
  /** What each file written held before (null: none), and `written`, what the import writes there: a rollback takes a file back only while it holds that. */
  const originals: Array<{ kind: 'comparison' | 'person'; id: string; text: string | null; written?: string }> = [];
  /** The previous batch's snapshots, being written while this batch's records are. */
  let snapshotting: Promise<unknown> = Promise.resolve();
  try {
    opts.signal?.throwIfAborted();
    // Snapshots of everything about to change come first.
    const previous = writes.filter((w) => w.previous);
    await history.snapshotMany(
      previous.map((w) => ({ kind: w.kind, record: w.previous as Comparison | Person, reason: 'before-import' as const, by: opts.by, at: opts.now })),
      snapshots,
    );
    // People before articles, so a byline never names someone not yet written.
    const people = writes.filter((w) => w.kind === 'person');
    const articles = writes.filter((w) => w.kind === 'comparison');
    // Each result is snapshotted with reason 'import', embedding the text written (not serialized again).
    const imported = (w: Write, text: string): SnapshotInput => ({
      kind: w.kind,
      record: w.record,
      reason: 'import',
      by: opts.by,
      at: opts.now,
      recordText: text,
      ...(w.hash ? { contentHash: w.hash } : {}),
      ...(w.lineage ? { lineage: w.lineage } : {}),
    });
    // A record new to the workspace (created, or a copy) never replaces a file: one another program
    // put at its name since the plan fails the import (CONFLICT) and stays. One that replaces a
    // local record is written only while its file still holds the text read here (kept for a
    // rollback). A rollback takes a file back only while it holds what this import wrote.
    const placed: Array<{ w: Write; text: string | null; written: string }> = [];
    for (const w of people) {
      const text = await replacedText(writer, w);
      const { text: written } = checkedRecord(personSchema, w.record as Person, (w.record as Person).name);
      placed.push({ w, text, written });
      originals.push({ kind: w.kind, id: w.record.id, text, written });
    }
    await log.add(placed.map(({ w, text, written }) => undoEntry('person', w.record, text, written)));
    for (const { w, text } of placed) await writer.placePerson(w.record as Person, text);
    await history.snapshotMany(
      people.map((w) => imported(w, checkedRecord(personSchema, w.record as Person, (w.record as Person).name).text)),
      snapshots,
    );
    // Articles in batches written durably together; a batch's import snapshots are written once its
    // records are in place (a crash must never leave a snapshot of a revision the record file does
    // not hold: lineage and history would take it for the local copy), alongside the next batch's
    // records. Each file's old text is kept first. Each batch is prepared (old texts read, records
    // serialized: a batch at a time, as 10,000 texts held at once would double the memory) while
    // the one before it is being written.
    const size = Math.max(1, opts.articleBatch ?? ARTICLE_BATCH);
    // Only the files of articles that replace a local one are read (their text kept for a
    // rollback). This is the store's one serial task and the workspace lock keeps other Versus Desk
    // processes out; another program is kept out as for people above (DurableFile.create and
    // DurableFile.holds).
    const prepare = async (start: number) => {
      const batch = articles.slice(start, start + size);
      const texts = new Array<string | null>(batch.length).fill(null);
      await pooled(batch.length, REPLACED_READS, async (i) => {
        texts[i] = await replacedText(writer, batch[i] as Write);
      });
      // Sealed by validateWrites: each is the record as checked.
      const checked = batch.map((w) => checkedRecord(comparisonSchema, w.record as Comparison, (w.record as Comparison).title));
      return { batch, texts, checked };
    };
    await opts.onProgress?.(0, articles.length);
    let next: Promise<Awaited<ReturnType<typeof prepare>>> | null = articles.length > 0 ? prepare(0) : null;
    for (let start = 0; next; start += size) {
      const { batch, texts, checked } = await next;
      opts.signal?.throwIfAborted();
      // Kept only now, as the batch is written (a rollback restores exactly the files written to).
      const created = new Set<string>();
      const holding = new Map<string, string>();
      const entries: UndoEntry[] = [];
      batch.forEach((w, i) => {
        const text = texts[i] ?? null;
        if (text === null) created.add(w.record.id);
        else holding.set(w.record.id, text);
        const written = (checked[i] as CheckedRecord<Comparison>).text;
        originals.push({ kind: 'comparison', id: w.record.id, text, written });
        entries.push(undoEntry('comparison', w.record, text, written));
      });
      // The batch's log first (durable), then its records; the snapshots of the batch before go on meanwhile.
      const writing = Promise.allSettled([log.add(entries).then(() => writer.putComparisons(checked, { created, holding })), snapshotting]);
      next = start + size < articles.length ? prepare(start + size) : null;
      const preparing = next;
      // Handled at once (awaited on the next turn of the loop, or settled before a rollback).
      preparing?.catch(() => undefined);
      // Both settle before a failure is thrown: the rollback must see every file either one wrote.
      const failed = (await writing).find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        await preparing?.catch(() => undefined);
        throw failed.reason;
      }
      // Every batch before this one is written whole now, snapshots included.
      if (start > 0) await opts.onProgress?.(start, articles.length);
      snapshotting = history.snapshotMany(
        batch.map((w, i) => imported(w, (checked[i] as CheckedRecord<Comparison>).text)),
        snapshots,
      );
      snapshotting.catch(() => undefined);
    }
    await snapshotting;
    // Stopped after the last batch began: taken back too, so a stop always means nothing changed.
    opts.signal?.throwIfAborted();
    if (articles.length > 0) await opts.onProgress?.(articles.length, articles.length);
    // In place, the last step that can fail it: from here a crash leaves the import as it is (only
    // its log is removed on the next open), and nothing takes it back.
    await log.commit();
  } catch (error) {
    // A batch that failed while being prepared (a read) leaves the one before still writing its
    // snapshots: the rollback waits for them, or it would miss what they write.
    await snapshotting.catch(() => undefined);
    const rollbackErrors: unknown[] = [];
    // Each record is written once, so each file is put back on its own, ROLLBACK_CONCURRENCY at a
    // time (one at a time, taking back 8,700 articles took 15.7 s: longer than writing them). The
    // articles before the people, as written in reverse: at no moment does an article that stays
    // name a person already taken back.
    const putBack = async (back: typeof originals) =>
      pooled(back.length, ROLLBACK_CONCURRENCY, async (i) => {
        const o = back[i] as (typeof back)[number];
        await writer.restoreRecordFile(o.kind, o.id, o.text, o.written).catch((e: unknown) => rollbackErrors.push(e));
      });
    await putBack(originals.filter((o) => o.kind === 'comparison'));
    await putBack(originals.filter((o) => o.kind === 'person'));
    await history.undo(snapshots).catch((e: unknown) => rollbackErrors.push(e));
    // Whose file stopped it: their record is what the workspace holds now.
    const clash = clashOf(error, writes);
    if (clash) await writer.reread(clash.kind, clash.record.id).catch((e: unknown) => rollbackErrors.push(e));
    const label = !clash ? '' : clash.kind === 'comparison' ? `“${(clash.record as Comparison).title}”: ` : `${(clash.record as Person).name}: `;
    const reason = `${label}${error instanceof Error ? error.message : String(error)}`;
    if (rollbackErrors.length > 0) {
      // The log stays: the next open takes back what is still the import's.
      throw new ServiceError('IO', `The import failed (${reason}) and could not be fully undone here; the rest is taken back when the workspace is next opened.`, {
        rollbackErrors: rollbackErrors.map(String),
      });
    }
    // Taken back whole: the log can go (if it cannot, the next open finds nothing left to take back).
    await log.end().catch((e: unknown) => console.warn('Versus Desk: could not remove the log of an import taken back', e));
    // A file another program created meanwhile is a conflict, not a failing disk: planning again shows it.
    const code = error instanceof ServiceError && error.code === 'CONFLICT' ? 'CONFLICT' : 'IO';
    // `undone`: everything written was taken back (a caller that stopped the import says so in its own words).
    throw new ServiceError(code, `The import failed and nothing was changed: ${reason}${code === 'CONFLICT' ? '. Plan the import again.' : ''}`, { reason, undone: true });
  }
  return {
    written: writes.map((w) => ({
      kind: w.kind,
      id: w.record.id,
      slug: w.kind === 'comparison' ? (w.record as Comparison).slug : null,
      title: w.kind === 'comparison' ? (w.record as Comparison).title : (w.record as Person).name,
      outcome: w.outcome,
    })),
    skipped,
    snapshots: snapshots.filter((s) => s.created).length,
  };
}

