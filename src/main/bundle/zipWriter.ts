import { open } from 'node:fs/promises';
import { ServiceError } from '../../shared/api/errors';
import { deflateEntrySync, EntryDeflater, type DeflatedEntry } from './entryDeflater';

export { EntryDeflater, type DeflatedEntry } from './entryDeflater';

/**
 * A deterministic zip writer on Node's own zlib, for bundles.
 *
 * Why not yazl: it deflates every entry through its own zlib stream, and 20,000 small entries
 * cost ~18 s of stream overhead for ~1 s of deflate work. Here entries are deflated with
 * deflateRawSync on a worker thread, in batches (entryDeflater.ts), so deflating overlaps
 * whatever the main thread does meanwhile (an export renders the next articles; a zip of ready
 * files deflates every other run of entries itself); the output is written in ~1 MB slices, awaiting each
 * write, so the event loop (progress, cancel, IPC) keeps turning.
 *
 * Same bytes for the same files: entries sorted by name, a fixed DOS time (1980-01-01 00:00),
 * mode 0100644, UTF-8 names, no extra fields, no comment, no data descriptors, zlib's default
 * level (wherever it runs, zlib gives the same bytes). Plain zip (no ZIP64): at most 65,535
 * entries and 4 GiB, refused with a clear error above that.
 */

export const ZIP_MAX_ENTRIES = 0xffff;
export const ZIP_MAX_BYTES = 0xffffffff;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** Made by Unix (3), spec 2.0; needed: 2.0 (deflate). */
const VERSION_MADE_BY = (3 << 8) | 20;
const VERSION_NEEDED = 20;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
/** 1980-01-01 00:00:00 in DOS date/time fields (the DOS epoch: day 1, month 1, year 0). */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const MODE = 0o100644;
/** Write slices of about this size. */
const SLICE_BYTES = 1 << 20;

export interface ZipWriteOptions {
  signal?: AbortSignal;
  /** Called after each slice is written: entries done, entries in all. */
  onProgress?(done: number, total: number): void;
}

function tooLarge(what: string): ServiceError {
  return new ServiceError('INVALID_INPUT', `The bundle is too large for a zip file: ${what}. Export fewer articles at once, or export to a folder.`);
}

