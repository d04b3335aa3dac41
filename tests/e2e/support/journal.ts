import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The texts of the hot-exit journals on disk (`.versus-desk/journal/<prefix>*.json`). A journal
 * removed between the listing and its read (the app dropping it after a save or a discard) is
 * gone, not an error: the tests poll this while the app works.
 */
export async function journalTexts(workspaceDir: string, prefix = ''): Promise<string[]> {
  const dir = join(workspaceDir, '.versus-desk', 'journal');
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.json'))
      .map((n) =>
        readFile(join(dir, n), 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        }),
      ),
  );
  return texts.filter((t): t is string => t !== null);
}
