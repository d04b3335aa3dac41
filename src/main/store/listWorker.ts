/**
 * A worker thread of a cold open (listInWorkers.ts): lists comparison files with synchronous
 * reads (a worker has no event loop to keep free) through the same parse and checks as the main
 * thread (parseRecord through comparisonOfId: the hand-written check, else the migration and zod). A file it cannot
 * vouch for (missing, not a regular file, a symlink, unreadable, damaged, its id not its name)
 * comes back as null, and the main thread reads it the usual way (ComparisonRepository.readForList),
 * quarantine and all: the worker never moves or writes a file.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import './nativeHash';
import { entryOf, type IndexEntry } from './ComparisonIndex';
import { comparisonOfId } from './DurableAdapter';
import type { ListRequest, ListReply } from './listInWorkers';

function listOne(dir: string, id: string): IndexEntry | null {
  let fd = -1;
  try {
    // One path lookup, and the size and mtime are the opened file's own. Not through a symlink
    // (so never onto a device elsewhere: the main thread stats symlinked records first), and
    // non-blocking, so a FIFO with a record's name cannot hold the worker (not a regular file).
    fd = openSync(join(dir, `${id}.json`), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const record = comparisonOfId(readFileSync(fd, 'utf8'), id);
    return record ? entryOf(record, stat.size, stat.mtimeMs) : null;
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