/** An entry's local header and central directory record, for its deflated content at `offset`. */
function entryHeaders(name: string, entry: DeflatedEntry, offset: number): { local: Buffer; central: Buffer } {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 0xffff) throw tooLarge(`the name ${name.slice(0, 60)}… is too long`);
  const { crc, method, data, size } = entry;
  if (size > ZIP_MAX_BYTES) throw tooLarge(`${name} is over 4 GiB`);

  const local = Buffer.alloc(30 + nameBytes.length);
  local.writeUInt32LE(LOCAL_HEADER, 0);
  local.writeUInt16LE(VERSION_NEEDED, 4);
  local.writeUInt16LE(FLAGS, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.byteLength, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  nameBytes.copy(local, 30);

  const central = Buffer.alloc(46 + nameBytes.length);
  central.writeUInt32LE(CENTRAL_HEADER, 0);
  central.writeUInt16LE(VERSION_MADE_BY, 4);
  central.writeUInt16LE(VERSION_NEEDED, 6);
  central.writeUInt16LE(FLAGS, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.byteLength, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  // Extra field, comment, disk number, internal attributes: all zero.
  central.writeUInt32LE((MODE << 16) >>> 0, 38);
  central.writeUInt32LE(offset, 42);
  nameBytes.copy(central, 46);
  return { local, central };
}

function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** Entries handed to the deflater ahead of the one being written (writeZipFile). */
const DEFLATE_AHEAD = 256;
/** writeZipFile shares the deflating between the worker and the main thread in runs of this many entries. */
const SHARE_RUN = 32;

/**
 * Writes `files` as a zip to `path` (created with 'wx': it must not exist), fsyncs it and
 * returns its size. On failure or abort the partial file stays for the caller to remove.
 */
export async function writeZipFile(path: string, files: ReadonlyMap<string, Uint8Array>, opts: ZipWriteOptions = {}): Promise<number> {
  const names = [...files.keys()].sort();
  checkEntryCount(names.length);
  opts.signal?.throwIfAborted();
  // The files are ready and the main thread has nothing else to do: every other run of
  // SHARE_RUN entries is deflated here as the writing reaches it, the others on the worker, a
  // window ahead of the writing (in name order, the order they are written).
  const deflater = new EntryDeflater(opts.signal);
  const onWorker = (i: number) => Math.floor(i / SHARE_RUN) % 2 === 0;
  try {
    const deflated: Array<Promise<DeflatedEntry>> = [];
    const entry = (index: number): Promise<DeflatedEntry> | DeflatedEntry => {
      for (let i = deflated.length; i < Math.min(names.length, index + DEFLATE_AHEAD); i++) {
        if (onWorker(i)) deflated[i] = deflater.deflate(files.get(names[i] as string) as Uint8Array);
        else deflated.length = i + 1;
      }
      deflater.flush();
      if (!onWorker(index)) return deflateEntrySync(files.get(names[index] as string) as Uint8Array);
      const result = deflated[index] as Promise<DeflatedEntry>;
      delete deflated[index];
      return result;
    };
    return await writeEntries(path, names, entry, opts);
  } finally {
    await deflater.close();
  }
}

/**
 * Writes entries already deflated, or being deflated (EntryDeflater), as a zip to `path`, in
 * name order, as writeZipFile does.
 */
export async function writeZipEntries(path: string, entries: ReadonlyMap<string, Promise<DeflatedEntry> | DeflatedEntry>, opts: ZipWriteOptions = {}): Promise<number> {
  const names = [...entries.keys()].sort();
  checkEntryCount(names.length);
  return writeEntries(path, names, async (index) => entries.get(names[index] as string) as Promise<DeflatedEntry> | DeflatedEntry, opts);
}

function checkEntryCount(count: number): void {
  if (count > ZIP_MAX_ENTRIES) throw tooLarge(`${count.toLocaleString('en-US')} files, more than ${ZIP_MAX_ENTRIES.toLocaleString('en-US')}`);
}

async function writeEntries(
  path: string,
  names: readonly string[],
  entryAt: (index: number) => Promise<DeflatedEntry> | DeflatedEntry,
  opts: ZipWriteOptions,
): Promise<number> {
  opts.signal?.throwIfAborted();
  const handle = await open(path, 'wx');
  try {
    let offset = 0;
    const centrals: Buffer[] = [];
    let slice: Buffer[] = [];
    let sliceBytes = 0;
    const flush = async () => {
      await writeAll(handle, slice, sliceBytes);
      slice = [];
      sliceBytes = 0;
    };
    for (const [index, name] of names.entries()) {
      const entry = await entryAt(index);
      const { local, central } = entryHeaders(name, entry, offset);
      const size = local.byteLength + entry.data.byteLength;
      if (offset + size > ZIP_MAX_BYTES) throw tooLarge('it would pass 4 GiB');
      slice.push(local, entry.data);
      sliceBytes += size;
      offset += size;
      centrals.push(central);
      if (sliceBytes >= SLICE_BYTES) {
        await flush();
        opts.signal?.throwIfAborted();
        opts.onProgress?.(index + 1, names.length);
      }
    }
    opts.signal?.throwIfAborted();
    const centralSize = centrals.reduce((n, c) => n + c.byteLength, 0);
    if (offset + centralSize + 22 > ZIP_MAX_BYTES) throw tooLarge('it would pass 4 GiB');
    slice.push(...centrals, endOfCentralDirectory(names.length, centralSize, offset));
    sliceBytes += centralSize + 22;
    await flush();
    opts.onProgress?.(names.length, names.length);
    await handle.sync();
    return offset + centralSize + 22;
  } finally {
    await handle.close();
  }
}

type Handle = Awaited<ReturnType<typeof open>>;

/** writev until every byte is down (a file write may be partial). */
async function writeAll(handle: Handle, buffers: Buffer[], bytes: number): Promise<void> {
  if (bytes === 0) return;
  let pending = buffers;
  let left = bytes;
  while (left > 0) {
    const { bytesWritten } = await handle.writev(pending);
    left -= bytesWritten;
    if (left > 0) pending = [Buffer.concat(pending).subarray(bytesWritten)];
  }
}
