import { promises as fsp } from 'node:fs';

/** The part of a FileHandle the store uses: write, fsync, close. */
export interface FileHandleLike {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StatLike {
  size: number;
  mtimeMs: number;
  /** The inode: a file replaced by rename (what editors and sync tools do) gets a new one. */
  ino?: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

/**
 * Every file-system call the store makes goes through this seam, so a test can record the
 * order of the calls or make any one of them fail (ENOSPC, EIO, EACCES, EBUSY …).
 */
export interface FsLayer {
  /** Opens a file (`'wx'` for a new temp file or the lock) or a folder (`'r'`, to fsync it). */
  open(path: string, flags: string): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  /**
   * A second name for a file; fails with EEXIST when `to` exists (never replaces it). Optional: a
   * layer without it creates new files by a check and a rename (writeFilesDurable).
   */
  link?(from: string, to: string): Promise<void>;
  readFile(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<StatLike>;
  /** Makes a folder (and its parents); `false` when it was there already (a layer may answer nothing). */
  mkdir(path: string): Promise<boolean | void>;
  unlink(path: string): Promise<void>;
  rm(path: string): Promise<void>;
}

/** The real file system. */
export const nodeFs: FsLayer = {
  open: (path, flags) => fsp.open(path, flags),
  rename: (from, to) => fsp.rename(from, to),
  link: (from, to) => fsp.link(from, to),
  readFile: (path) => fsp.readFile(path, 'utf8'),
  readdir: (path) => fsp.readdir(path),
  stat: (path) => fsp.stat(path),
  // Node answers the first folder it made, or undefined when there was nothing to make.
  mkdir: async (path) => (await fsp.mkdir(path, { recursive: true })) !== undefined,
  unlink: (path) => fsp.unlink(path),
  rm: (path) => fsp.rm(path, { recursive: true, force: true }),
};

/** The errno code of a Node file-system error, if it has one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
