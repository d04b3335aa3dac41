import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import type { Channel } from '../../src/shared/api/channels';
import { nodeFs, type FileHandleLike, type FsLayer } from '../../src/main/store/fsLayer';
import { Services } from '../../src/main/services/Services';

const made: string[] = [];
const running: Services[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'versus-desk-test-'));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The renderer as the dispatcher sees it. */
export const APP_SENDER = { url: 'app://versus-desk/index.html' };

/**
 * A seeded workspace on disk behind the real dispatcher, as the renderer reaches it (closed after
 * the test): `dispatch` returns the result envelope, `call` its value or throws its error.
 */
export async function seededDispatcher() {
  const dir = join(await tempDir(), 'ws');
  const emit = vi.fn();
  const services = await Services.create({ workspaceDir: dir, create: true, seed: true, emit, openExternal: vi.fn(), chooseFolder: vi.fn() });
  running.push(services);
  const dispatch = createDispatcher(services, { isTrustedSender: (s) => s.url.startsWith('app://versus-desk/') });
  const call = async <T>(channel: Channel, input: unknown): Promise<T> => {
    const result = await dispatch(channel, input, APP_SENDER);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  return { dir, services, dispatch, call, emit };
}

export interface FsCall {
  op: string;
  path: string;
  to?: string;
  flags?: string;
}

/** The real file system, recording every call (handle calls carry the path they were opened with). */
export function recordingFs(calls: FsCall[], base: FsLayer = nodeFs): FsLayer {
  const wrapHandle = (path: string, handle: FileHandleLike): FileHandleLike => ({
    writeFile: async (data, enc) => {
      calls.push({ op: 'write', path });
      return handle.writeFile(data, enc);
    },
    sync: async () => {
      calls.push({ op: 'sync', path });
      return handle.sync();
    },
    close: async () => {
      calls.push({ op: 'close', path });
      return handle.close();
    },
  });
  return {
    open: async (path, flags) => {
      calls.push({ op: 'open', path, flags });
      return wrapHandle(path, await base.open(path, flags));
    },
    rename: async (from, to) => {
      calls.push({ op: 'rename', path: from, to });
      return base.rename(from, to);
    },
    readFile: async (path) => {
      calls.push({ op: 'readFile', path });
      return base.readFile(path);
    },
    readdir: async (path) => {
      calls.push({ op: 'readdir', path });
      return base.readdir(path);
    },
    stat: async (path) => {
      calls.push({ op: 'stat', path });
      return base.stat(path);
    },
    mkdir: async (path) => {
      calls.push({ op: 'mkdir', path });
      return base.mkdir(path);
    },
    unlink: async (path) => {
      calls.push({ op: 'unlink', path });
      return base.unlink(path);
    },
    rm: async (path) => {
      calls.push({ op: 'rm', path });
      return base.rm(path);
    },
  };
}

export function errnoError(code: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: simulated failure`) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}

/**
 * The real file system, refusing a read with EMFILE while `limit` reads are already open, as a
 * process at its limit on open files does; `peak()`: the most reads open at once.
 */
export function openReadLimit(limit: number, base: FsLayer = nodeFs): { fs: FsLayer; peak: () => number } {
  let open = 0;
  let peak = 0;
  return {
    fs: {
      ...base,
      readFile: async (path) => {
        if (open >= limit) throw errnoError('EMFILE');
        open++;
        peak = Math.max(peak, open);
        try {
          return await base.readFile(path);
        } finally {
          open--;
        }
      },
    },
    peak: () => peak,
  };
}

export type Step = 'open-temp' | 'write' | 'sync' | 'close' | 'rename' | 'dir-fsync';

/** The real file system, failing the given step of a durable write with `code` (once armed). */
export function failingFs(step: Step, code: string): { fs: FsLayer; arm(): void } {
  let armed = false;
  const fail = (s: Step) => {
    if (armed && s === step) throw errnoError(code);
  };
  const isTemp = (path: string) => path.endsWith('.tmp');
  const fs: FsLayer = {
    ...nodeFs,
    open: async (path, flags) => {
      const isDir = flags === 'r';
      if (isDir) fail('dir-fsync');
      else if (isTemp(path)) fail('open-temp');
      const handle = await nodeFs.open(path, flags);
      if (!isTemp(path) && !isDir) return handle;
      return {
        writeFile: async (data, enc) => {
          if (!isDir) fail('write');
          return handle.writeFile(data, enc);
        },
        sync: async () => {
          if (!isDir) fail('sync');
          return handle.sync();
        },
        close: async () => {
          await handle.close();
          if (!isDir) fail('close');
        },
      };
    },
    rename: async (from, to) => {
      fail('rename');
      return nodeFs.rename(from, to);
    },
  };
  return { fs, arm: () => (armed = true) };
}

/** Services over a fresh seeded workspace with inert dialogs and events (no index writes during the test). */
export async function seededServices(): Promise<{ dir: string; services: Services }> {
  const dir = join(await tempDir(), 'ws');
  const services = await Services.create({
    workspaceDir: dir,
    create: true,
    seed: true,
    indexDelayMs: 60_000,
    chooseFolder: async () => null,
    openExternal: async () => undefined,
    emit: () => undefined,
  });
  return { dir, services };
}

/** Every file under a folder with its bytes, to prove nothing was written. */
export async function fileSnapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path, (await readFile(path)).toString('base64'));
  }
  return out;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Valid ids in increasing order (01J…0, 01J…1, …), one per call of the function returned. */
export function sequentialIds(): () => string {
  let counter = 0;
  return () => {
    let n = counter++;
    let tail = '';
    for (let i = 0; i < 8; i++, n = Math.floor(n / 32)) tail = CROCKFORD[n % 32] + tail;
    return `01J${'0'.repeat(15)}${tail}`;
  };
}
