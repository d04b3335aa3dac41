import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { EntryTally, refuse, sizeWords, type BundleLimits } from './bundleLimits';
import { entryData } from './entryData';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UTF8_FLAG = 0x800;

/** Bytes of headers allowed per entry on top of the content limit, when sizing the zip file itself. */
const HEADER_ALLOWANCE = 1024;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/** A file entry of a zip, policy-checked, located: its data is `buffer[start, start + compressedSize)`. */
export interface ZipEntryRef {
  name: string;
  start: number;
  compressedSize: number;
  /** The declared uncompressed size (checked against the limits; the data is checked against it as it is read). */
  size: number;
  crc: number;
  method: 0 | 8;
}

/** A zip read whole and its file entries listed under the limits, no data inflated yet. */
export interface ListedZip {
  buffer: Buffer;
  /** File entries by name, in the zip's order. */
  entries: Map<string, ZipEntryRef>;
}

/**
 * Reads a zip and lists its file entries under the limits (bundles are small; the limits keep
 * them so). The zip file is read whole (refused first if it is larger than the limits allow);
 * yauzl parses its central directory and refuses corrupt or truncated archives; the policy —
 * names, links, counts, sizes, ratio, encryption, compression method — is ours and checked for
 * every entry before any data is inflated. Each entry's local header is read from the buffer
 * here (as yauzl's minimal readLocalFileHeader reads it), in one pass: an awaited call per entry
 * cost more than inflating it for thousands of small files.
 */
export async function listZip(path: string, limits: BundleLimits): Promise<ListedZip> {
  const label = basename(path);
  const info = await stat(path).catch(() => null);
  const maxFileBytes = limits.maxTotalBytes + limits.maxEntries * HEADER_ALLOWANCE + 65_536;
  if (info && info.size > maxFileBytes) throw refuse(label, `the zip file is ${sizeWords(info.size)}, more than the limits allow (${sizeWords(maxFileBytes)})`);
  let zip: ZipFile;
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    throw refuse(label, `not a readable zip: it is truncated or damaged (${messageOf(error)})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw refuse(label, `the bundle has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    }
    const tally = new EntryTally(limits);
    const entries = new Map<string, ZipEntryRef>();
    for (;;) {
      const entry = await nextEntry(zip, label);
      if (!entry) break;
      const name = decodeName(entry, label);
      tally.addName(name);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) throw refuse(name, 'the entry is a symbolic link');
      if (name.endsWith('/')) continue;
      tally.checkSize(name, entry.uncompressedSize);
      const ratio = entry.compressedSize === 0 ? (entry.uncompressedSize === 0 ? 0 : Infinity) : entry.uncompressedSize / entry.compressedSize;
      if (ratio > limits.maxRatio) {
        throw refuse(name, `the compression ratio is over ${limits.maxRatio}:1 (${sizeWords(entry.uncompressedSize)} from ${sizeWords(entry.compressedSize)})`);
      }
      if (entry.isEncrypted()) throw refuse(name, 'the entry is encrypted');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw refuse(name, `the entry uses compression method ${entry.compressionMethod}; only stored and deflated entries are read`);
      }
      const start = fileDataStart(buffer, entry, name);
      entries.set(name, { name, start, compressedSize: entry.compressedSize, size: entry.uncompressedSize, crc: entry.crc32, method: entry.compressionMethod as 0 | 8 });
    }
    return { buffer, entries };
  } finally {
    zip.close();
  }
}

/**
 * Every file entry of a zip in memory, inflated on this thread and checked against its declared
 * size and CRC-32 (listZip, then entryData). readBundle reads a bundle through bundleSource.ts instead.
 */
export async function readZipEntries(path: string, limits: BundleLimits): Promise<Map<string, Buffer>> {
  const { buffer, entries } = await listZip(path, limits);
  const files = new Map<string, Buffer>();
  for (const ref of entries.values()) {
    const read = entryData({ raw: zipData(buffer, ref), method: ref.method, size: ref.size, crc: ref.crc, want: { data: true } });
    if (read.reason !== undefined) throw refuse(ref.name, read.reason);
    const data = read.data as Buffer;
    // A copy, so the entry does not keep the whole zip's buffer alive.
    files.set(ref.name, ref.method === 0 ? Buffer.from(data) : data);
  }
  return files;
}

/** The entry's data as the zip holds it (a view into the zip's buffer). */
export function zipData(buffer: Buffer, ref: ZipEntryRef): Buffer {
  return buffer.subarray(ref.start, ref.start + ref.compressedSize);
}

/** Where an entry's data starts, from its local header (yauzl's readLocalFileHeader with `minimal`, and its checks). */
function fileDataStart(buffer: Buffer, entry: Entry, name: string): number {
  const offset = entry.relativeOffsetOfLocalHeader;
  if (offset + LOCAL_HEADER_BYTES > buffer.length) throw refuse(name, 'the entry cannot be read (unexpected EOF)');
  const signature = buffer.readUInt32LE(offset);
  if (signature !== LOCAL_HEADER_SIGNATURE) throw refuse(name, `the entry cannot be read (invalid local file header signature: 0x${signature.toString(16)})`);
  const start = offset + LOCAL_HEADER_BYTES + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
  if (start + entry.compressedSize > buffer.length) throw refuse(name, 'the entry data runs past the end of the zip: it is truncated or damaged');
  return start;
}

function nextEntry(zip: ZipFile, label: string): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: unknown) => (cleanup(), reject(refuse(label, `the zip is damaged (${messageOf(error)})`)));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/** Names are UTF-8 when the zip says so (yazl always does); otherwise only ASCII is accepted. */
function decodeName(entry: Entry, label: string): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  const utf8 = (entry.generalPurposeBitFlag & UTF8_FLAG) !== 0;
  try {
    if (utf8) return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw refuse(`${label} (an entry)`, 'an entry name is not valid UTF-8');
  }
  const text = raw.toString('latin1');
  if (/[^\x00-\x7f]/.test(text)) throw refuse(text, 'the name is not ASCII and the zip does not mark it as UTF-8');
  return text;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
