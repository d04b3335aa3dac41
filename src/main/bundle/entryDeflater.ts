import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Deflates zip entries on one worker thread, in batches, so an export's main thread renders the
 * next articles while the other core compresses, and a zip of already-rendered files deflates
 * beside its own writing. Why not zlib's async calls: each one builds a stream object and hands
 * off to the thread pool (which the export's file reads use too); for 20,000 small entries that
 * main-thread overhead was about two thirds of deflating them synchronously. A batch of entries
 * costs one message each way.
 *
 * The bytes are zlib's own (deflateRawSync at the default level, in the worker): the same as
 * deflating on the main thread, so the zip stays deterministic.
 */

/** An entry's content as the zip holds it. */
export interface DeflatedEntry {
  crc: number;
  /** sha256 (hex) of the content, for entries handed in as text. */
  sha256?: string;
  /** 8: deflated; 0: stored (deflate would not have made it smaller). */
  method: 0 | 8;
  data: Buffer;
  /** The uncompressed size. */
  size: number;
}

export interface DeflateOptions {
  /**
   * The caller hands the content over (it never reads it again): when it is the whole of its
   * ArrayBuffer, the buffer moves to the worker instead of a copy of it.
   */
  handOver?: boolean;
}

/** Smaller entries are deflated at once on the main thread: a message costs more. */
const INLINE_BELOW_BYTES = 2048;
/**
 * A batch goes to the worker at this many entries or bytes, or on flush(): whoever awaits an
 * entry calls flush() first (a message per entry costs more than its deflating).
 */
const BATCH_ENTRIES = 32;
const BATCH_BYTES = 512 * 1024;
/** Entries sent and not back yet, beyond which room() waits (memory stays bounded). */
const MAX_IN_FLIGHT = 512;

/**
 * The worker: CommonJS source run with `eval`, so it needs no file of its own in the build.
 * An item is bytes, or text it encodes as UTF-8 and hashes (sha256) first.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { crc32, deflateRawSync } = require('node:zlib');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, items }) => {
  const out = [];
  const transfer = [];
  for (const { content: given, text, owned } of items) {
    const content = text === undefined ? given : Buffer.from(text, 'utf8');
    const sha256 = text === undefined ? undefined : createHash('sha256').update(content).digest('hex');
    const crc = crc32(content);
    const deflated = deflateRawSync(content);
    if (deflated.byteLength < content.byteLength) {
      // A copy of exactly its size: zlib's output sits in a larger chunk.
      const data = new Uint8Array(deflated);
      out.push({ crc, sha256, size: content.byteLength, data });
      transfer.push(data.buffer);
    } else if (owned || text !== undefined) {
      // Stored: the bytes go back (moved when they came in moved; a copy of encoded text).
      const back = owned ? content : new Uint8Array(content);
      out.push({ crc, sha256, size: content.byteLength, data: null, back });
      transfer.push(back.buffer);
    } else {
      out.push({ crc, sha256, size: content.byteLength, data: null });
    }
  }
  parentPort.postMessage({ id, out }, transfer);
});
`;

interface Pending {
  /** Bytes, or text for the worker to encode and hash. */
  content: Uint8Array | null;
  text?: string;
  owned: boolean;
  resolve(entry: DeflatedEntry): void;
  reject(error: unknown): void;
}

