import './nativeHash';
import { dirname, join, resolve } from 'node:path';
import { ulid } from 'ulid';
import type { ComparisonSummary, Notice, WorkspaceInfo } from '../../shared/api/contract';
import { ServiceError } from '../../shared/api/errors';
import type { Comparison } from '../../shared/model/comparison';
import { personSchema, type Person } from '../../shared/model/person';
import type { OutsideChange } from '../../shared/api/resilienceContract';
import { JournalStore } from '../journal/JournalStore';
import { SearchIndex, type FillStats } from '../search/SearchIndex';
import { SummaryList } from '../search/SummaryList';
import { queryWords } from '../search/searchText';
import { buildSeedRecords } from '../seed/seedWorkspace';
import type { CheckedRecord } from './batchWrite';
import { ComparisonIndex } from './ComparisonIndex';
import { ComparisonRepository, type InsertManyOptions, type SaveOptions } from './ComparisonRepository';
import { parseRecord } from './DurableAdapter';
import { runIndexCheck } from './indexCheck';
import { isTempFileName, stableStringify, syncFolder, writeFileDurable } from './durableWrite';
import { errnoCode, nodeFs, type FsLayer } from './fsLayer';
import { ioError } from './ioError';
import { PeopleRepository, type NewPerson } from './PeopleRepository';
import { quarantineFile } from './quarantine';
import type { StoreContext } from './StoreContext';
import { acquireLock, isProcessAlive, releaseLock, type LockInfo } from './workspaceLock';
import { recoveredInWords, recoverInterruptedImport, type RecoveredImport } from '../bundle/import/importUndoLog';
import { WorkspaceLayout } from './workspaceLayout';
import { openSettings } from './workspaceSettings';

/**
 * Raw record access for an import, used only inside WorkspaceStore.withRecordWriter (one
 * serial task, so no save interleaves): records are written as given, keeping their revision,
 * and a record file can be put back byte for byte when an import rolls back.
 */
export interface RecordWriter {
  readonly fs: FsLayer;
  putComparison(record: Comparison): Promise<Comparison>;
  /** Many at once, durably as a batch (batchWrite.ts; a CheckedRecord is written as checked); on failure some may be written: restore them. */
  putComparisons(records: ReadonlyArray<Comparison | CheckedRecord<Comparison>>, opts?: InsertManyOptions): Promise<void>;
  /**
   * Writes a person durably: with `holds` null as a new file, never replacing one that appeared
   * meanwhile; otherwise only while the file still holds exactly `holds`. Either clash fails with
   * CONFLICT and leaves the file as it is (DurableFile.create and DurableFile.holds).
   */
  placePerson(record: Person, holds: string | null): Promise<void>;
  /** The file's text, or null when there is none. */
  readRecordFile(kind: 'comparison' | 'person', id: string): Promise<string | null>;
  /**
   * Puts the file back as `text` (or removes it when null) and refreshes the in-memory state.
   * `ifHolds`: the file is put back (or removed) only while it holds exactly this text (what the
   * caller wrote): a file another program put there or changed instead is left as it is, and the
   * in-memory state follows what it holds.
   */
  restoreRecordFile(kind: 'comparison' | 'person', id: string, text: string | null, ifHolds?: string): Promise<void>;
  /** Reads one record file again (another program wrote it), so the list and the index follow it. */
  reread(kind: 'comparison' | 'person', id: string): Promise<void>;
  /** As `reread`, and says what changed in the list (null: nothing), for `tell`. */
  resync(kind: 'comparison' | 'person', id: string): Promise<OutsideChange | null>;
  /** Tells the app about records changed on disk that it did not change itself (as the folder watch does). */
  tell(changes: OutsideChange[]): void;
  /** True while an article names this person. */
  namesPerson(id: string): boolean;
}

export interface OpenOptions {
  /** Make the folder a workspace if it is not one yet (it may hold other files). */
  create?: boolean;
  /** With `create`, fill a newly created workspace with the sample article and its people. */
  seed?: boolean;
  fs?: FsLayer;
  now?: () => Date;
  /** The process id written into the lock (tests). */
  pid?: number;
  /** Delay before the index cache is written after a change (default 2 s). */
  indexDelayMs?: number;
  /** Called for notices that arise after opening (a file found unreadable later). */
  onNotice?: (notice: Notice) => void;
}

/**
 * A workspace folder opened for writing: settings, comparisons and people as one lowdb file
 * per record, a lock for one writer process, an index cache for fast listing, and a quarantine
 * for unreadable files. Mutations run one at a time.
 */
