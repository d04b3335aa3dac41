import { WorkspaceStore } from '../src/main/store/WorkspaceStore';

/** RSS of this process once it opened the workspace, read its list and built its search index (after GC). */
export async function mainMemory(dir: string): Promise<number> {
  const store = await WorkspaceStore.open(dir);
  await store.searchReady();
  store.listComparisons();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((done) => setTimeout(done, 50));
  gc?.();
  const rss = process.memoryUsage().rss;
  await store.close();
  return rss;
}
