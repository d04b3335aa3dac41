import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EntryTally, refuse, type BundleLimits } from './bundleLimits';

/**
 * Reads a bundle folder under the same policy as a zip: `lstat` so a symbolic link is refused
 * (never followed), names checked, counts and sizes bounded before and after reading.
 */
export async function readFolderEntries(root: string, limits: BundleLimits): Promise<Map<string, Buffer>> {
  const tally = new EntryTally(limits);
  const files = new Map<string, Buffer>();
  const walk = async (relative: string): Promise<void> => {
    const names = (await readdir(relative === '' ? root : join(root, ...relative.split('/')))).sort();
    for (const name of names) {
      const entry = relative === '' ? name : `${relative}/${name}`;
      const full = join(root, ...entry.split('/'));
      const info = await lstat(full);
      if (info.isSymbolicLink()) {
        tally.addName(entry);
        throw refuse(entry, 'the entry is a symbolic link');
      }
      if (info.isDirectory()) {
        tally.addName(`${entry}/`);
        await walk(entry);
        continue;
      }
      tally.addName(entry);
      if (!info.isFile()) throw refuse(entry, 'the entry is not a regular file');
      tally.checkSize(entry, info.size);
      const data = await readFile(full);
      if (data.length !== info.size) throw refuse(entry, 'the file changed size while it was read');
      files.set(entry, data);
    }
  };
  await walk('');
  return files;
}