export class WorkspaceStore {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly layout: WorkspaceLayout,
    private readonly name: string,
    private readonly fs: FsLayer,
    private readonly lock: LockInfo,
    private readonly comparisons: ComparisonRepository,
    private readonly people: PeopleRepository,
    /** Shared with the repositories' quarantine callback, so later quarantines land here too. */
    private readonly notices: Notice[],
    /** Hot-exit journals of edits not saved yet (`.versus-desk/journal/`). */
    readonly journal: JournalStore,
    /** The list came from the index cache alone: check the files against it in the background. */
    checkIndex = false,
  ) {
    // Search follows every write, delete and outside change; the articles already on disk are
    // indexed in the background, starting a second after opening (or at the first search), so
    // opening never waits for the word index.
    this.comparisons.onRecord = (id, record) => (record ? this.search.upsert(record) : this.search.remove(id));
    const ids = [...this.comparisons.index.entries.keys()];
    // Only the text is read out of it: no schema check and no key screening here (nothing is
    // merged or kept but strings; a bad file is quarantined when the app opens it).
    this.search.fillLater(ids, async (id) => JSON.parse(await this.fs.readFile(this.layout.comparisonFile(id))) as Comparison, 1000);
    this.indexCheck = checkIndex
      ? runIndexCheck(
          {
            fs: this.fs,
            comparisonsDir: this.layout.comparisonsDir,
            fileOf: (id) => this.layout.comparisonFile(id),
            entries: this.comparisons.index.entries,
            sync: (id) => this.syncFromDisk('comparison', id),
            // In the store's queue: no write of this store is between creating and renaming its
            // temp file then (a name listed while one was is gone by now: its unlink just fails).
            removeTempFiles: (names) => this.serial(() => removeTempFiles(this.fs, [this.layout.comparisonsDir], names)),
          },
          { stopped: () => this.closed, report: (changes) => this.tellOutsideChanges(changes) },
        ).catch((error: unknown) => console.warn('Versus Desk: could not check the index cache against the files', error))
      : Promise.resolve();
  }

  /** The background check of a warm open (see runIndexCheck); settled at once after a cold open. */
  private readonly indexCheck: Promise<void>;
  private outsideListener: ((changes: OutsideChange[]) => void) | null = null;
  private unheardChanges: OutsideChange[] = [];

  /**
   * Resolves once the files have been checked against the index cache the list came from
   * (changes found are reported through onOutsideChanges first).
   */
  whenIndexChecked(): Promise<void> {
    return this.indexCheck;
  }

  /**
   * Who hears of changes found on disk after opening (files changed, added or removed while
   * the app was closed, found by the background check). Changes found before a listener is set
   * are kept and handed to it at once.
   */
  onOutsideChanges(listener: ((changes: OutsideChange[]) => void) | null): void {
    this.outsideListener = listener;
    if (listener && this.unheardChanges.length > 0) {
      const changes = this.unheardChanges;
      this.unheardChanges = [];
      listener(changes);
    }
  }

  private tellOutsideChanges(changes: OutsideChange[]): void {
    if (this.outsideListener) this.outsideListener(changes);
    else this.unheardChanges.push(...changes);
  }

  /** The word index behind `listComparisons(query)` (src/main/search). */
  private readonly search = new SearchIndex();
  private readonly summaryList = new SummaryList();

  static async open(dir: string, opts: OpenOptions = {}): Promise<WorkspaceStore> {
    const fs = opts.fs ?? nodeFs;
    const now = opts.now ?? (() => new Date());
    const layout = new WorkspaceLayout(resolve(dir));
    const settings = await openSettings(fs, layout, opts.create ?? false, now);
    let lockResult;
    try {
      await fs.mkdir(layout.derivedDir);
      lockResult = await acquireLock(fs, layout.lockFile, opts.pid ?? process.pid, now());
    } catch (error) {
      throw ioError('Could not lock the workspace', error);
    }
    const notices: Notice[] = [];
    let opened = false;
    const ctx: StoreContext = {
      fs,
      layout,
      now,
      newId: () => ulid(),
      quarantine: async (file, reason) => {
        const notice = await quarantineFile(fs, layout, file, reason, now());
        notices.push(notice);
        if (opened) opts.onNotice?.(notice);
      },
    };
    try {
      if (settings.created) await settings.write();
      await Promise.all([layout.comparisonsDir, layout.peopleDir, layout.historyDir].map((d) => fs.mkdir(d)));
      // comparisons/ holds 10,000 names in a large workspace: after a warm open its leftover
      // temp files are removed by the background check, which lists that folder anyway.
      await removeTempFiles(fs, [layout.root, layout.peopleDir, layout.derivedDir, layout.journalDir]);
      // An import a dead process left half written is taken back before anything is listed.
      const recovered = await recoverInterruptedImport(fs, layout, now());
      if (recovered) notices.push(importRecoveredNotice(recovered));
      const comparisons = new ComparisonRepository(ctx, new ComparisonIndex(fs, layout.indexFile, opts.indexDelayMs ?? 2000));
      const people = new PeopleRepository(ctx);
      await people.load();
      const checkIndex = await comparisons.load();
      if (!checkIndex) await removeTempFiles(fs, [layout.comparisonsDir]);
      if (settings.created && opts.seed && comparisons.index.entries.size === 0 && people.size === 0) {
        const seed = buildSeedRecords(now(), ctx.newId);
        await people.insert(seed.author);
        await people.insert(seed.editor);
        await comparisons.insert(seed.comparison);
      }
      if (lockResult.tookOver) {
        notices.unshift({
          id: 'lock-recovered',
          kind: 'recovered',
          message: `Versus Desk was not closed properly last time (process ${lockResult.tookOver.pid}); its lock on this workspace was released.`,
        });
      }
      opened = true;
      const journal = new JournalStore({ fs, dir: layout.journalDir, now, quarantine: ctx.quarantine });
      return new WorkspaceStore(layout, settings.name, fs, lockResult.lock, comparisons, people, notices, journal, checkIndex);
    } catch (error) {
      await releaseLock(fs, layout.lockFile, lockResult.lock).catch(() => undefined);
      throw error instanceof ServiceError ? error : ioError('Could not open the workspace', error);
    }
  }

  get path(): string {
    return this.layout.root;
  }

  /** The record folders another program may change (watched by src/main/watch). */
  get comparisonsDir(): string {
    return this.layout.comparisonsDir;
  }

  get peopleDir(): string {
    return this.layout.peopleDir;
  }

  /**
   * Brings one record in line with its file after another program (a git pull, a sync tool) may
   * have changed, added or deleted it: the list, the index cache and search follow (through the
   * repositories' refresh). Returns the change as the app should tell it, or null when there is
   * none to tell, in particular for the app's own writes: a comparison the app wrote still has
   * the size and mtime its index entry recorded, a person still has the content the app holds.
   * Runs in the serial queue, so it never sees a save half done. An unreadable file is
   * quarantined with a notice, as on open.
   */
  syncFromDisk(kind: OutsideChange['kind'], id: string): Promise<OutsideChange | null> {
    if (this.closed) return Promise.resolve(null);
    return this.serial(() => (kind === 'comparison' ? this.syncComparison(id) : this.syncPerson(id)));
  }

  private async syncComparison(id: string): Promise<OutsideChange | null> {
    const before = this.comparisons.index.entries.get(id) ?? null;
    const stat = await this.fs.stat(this.layout.comparisonFile(id)).catch(() => null);
    if (!before && !stat) return null;
    if (before && stat && stat.size === before.size && stat.mtimeMs === before.mtimeMs) return null;
    await this.comparisons.refresh(id);
    const after = this.comparisons.index.entries.get(id) ?? null;
    if (!after) return before ? { kind: 'comparison', id, change: 'removed', label: before.summary.title, revision: null } : null;
    return { kind: 'comparison', id, change: before ? 'changed' : 'added', label: after.summary.title, revision: after.summary.revision };
  }

  /**
   * Reads these articles again although their files still have the size and mtime the index
   * cache recorded: a reader (the export) found the cached summary wrong for the record, e.g. an
   * index edited or restored by another program. The list, the index and search follow, and
   * each summary that changed is told as an outside change.
   */
  recheckComparisons(ids: readonly string[]): Promise<void> {
    if (this.closed || ids.length === 0) return Promise.resolve();
    return this.serial(async () => {
      const changes: OutsideChange[] = [];
      for (const id of ids) {
        const before = this.comparisons.index.entries.get(id)?.summary ?? null;
        await this.comparisons.refresh(id);
        const after = this.comparisons.index.entries.get(id)?.summary ?? null;
        if (!after) {
          if (before) changes.push({ kind: 'comparison', id, change: 'removed', label: before.title, revision: null });
        } else if (!before || before.status !== after.status || before.revision !== after.revision || before.title !== after.title) {
          changes.push({ kind: 'comparison', id, change: before ? 'changed' : 'added', label: after.title, revision: after.revision });
        }
      }
      if (changes.length > 0) this.tellOutsideChanges(changes);
    });
  }

  private async syncPerson(id: string): Promise<OutsideChange | null> {
    const find = () => this.people.list().find((p) => p.id === id) ?? null;
    const canonical = (value: unknown) => {
      const parsed = personSchema.safeParse(value);
      return parsed.success ? stableStringify(parsed.data) : null;
    };
    const before = find();
    let onDisk: string | null = null;
    let exists = true;
    try {
      onDisk = canonical(parseRecord(await this.fs.readFile(this.layout.personFile(id)), personSchema, 'person'));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') exists = false;
      // Unreadable: refresh() below quarantines it.
    }
    if (!before && !exists) return null;
    if (before && onDisk !== null && onDisk === canonical(before)) return null;
    await this.people.refresh(id);
    const after = find();
    if (!after) return before ? { kind: 'person', id, change: 'removed', label: before.name, revision: null } : null;
    return { kind: 'person', id, change: before ? 'changed' : 'added', label: after.name, revision: after.revision };
  }

  info(): WorkspaceInfo {
    return {
      path: this.layout.root,
      name: this.name,
      notices: this.notices.map((n) => ({ ...n })),
      counts: { comparisons: this.comparisons.index.entries.size, people: this.people.size },
    };
  }

  /**
   * Newest first; with a query, the articles whose title, slug or terms contain it, or whose
   * words (body text included) start with each of its words (src/main/search/searchText.ts).
   * While the word index is still filling after open, body-word matches of articles not indexed
   * yet are missing: use `searchComparisons` for a query that must be complete.
   */
  listComparisons(query?: string): ComparisonSummary[] {
    return this.summaryList.list(this.comparisons.index, this.search, query);
  }

  /** `listComparisons(query)`, complete: a query with words waits for the word index to finish filling (header-only queries never wait). */
  async searchComparisons(query?: string): Promise<ComparisonSummary[]> {
    if (!this.search.ready && query !== undefined && queryWords(query).length > 0) await this.search.whenReady();
    return this.listComparisons(query);
  }

  /** Resolves once the articles present at open are in the word index (they are added in the background). */
  searchReady(): Promise<void> {
    return this.search.whenReady();
  }

  /** What the background fill of the word index cost (bench figures; null until it finished). */
  searchFillStats(): FillStats | null {
    return this.search.fillStats;
  }

  getComparison(id: string): Promise<Comparison> {
    return this.comparisons.get(id);
  }

  /** The stored article for reading only (an export): it may be shared, so never change it. */
  readComparison(id: string): Promise<Comparison> {
    return this.comparisons.readShared(id);
  }

  /** See ComparisonRepository.directReadOf (an export's reader thread). */
  directReadOf(id: string): { file: string; size: number; mtimeMs: number } | null {
    return this.comparisons.directReadOf(id);
  }

  /** See ComparisonRepository.parseDirect. */
  parseDirect(id: string, text: string): Comparison | null {
    return this.comparisons.parseDirect(id, text);
  }

  createComparison(termNames: string[]): Promise<Comparison> {
    return this.serial(() => this.comparisons.create(termNames));
  }

  saveComparison(c: Comparison, baseRevision: number, opts?: SaveOptions): Promise<Comparison> {
    return this.serial(() => this.comparisons.save(c, baseRevision, opts));
  }

  deleteComparison(id: string, baseRevision: number): Promise<void> {
    return this.serial(async () => {
      await this.comparisons.delete(id, baseRevision);
      // Deleted on purpose in the app: its unsaved edits are not offered back later.
      await this.journal.discard(id).catch((error: unknown) => console.warn('Versus Desk: could not remove a journal', error));
    });
  }

  listPeople(): Person[] {
    return this.people.list();
  }

  getPerson(id: string): Promise<Person> {
    return this.people.get(id);
  }

  createPerson(input: NewPerson): Promise<Person> {
    return this.serial(() => this.people.create(input));
  }

  savePerson(p: Person, baseRevision: number, opts?: SaveOptions): Promise<Person> {
    return this.serial(() => this.people.save(p, baseRevision, opts));
  }

  deletePerson(id: string): Promise<void> {
    return this.serial(async () => {
      const person = await this.people.get(id);
      const articles = this.comparisons.namingPerson(id);
      if (articles.length > 0) {
        throw new ServiceError(
          'IN_USE',
          `${person.name} is still named in the byline of: ${articles.map((a) => `"${a.title}"`).join(', ')}`,
          { articles },
        );
      }
      await this.people.delete(id);
      // Deleted on purpose in the app: its unsaved edits are not offered back later.
      await this.journal.people.discard(id).catch((error: unknown) => console.warn('Versus Desk: could not remove a journal', error));
    });
  }

  /** The file-system layer the store writes through (history shares it, so tests can fail it). */
  get fsLayer(): FsLayer {
    return this.fs;
  }

  /** Runs `task` as one serial mutation with raw record access (imports). */
  withRecordWriter<T>(task: (writer: RecordWriter) => Promise<T>): Promise<T> {
    const fileOf = (kind: 'comparison' | 'person', id: string) =>
      kind === 'comparison' ? this.layout.comparisonFile(id) : this.layout.personFile(id);
    const writer: RecordWriter = {
      fs: this.fs,
      putComparison: (record) => this.comparisons.insert(record),
      putComparisons: (records, opts) => this.comparisons.insertMany(records, opts),
      placePerson: (record, holds) => this.people.place(record, holds),
      readRecordFile: async (kind, id) => {
        try {
          return await this.fs.readFile(fileOf(kind, id));
        } catch (error) {
          if (errnoCode(error) === 'ENOENT') return null;
          throw error;
        }
      },
      restoreRecordFile: async (kind, id, text, ifHolds) => {
        const file = fileOf(kind, id);
        const ours =
          ifHolds === undefined ||
          (await this.fs.readFile(file).catch((error: unknown) => {
            if (errnoCode(error) === 'ENOENT') return null;
            throw error;
          })) === ifHolds;
        // A file that is theirs now is left as it is (and read below, as any outside change is).
        if (ours && text === null) {
          await this.fs.unlink(file).catch((error: unknown) => {
            if (errnoCode(error) !== 'ENOENT') throw error;
          });
          await syncFolder(dirname(file), this.fs);
        } else if (ours && text !== null) {
          await writeFileDurable(file, text, this.fs);
        }
        await writer.reread(kind, id);
      },
      reread: (kind, id) => (kind === 'comparison' ? this.comparisons.refresh(id) : this.people.refresh(id)),
      resync: (kind, id) => (kind === 'comparison' ? this.syncComparison(id) : this.syncPerson(id)),
      tell: (changes) => {
        if (changes.length > 0) this.tellOutsideChanges(changes);
      },
      namesPerson: (id) => this.comparisons.namingPerson(id).length > 0,
    };
    return this.serial(() => task(writer));
  }

  /** Writes the index cache now (also done debounced after changes). */
  flushIndex(): Promise<void> {
    return this.comparisons.index.flush();
  }

  /** Waits for pending writes, writes the index and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.search.stop();
    this.outsideListener = null;
    // The check stops at its next batch; wait for it so nothing reads the folder after the lock is released.
    await this.indexCheck;
    await this.queue.catch(() => undefined);
    this.comparisons.index.dispose();
    try {
      await this.comparisons.index.flush();
    } catch (error) {
      // The index is a rebuildable cache: losing it costs one slower open, never data.
      console.warn('Versus Desk: could not write the index cache on close', error);
    }
    await releaseLock(this.fs, this.layout.lockFile, this.lock);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ServiceError('INVALID_INPUT', 'This workspace has been closed.'));
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Removes temp files interrupted writes left in these folders (ours and steno's `.name.tmp`; `listed`: the names, when the caller has just read them). */
async function removeTempFiles(fs: FsLayer, folders: string[], listed?: string[]): Promise<void> {
  for (const folder of folders) {
    let names: string[];
    try {
      names = listed ?? (await fs.readdir(folder));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') continue;
      throw error;
    }
    for (const name of names.filter(isTempFileName)) {
      const path = join(folder, name);
      if (await isLockInTheMaking(fs, name, path)) continue;
      await fs.unlink(path).catch(() => undefined);
    }
  }
}

/** How long a lock temp file may be another process's work in progress. */
const LOCK_TEMP_GRACE_MS = 60_000;

/**
 * Another process's lock being made or taken over (`.lock.<pid>.<hex>[.stale].tmp`), left to it:
 * removing it mid-takeover could leave the workspace with no lock. One whose process no longer
 * runs, or older than a minute, is a leftover.
 */
async function isLockInTheMaking(fs: FsLayer, name: string, path: string): Promise<boolean> {
  const pid = /^\.lock\.(\d+)\./.exec(name)?.[1];
  if (pid === undefined || !isProcessAlive(Number(pid))) return false;
  return fs.stat(path).then(
    (st) => Date.now() - st.mtimeMs < LOCK_TEMP_GRACE_MS,
    () => true,
  );
}

/** Said once when an import cut short (the app or the command died while writing it) was taken back on opening. */
function importRecoveredNotice(r: RecoveredImport): Notice {
  return {
    id: 'import-recovered',
    kind: 'recovered',
    message: `An import was cut short last time (Versus Desk or the command line stopped while writing it). It was taken back: ${recoveredInWords(r)} Import the bundle again to bring it in.`,
  };
}
