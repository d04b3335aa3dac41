/**
 * A worker thread of a cold open (listInWorkers.ts): lists comparison files the quick way, with
 * synchronous reads (a worker has no event loop to keep free) and the hand-written check.
 * A file it cannot vouch for in one pass (missing, unreadable, not JSON, failing the quick
 * check, its id not its name) comes back as null, and the main thread reads it the usual way
 * (ComparisonRepository.readForList), quarantine and all: the worker never moves or writes a file.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import './nativeHash';
import { isCheckedComparison } from '../../shared/model/comparisonCheck';
import { entryOf, type IndexEntry } from './ComparisonIndex';
import type { ListRequest, ListReply } from './listInWorkers';

function listOne(dir: string, id: string): IndexEntry | null {
  let fd = -1;
  try {
    // One path lookup: the size and mtime are the opened file's own. Non-blocking, so a FIFO
    // with a record's name cannot hold the worker (it is not a file: left to the main thread).
    fd = openSync(join(dir, `${id}.json`), constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const raw: unknown = JSON.parse(readFileSync(fd, 'utf8'));
    if (!isCheckedComparison(raw) || raw.id !== id) return null;
    return entryOf(raw, stat.size, stat.mtimeMs);
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

const port = parentPort;
if (!port) throw new Error('listWorker runs only as a worker thread');
port.on('message', ({ seq, dir, ids }: ListRequest) => {
  const reply: ListReply = { seq, entries: ids.map((id) => listOne(dir, id)) };
  port.postMessage(reply);
});
