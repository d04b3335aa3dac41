import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { EntryTally, refuse, sizeWords, type BundleLimits } from './bundleLimits';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UTF8_FLAG = 0x800;

/** Bytes of headers allowed per entry on top of the content limit, when sizing the zip file itself. */
const HEADER_ALLOWANCE = 1024;
/** zlib's smallest output chunk (zlib.constants.Z_MIN_CHUNK). */
const MIN_CHUNK = 64;
/** The largest output chunk asked for: an entry that lies about a large size gets no large buffer up front. */
const MAX_CHUNK = 1024 * 1024;

/**
 * Reads every file entry of a zip into memory under the limits (bundles are small; the limits
 * keep them so). The zip file is read whole (refused first if it is larger than the limits
 * allow); yauzl parses its central directory and local headers and refuses corrupt or
 * truncated archives; the policy — names, links, counts, sizes, ratio — is ours and checked
 * before any data is inflated. Each entry is inflated in one synchronous call bounded by its
 * declared size (a longer or shorter entry is refused, as is a CRC-32 mismatch): per-entry
 * inflate streams cost ~20× more than the inflating itself for thousands of small files.
 */
export async function readZipEntries(path: string, limits: BundleLimits): Promise<Map<string, Buffer>> {
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
    const files = new Map<string, Buffer>();
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
      files.set(name, await readEntry(zip, buffer, entry, name));
    }
    return files;
  } finally {
    zip.close();
  }
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

/** The entry's data, inflated within its declared size and checked against its declared size and CRC-32. */
async function readEntry(zip: ZipFile, buffer: Buffer, entry: Entry, name: string): Promise<Buffer> {
  if (entry.isEncrypted()) throw refuse(name, 'the entry is encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw refuse(name, `the entry uses compression method ${entry.compressionMethod}; only stored and deflated entries are read`);
  }
  let start: number;
  try {
    ({ fileDataStart: start } = await zip.readLocalFileHeaderPromise(entry, { minimal: true }));
  } catch (error) {
    throw refuse(name, `the entry cannot be read (${messageOf(error)})`);
  }
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw refuse(name, 'the entry data runs past the end of the zip: it is truncated or damaged');
  const raw = buffer.subarray(start, end);
  let data: Buffer;
  if (entry.compressionMethod === 0) {
    data = raw;
  } else {
    try {
      // Never more than the declared size (already checked against the limits) comes out. One output
      // chunk a byte larger than the declared size (up to 1 MiB): an entry of the size it declares
      // comes out in a single buffer in one call (not 16 KiB chunks joined), and a longer one still
      // overruns maxOutputLength.
      const chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, entry.uncompressedSize + 1));
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize), chunkSize });
    } catch (error) {
      const tooLong = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
      throw refuse(name, tooLong ? 'its size is not the one the zip declares (too many bytes)' : `the entry data is damaged (${messageOf(error)})`);
    }
  }
  if (data.length !== entry.uncompressedSize) {
    throw refuse(name, `its size is not the one the zip declares (${data.length > entry.uncompressedSize ? 'too many' : 'not enough'} bytes)`);
  }
  if (crc32(data) !== entry.crc32) throw refuse(name, 'the entry data is damaged (its CRC-32 does not match)');
  // A copy, so the entry does not keep the whole zip's buffer alive.
  return entry.compressionMethod === 0 ? Buffer.from(data) : data;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
