import { dirname } from 'node:path';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';

/** The steps of one durable save (writeFileDurable), in order. */
export const SAVE_STEPS = ['open', 'write', 'fsync', 'rename', 'folder-fsync'] as const;
export type SaveStep = (typeof SAVE_STEPS)[number];

export function errnoError(code: string, syscall: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: simulated ${syscall} failure`) as NodeJS.ErrnoException;
  error.code = code;
  error.syscall = syscall;
  return error;
}

export interface FaultyFs {
  fs: FsLayer;
  /** Starts failing `step` with `code`: only the next time (`once`) or every time (`persistent`), after `skip` passes. */
  arm(mode: 'once' | 'persistent', skip?: number): void;
  /** How many times the fault fired. */
  fired(): number;
}

/**
 * The real file system, failing one step of the durable saves into `folder` (a record folder,
 * so the lock and the index cache elsewhere keep working).
 */
export function faultyFs(folder: string, step: SaveStep, code: string): FaultyFs {
  let mode: 'off' | 'once' | 'persistent' = 'off';
  let skip = 0;
  let fired = 0;
  const hit = (s: SaveStep, syscall: string) => {
    if (mode === 'off' || s !== step) return;
    if (skip > 0) {
      skip--;
      return;
    }
    fired++;
    if (mode === 'once') mode = 'off';
    throw errnoError(code, syscall);
  };
  const isTemp = (path: string) => dirname(path) === folder && path.endsWith('.tmp');
  const fs: FsLayer = {
    ...nodeFs,
    open: async (path, flags) => {
      const isFolder = path === folder && flags === 'r';
      if (!isTemp(path) && !isFolder) return nodeFs.open(path, flags);
      if (!isFolder) hit('open', 'open');
      const handle = await nodeFs.open(path, flags);
      return {
        writeFile: async (data, encoding) => {
          hit('write', 'write');
          return handle.writeFile(data, encoding);
        },
        sync: async () => {
          hit(isFolder ? 'folder-fsync' : 'fsync', 'fsync');
          return handle.sync();
        },
        close: () => handle.close(),
      };
    },
    rename: async (from, to) => {
      if (isTemp(from)) hit('rename', 'rename');
      return nodeFs.rename(from, to);
    },
  };
  return {
    fs,
    arm: (m, n = 0) => {
      mode = m;
      skip = n;
    },
    fired: () => fired,
  };
}
