import { sha256Hex } from '../contentHash';
import { refuse, type BundleLimits } from './bundleLimits';
import { entryData } from './entryData';
import { readFolderEntries } from './folderEntries';
import { listZip, zipData } from './zipEntries';

/** One file of a bundle as readBundle checks it. */
export interface SourceFile {
  name: string;
  /** Its size in bytes (as read). */
  bytes: number;
  sha256: string;
  /** Its text, for a `.json` file (null when it is not valid UTF-8); not kept for other files. */
  text?: string | null;
}

/**
 * A bundle's files, listed up front (names and sizes, every limit checked) and each read when the
 * reader takes it, checked (a zip entry's size and CRC-32) and hashed: a zip's entries are
 * inflated one at a time, so the reader never holds every file's bytes at once.
 */
export interface BundleSource {
  /** Every file's name and size: a zip's declared sizes (each checked as the file is read) or a folder's. */
  readonly sizes: ReadonlyMap<string, number>;
  /** One file (a failure: INVALID_INPUT naming the entry). */
  take(name: string): SourceFile;
}

const isJson = (name: string) => name.endsWith('.json');

/**
 * A zip or a folder, under the limits. (Inflating a zip's entries on a worker thread, a few
 * batches ahead of the reader, was tried on a 10,000-article bundle: no faster on two cores, where
 * the parsing and checking here take longer and the two threads compete for the cores, and it held
 * 120-170 MB more memory.)
 */
export async function openBundleSource(path: string, isFolder: boolean, limits: BundleLimits): Promise<BundleSource> {
  if (isFolder) {
    const files = await readFolderEntries(path, limits);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return {
      sizes: new Map([...files].map(([name, data]) => [name, data.byteLength])),
      take(name) {
        const data = files.get(name);
        if (!data) throw missing(name);
        let text: string | null | undefined;
        if (isJson(name)) {
          try {
            text = decoder.decode(data);
          } catch {
            text = null;
          }
        }
        return { name, bytes: data.byteLength, sha256: sha256Hex(data), ...(text !== undefined ? { text } : {}) };
      },
    };
  }
  const { buffer, entries } = await listZip(path, limits);
  return {
    sizes: new Map([...entries.values()].map((e) => [e.name, e.size])),
    take(name) {
      const ref = entries.get(name);
      if (!ref) throw missing(name);
      const read = entryData({ raw: zipData(buffer, ref), method: ref.method, size: ref.size, crc: ref.crc, want: { sha256: true, text: isJson(name) } });
      if (read.reason !== undefined) throw refuse(name, read.reason);
      return { name, bytes: ref.size, sha256: read.sha256 as string, ...(read.text !== undefined ? { text: read.text } : {}) };
    },
  };
}

function missing(name: string): Error {
  return new Error(`readBundle asked for ${name}, which the bundle does not hold`);
}
