import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IndexEntry } from './ComparisonIndex';

/**
 * Opening a workspace without its index cache reads, checks and summarizes every comparison
 * file: about 0.3 ms of one core per file, most of it parsing and hashing approved parts.
 * Worker threads (listWorker.ts) do that on every core, with synchronous reads, while the main
 * thread stays free; the main thread then reads only the files a worker could not vouch for.
 *
 * The worker is a separate bundle: the entry points (src/main/index.ts, src/main/cli/index.ts)
 * import it with electron-vite's `?modulePath` and register it here; the benchmark registers its
 * own build. Nothing registered (tests and the e2e harness run from source) means no workers:
 * the main thread lists every file itself, with the same result.
 */
let workerScript: string | URL | null = null;

/** Where the built listWorker is, or null for none. */
export function setListWorkerScript(script: string | URL | null): void {
  workerScript = script;
}

export function listWorkerScript(): string | URL | null {
  return workerScript;
}

/** Below this many files a worker's start (tens of ms) costs more than it saves. */
export const WORKERS_FROM = 256;
/** Ids per message: large enough that messages cost little, small enough to share the work evenly. */
const CHUNK = 128;

export interface ListRequest {
  seq: number;
  dir: string;
  ids: string[];
}

export interface ListReply {
  seq: number;
  /** Per id: its entry, or null for "read it on the main thread". */
  entries: Array<IndexEntry | null>;
}

export interface WorkerListing {
  /** Aligned with the ids asked for: an entry, or undefined where the main thread must read the file. */
  entries: Array<IndexEntry | undefined>;
  /** How many of them came from the workers. */
  listed: number;
  /** Why the workers stopped early, if they did (the rest is then read on the main thread). */
  failure: Error | null;
}

/**
 * Lists `ids` (files `<dir>/<id>.json`) on worker threads. Never rejects: a worker that cannot
 * start or fails part way leaves its ids undefined, for the main thread to read. (A read that
 * never returns, on a stuck network mount, holds the open as it would on the main thread.)
 */
export async function listInWorkers(script: string | URL, dir: string, ids: readonly string[], workers = defaultWorkers()): Promise<WorkerListing> {
  const entries = new Array<IndexEntry | undefined>(ids.length);
  const chunks: number[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) chunks.push(start);
  let next = 0;
  let listed = 0;
  let failure: Error | null = null;

  const runOne = (): Promise<void> =>
    new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(script);
      } catch (error) {
        failure ??= asError(error);
        resolve();
        return;
      }
      const inFlight = new Set<number>();
      let done = false;
      const finish = (error: Error | null) => {
        if (done) return;
        done = true;
        if (error) failure ??= error;
        // Chunks this worker held and never answered go back to be read on the main thread.
        void worker.terminate();
        resolve();
      };
      const send = () => {
        // Stop handing out work once any worker has failed: the main thread reads the rest.
        if (failure || next >= chunks.length) {
          if (inFlight.size === 0) finish(null);
          return;
        }
        const seq = next++;
        const start = chunks[seq] as number;
        inFlight.add(seq);
        const request: ListRequest = { seq, dir, ids: ids.slice(start, start + CHUNK) };
        worker.postMessage(request);
      };
      worker.on('message', ({ seq, entries: got }: ListReply) => {
        inFlight.delete(seq);
        const start = chunks[seq] as number;
        got.forEach((entry, i) => {
          if (entry) {
            entries[start + i] = entry;
            listed++;
          }
        });
        send();
      });
      worker.on('error', (error) => finish(error));
      // A reply that cannot be read would leave its chunk in flight for ever.
      worker.on('messageerror', (error) => finish(error));
      worker.on('exit', (code) => finish(done ? null : new Error(`a list worker stopped (exit code ${code})`)));
      // Two requests in flight, so a worker never waits for its next one.
      send();
      send();
    });

  // Each worker starts with two chunks: no more workers than pairs of chunks.
  await Promise.all(Array.from({ length: Math.min(workers, Math.ceil(chunks.length / 2)) }, runOne));
  return { entries, listed, failure };
}

function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