interface WorkerResult {
  crc: number;
  sha256?: string;
  size: number;
  data: Uint8Array | null;
  back?: Uint8Array;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Deflates one entry on this thread (stored when deflate would not make it smaller). */
export function deflateEntrySync(content: Uint8Array): DeflatedEntry {
  const crc = crc32(content);
  const size = content.byteLength;
  const deflated = size === 0 ? null : deflateRawSync(content);
  // A small result is a view into zlib's 16 KB output buffer: kept until the zip is written, 10,000
  // of them would hold 160 MB+, so it gets a buffer of its own size.
  if (deflated !== null && deflated.byteLength < size) return { crc, method: 8, data: deflated.buffer.byteLength > 2 * deflated.byteLength ? Buffer.from(deflated) : deflated, size };
  return { crc, method: 0, data: asBuffer(content), size };
}

/**
 * Entries handed in are deflated in the order given, in batches: call flush() before awaiting
 * an entry (or the last batch may never go). close() ends the worker (call it in a finally). An
 * abort rejects every entry not back yet and ends the worker.
 */
export class EntryDeflater {
  private worker: Worker | null = null;
  private failure: unknown = null;
  private batch: Pending[] = [];
  private batchBytes = 0;
  private readonly sent = new Map<number, Pending[]>();
  private inFlight = 0;
  private nextId = 0;
  private waitingForRoom: Array<() => void> = [];

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.fail(signal.reason), { once: true });
  }

  /** The entry, deflated; the promise never counts as unhandled (whoever writes the zip awaits it). */
  deflate(content: Uint8Array, opts: DeflateOptions = {}): Promise<DeflatedEntry> {
    let result: Promise<DeflatedEntry>;
    if (this.failure !== null) result = Promise.reject(this.failure);
    else if (content.byteLength < INLINE_BELOW_BYTES) result = Promise.resolve(deflateEntrySync(content));
    else {
      // Moved, not copied by the message: a view's whole underlying buffer would be (a slab
      // shared with other entries, a chunk of an inflated zip), so a view goes as a copy of just itself.
      const whole = content.byteOffset === 0 && content.byteLength === content.buffer.byteLength;
      const moved = opts.handOver === true && whole ? content : new Uint8Array(content);
      result = this.queue({ content: moved, owned: true }, content.byteLength);
    }
    result.catch(() => undefined);
    return result;
  }

  /**
   * Text to encode as UTF-8, hash (sha256) and deflate, all on the worker unless it is short;
   * the entry carries the hash.
   */
  deflateText(text: string): Promise<DeflatedEntry & { sha256: string }> {
    let result: Promise<DeflatedEntry & { sha256: string }>;
    if (this.failure !== null) result = Promise.reject(this.failure);
    else if (text.length < INLINE_BELOW_BYTES) {
      const content = Buffer.from(text, 'utf8');
      result = Promise.resolve({ ...deflateEntrySync(content), sha256: createHash('sha256').update(content).digest('hex') });
    } else result = this.queue({ content: null, text, owned: false }, text.length) as Promise<DeflatedEntry & { sha256: string }>;
    result.catch(() => undefined);
    return result;
  }

  private queue(item: Pick<Pending, 'content' | 'text' | 'owned'>, bytes: number): Promise<DeflatedEntry> {
    const result = new Promise<DeflatedEntry>((resolve, reject) => this.batch.push({ ...item, resolve, reject }));
    this.batchBytes += bytes;
    if (this.batch.length >= BATCH_ENTRIES || this.batchBytes >= BATCH_BYTES) this.flush();
    return result;
  }

  /** Resolves once few enough entries are out (at once, mostly): await it between entries. */
  room(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT || this.failure !== null) return Promise.resolve();
    return new Promise((resolve) => this.waitingForRoom.push(resolve));
  }

  /** Sends the entries waiting in the open batch. */
  flush(): void {
    if (this.batch.length === 0 || this.failure !== null) return;
    const items = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const id = this.nextId++;
    this.sent.set(id, items);
    this.inFlight += items.length;
    const worker = this.startWorker();
    if (this.inFlight === items.length) worker.ref();
    try {
      worker.postMessage(
        { id, items: items.map(({ content, text, owned }) => ({ content, text, owned })) },
        items.flatMap((p) => (p.owned && p.content ? [p.content.buffer as ArrayBuffer] : [])),
      );
    } catch (error) {
      this.fail(error);
    }
    // The worker has its own copy: the texts would otherwise stay alive (and be copied by every
    // young-generation collection) until the batch comes back.
    for (const p of items) p.text = undefined;
  }

  /** Ends the worker; entries not back yet are rejected. */
  async close(): Promise<void> {
    this.fail(new Error('The zip writer was closed.'));
  }

  private startWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', (message: { id: number; out: WorkerResult[] }) => this.received(message.id, message.out));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.failure === null) this.fail(new Error(`The zip worker stopped (exit code ${code}).`));
    });
    this.worker = worker;
    return worker;
  }

  private received(id: number, out: WorkerResult[]): void {
    const items = this.sent.get(id);
    if (!items) return;
    this.sent.delete(id);
    this.inFlight -= items.length;
    if (this.inFlight === 0) this.worker?.unref();
    for (const [i, pending] of items.entries()) {
      const { crc, sha256, size, data, back } = out[i] as WorkerResult;
      const stored = back ?? pending.content;
      const entry: DeflatedEntry = data ? { crc, method: 8, data: asBuffer(data), size } : { crc, method: 0, data: asBuffer(stored as Uint8Array), size };
      pending.resolve(sha256 === undefined ? entry : { ...entry, sha256 });
    }
    if (this.inFlight < MAX_IN_FLIGHT) this.waitingForRoom.splice(0).forEach((resume) => resume());
  }

  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    const waiting = [...this.batch, ...[...this.sent.values()].flat()];
    this.batch = [];
    this.sent.clear();
    this.inFlight = 0;
    for (const p of waiting) p.reject(error);
    this.waitingForRoom.splice(0).forEach((resume) => resume());
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate().catch(() => undefined);
  }
}
