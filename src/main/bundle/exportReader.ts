import { Worker } from 'node:worker_threads';
import { LINEAGE_MAX } from '../history/HistoryStore';

/**
 * Reads the files an export needs (each article's record file, and its history folder's
 * snapshot files for the lineage) on a worker thread, with synchronous calls, a batch of
 * articles per message. Why: read through fs.promises, each article costs about ten round trips
 * to the thread pool (stat, open, fstat, read, close; readdir, then the same for each snapshot),
 * and on two cores those hand-offs cost the export's main thread about three times the
 * synchronous calls themselves. The worker only reads: the main thread checks and parses the
 * texts, and anything the worker could not read is read the usual way there (exportBundle.ts).
 */

/** What to read for one article. */
export interface ReadRequest {
  /** The record file. */
  file: string;
  /** The history folder (null: its lineage is read another way). */
  folder: string | null;
}

/** What the worker read for one article. */
export interface ReadResult {
  /** The record file's text, null when it could not be read. */
  text: string | null;
  /** Size and mtime of the file the text was read from (fstat of the same descriptor); -1 unread. */
  size: number;
  mtimeMs: number;
  /**
   * Every snapshot file the folder names (`<revision>.json`, HistoryStore.snapshotRevisions), by
   * revision (the newest of them: see olderSnapshots), text null when it could not be read or is no regular file (`link`: a symlink, which
   * the worker does not follow: the caller reads that folder the usual way); an empty array when the folder does not
   * exist; null when it could not be listed or no folder was asked for.
   */
  snapshots: SnapshotRead[] | null;
  /**
   * Snapshot files older than those in `snapshots`, not read: the worker reads newest first and
   * stops once the files read name LINEAGE_MAX different hashes (content hashes and the lineages
   * they arrived with), since a lineage holds no more. When the caller's checks count fewer, it
   * reads the folder the usual way (HistoryStore.exportLineageFrom).
   */
  olderSnapshots?: number;
}

/**
 * One snapshot file as the worker read it. A file longer than `SNAPSHOT_HEAD_BYTES` that ends as
 * written (a closing brace) and names its record within that many bytes is read only that far:
 * `head` is its text up to and including the record's key, which is all a lineage needs
 * (HistoryStore.snapshotHeader; the header sorts before the record). Any other file comes whole,
 * as `text`.
 */
export type SnapshotRead = { revision: number; text: string | null; link?: boolean; head?: undefined } | { revision: number; head: string; text?: undefined; link?: undefined };

/**
 * How much of a snapshot file is read for its header: enough for any the app writes with a full
 * lineage (50 hashes, about 3.6 KB) and a name of ordinary length; a longer header is read whole.
 */
export const SNAPSHOT_HEAD_BYTES = 4096;

/** CommonJS source run with `eval` (no file of its own in the build), as entryDeflater.ts does. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { join } = require('node:path');
// Non-blocking and not through a symlink: a FIFO or a device with a record's name can neither
// hold the thread nor be opened for real; only regular files are read (the rest: read the usual way).
const FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;
function readFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, FLAGS);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { text: null, size: -1, mtimeMs: -1 };
    return { text: fs.readFileSync(fd, 'utf8'), size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    return { text: null, size: -1, mtimeMs: -1, link: !!error && error.code === 'ELOOP' };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  }
}
// A snapshot's head: the bytes before its record (see SnapshotRead), when the file is complete.
const HEAD = ${SNAPSHOT_HEAD_BYTES};
const RECORD_KEY = /,\\s*"record"\\s*:/;
function readSnapshot(file) {
  let fd;
  try {
    fd = fs.openSync(file, FLAGS);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { text: null };
    if (stat.size > HEAD) {
      const head = Buffer.allocUnsafe(HEAD);
      const headText = head.toString('utf8', 0, fs.readSync(fd, head, 0, HEAD, 0));
      const tail = Buffer.allocUnsafe(16);
      const complete = /}\\s*$/.test(tail.toString('utf8', 0, fs.readSync(fd, tail, 0, 16, stat.size - 16)));
      const key = complete ? RECORD_KEY.exec(headText) : null;
      if (key) return { head: headText.slice(0, key.index + key[0].length), header: headText.slice(0, key.index) + '}' };
    }
    // Positional reads leave the file offset at 0: this reads the whole file.
    return { text: fs.readFileSync(fd, 'utf8') };
  } catch (error) {
    return { text: null, link: !!error && error.code === 'ELOOP' };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  }
}
function readSnapshots(folder) {
  let names;
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    return error && error.code === 'ENOENT' ? { snapshots: [], older: 0 } : null;
  }
  const revisions = [];
  for (const name of names) {
    const m = /^(\\d+)\\.json$/.exec(name);
    if (m) revisions.push(Number(m[1]));
  }
  // Newest first, until the files read name ${LINEAGE_MAX} different hashes: a lineage holds no more,
  // so older files cannot change it (the caller checks that, and reads the folder if not).
  revisions.sort((a, b) => b - a);
  const out = [];
  const hashes = new Set();
  let read = 0;
  while (read < revisions.length && hashes.size < ${LINEAGE_MAX}) {
    const revision = revisions[read++];
    const { text, head, header, link } = readSnapshot(join(folder, revision + '.json'));
    out.push(head !== undefined ? { revision, head } : link ? { revision, text, link } : { revision, text });
    hashesOf(header ?? text, hashes);
  }
  return { snapshots: out, older: revisions.length - read };
}
// The content hash and lineage a snapshot's JSON names (nothing when it does not parse).
function hashesOf(json, into) {
  if (typeof json !== 'string') return;
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (typeof value.contentHash === 'string') into.add(value.contentHash);
  if (Array.isArray(value.lineage)) for (const h of value.lineage) if (typeof h === 'string') into.add(h);
}
parentPort.on('message', ({ id, items }) => {
  const out = items.map(({ file, folder }) => {
    const { text, size, mtimeMs } = readFile(file);
    if (folder === null) return { text, size, mtimeMs, snapshots: null };
    const listed = readSnapshots(folder);
    return listed === null ? { text, size, mtimeMs, snapshots: null } : { text, size, mtimeMs, snapshots: listed.snapshots, olderSnapshots: listed.older };
  });
  parentPort.postMessage({ id, out });
});
`;

/**
 * One worker for one export: read() answers a batch in order; close() ends it (call it in a
 * finally). A worker that fails rejects what it had in hand, and every later read() rejects:
 * the caller then reads the usual way (it costs only time).
 */
export class ExportReader {
  private worker: Worker | null = null;
  private failure: unknown = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(out: ReadResult[]): void; reject(error: unknown): void }>();

  read(items: readonly ReadRequest[]): Promise<ReadResult[]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const result = new Promise<ReadResult[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    try {
      // A worker that cannot start fails this read (and every later one): read the usual way.
      const worker = this.start();
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, items });
    } catch (error) {
      this.fail(error);
    }
    return result;
  }

  /** True once close() was called (a read rejected after that is no failure of the reader). */
  closed = false;

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('The export reader was closed.'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', ({ id, out }: { id: number; out: ReadResult[] }) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      waiter?.resolve(out);
    });
    worker.on('error', (error) => this.fail(error));
    // A reply that cannot be read would leave its waiter unsettled for ever.
    worker.on('messageerror', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.failure === null) this.fail(new Error(`The export reader stopped (exit code ${code}).`));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate().catch(() => undefined);
  }
}
