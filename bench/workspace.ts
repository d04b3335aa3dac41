/** Writes a synthetic workspace to disk and gives the store a file-system layer that counts bytes. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Comparison } from '../src/shared/model/comparison';
import type { Person } from '../src/shared/model/person';
import { stableStringify } from '../src/main/store/durableWrite';
import { contentHash } from '../src/main/bundle/contentHash';
import { nodeFs, type FsLayer } from '../src/main/store/fsLayer';
import { WorkspaceStore } from '../src/main/store/WorkspaceStore';

/**
 * Creates a workspace at `dir` the way the app does (settings, folders, lock released), then
 * writes the records' files directly, in the store's own deterministic format: 10,000 durable
 * saves would take minutes and measure nothing the save benchmark does not.
 */
export async function writeWorkspace(dir: string, people: readonly Person[], comparisons: readonly Comparison[]): Promise<void> {
  const store = await WorkspaceStore.open(dir, { create: true, seed: false });
  await store.close();
  await mkdir(join(dir, 'comparisons'), { recursive: true });
  await mkdir(join(dir, 'people'), { recursive: true });
  const jobs: Array<[string, string]> = [
    ...people.map((p): [string, string] => [join(dir, 'people', `${p.id}.json`), stableStringify(p)]),
    ...comparisons.map((c): [string, string] => [join(dir, 'comparisons', `${c.id}.json`), stableStringify(c)]),
  ];
  // A signed-off article has the snapshot its sign-off took (history/<id>/<revision>.json).
  for (const c of comparisons) {
    const signOff = c.review?.signOff as { by: string; at: string } | null | undefined;
    if (!signOff) continue;
    await mkdir(join(dir, 'history', c.id), { recursive: true });
    const snapshot = { at: signOff.at, by: signOff.by, reason: 'sign-off', kind: 'comparison', contentHash: contentHash(c), record: c };
    jobs.push([join(dir, 'history', c.id, `${c.revision}.json`), stableStringify(snapshot)]);
  }
  for (let i = 0; i < jobs.length; i += 64) {
    await Promise.all(jobs.slice(i, i + 64).map(([file, text]) => writeFile(file, text)));
  }
}

/** nodeFs, counting the bytes written through it and the writes still in flight. */
export class CountingFs {
  bytes = 0;
  /** Of `bytes`, those written to the index cache (.versus-desk/index.json). */
  indexBytes = 0;
  inFlight = 0;
  lastActivity = 0;
  readonly fs: FsLayer;

  constructor(base: FsLayer = nodeFs) {
    this.fs = {
      ...base,
      open: async (path, flags) => {
        const handle = await base.open(path, flags);
        if (flags === 'r') return handle;
        this.inFlight++;
        this.lastActivity = performance.now();
        return {
          writeFile: async (data, encoding) => {
            const n = Buffer.byteLength(data, encoding);
            this.bytes += n;
            if (path.includes('index.json')) this.indexBytes += n;
            return handle.writeFile(data, encoding);
          },
          sync: () => handle.sync(),
          close: async () => {
            try {
              await handle.close();
            } finally {
              this.inFlight--;
              this.lastActivity = performance.now();
            }
          },
        };
      },
    };
  }

  /** Resolves once no write has been in flight for `quietMs`. */
  async settle(quietMs: number): Promise<void> {
    for (;;) {
      await new Promise((done) => setTimeout(done, quietMs));
      if (this.inFlight === 0 && performance.now() - this.lastActivity >= quietMs) return;
    }
  }
}
