import { basename } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ServiceError } from '../../../shared/api/errors';
import { EntryTally, refuse, sizeWords, type BundleLimits } from './bundleLimits';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UTF8_FLAG = 0x800;

/**
 * Reads every file entry of a zip into memory under the limits (bundles are small; the limits
 * keep them so). yauzl parses the central directory, refuses corrupt or truncated archives and
 * (validateEntrySizes) any entry whose data is longer or shorter than its declared size; the
 * policy — names, links, counts, sizes, ratio — is ours and checked before any data is inflated.
 */
export async function readZipEntries(path: string, limits: BundleLimits): Promise<Map<string, Buffer>> {
  const label = basename(path);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
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
      files.set(name, await readEntry(zip, entry, name, limits));
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

function readEntry(zip: ZipFile, entry: Entry, name: string, limits: BundleLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(refuse(name, `the entry cannot be read (${messageOf(error)})`));
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Belt and braces: yauzl stops at the declared size, which was already checked.
        if (bytes > limits.maxEntryBytes) {
          stream.destroy(refuse(name, `the entry is over the limit of ${sizeWords(limits.maxEntryBytes)}`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (e: unknown) => {
        if (e instanceof ServiceError) return reject(e);
        const message = messageOf(e);
        const lies = /too many bytes|not enough bytes/i.test(message);
        reject(refuse(name, lies ? `its size is not the one the zip declares (${message})` : `the entry data is damaged (${message})`));
      });
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
