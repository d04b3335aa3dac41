import { ServiceError } from '../../shared/api/errors';
import { WorkspaceStore, type OpenOptions } from '../store/WorkspaceStore';
import { CliError } from './CliError';

/**
 * Opens a workspace with its lock (so a workspace open in the app is refused, not written
 * under it), runs `task`, and always closes it again, releasing the lock.
 */
export async function withWorkspace<T>(dir: string, task: (store: WorkspaceStore) => Promise<T>, opts: OpenOptions = {}): Promise<T> {
  let store: WorkspaceStore;
  try {
    store = await WorkspaceStore.open(dir, opts);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'LOCKED') {
      throw new CliError(`The workspace ${dir} is locked: ${error.message}. Close it in Versus Desk and try again.`);
    }
    throw error;
  }
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}
