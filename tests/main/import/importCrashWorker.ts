/**
 * The child of importCrash.test.ts: imports a bundle into a workspace and is killed (SIGKILL) by
 * the parent at a chosen point, which it reports over IPC and then waits at for ever:
 * - `mid`: once two batches of articles are written, the import half done;
 * - `rollback`: the import fails at its very end, and the kill lands while it is being taken
 *   back (removing its snapshots), so neither the import nor its rollback finished.
 */
import { applyImport, planImport, readBundle } from '../../../src/main/bundle/import';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';

const [dir, bundle, mode] = process.argv.slice(2) as [string, string, 'mid' | 'rollback'];
const forever = () => new Promise<never>(() => undefined);
const reached = () => process.send?.({ type: 'reached' });

let rollingBack = false;
const fs: FsLayer = {
  ...nodeFs,
  unlink: async (path) => {
    if (rollingBack && path.includes('/history/')) {
      reached();
      return forever();
    }
    return nodeFs.unlink(path);
  },
};

const store = await WorkspaceStore.open(dir, { fs });
const history = HistoryStore.forStore(store);
const contents = await readBundle(bundle);
const plan = await planImport(store, contents, history);
await applyImport(store, contents, plan, {}, {
  by: 'crash test',
  now: new Date(Date.UTC(2026, 0, 1)),
  history,
  articleBatch: 8,
  onProgress: async (done, total) => {
    if (mode === 'mid' && done >= 16 && done < total) {
      reached();
      await forever();
    }
    if (mode === 'rollback' && total > 0 && done === total) {
      rollingBack = true;
      throw new Error('disk full (test)');
    }
  },
});
process.send?.({ type: 'finished' });
