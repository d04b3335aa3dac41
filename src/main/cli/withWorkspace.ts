import { ServiceError } from '../../shared/api/errors';
import { WorkspaceStore, type OpenOptions } from '../store/WorkspaceStore';
import { CliError } from './CliError';
import type { CliIo } from './CliIo';

/**
 * Opens a workspace with its lock (so a workspace open in the app is refused, not written
 * under it), runs `task`, and always closes it again, releasing the lock. What the open found
 * and said (a file quarantined, an import cut short and taken back, a stale lock released) goes
 * to stderr first, a line each, as the app shows it above the page.
 */
export async function withWorkspace<T>(dir: string, io: Pick<CliIo, 'err'>, task: (store: WorkspaceStore) => Promise<T>, opts: OpenOptions = {}): Promise<T> {
  let store: WorkspaceStore;
  try {
    store = await WorkspaceStore.open(dir, opts);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'LOCKED') {
      throw new CliError(`The workspace ${dir} is locked: ${error.message}. Close it in Versus Desk and try again.`);
    }
    throw error;
  }
  for (const notice of store.info().notices) io.err(`versus-desk: ${notice.message}${notice.file ? ` (${notice.file})` : ''}\n`);
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}
