/** A record as last read or written, with its file's size and mtime at that moment. */
export interface RecentRecord<T> {
  record: T;
  size: number;
  mtimeMs: number;
  ino: number | undefined;
}

/** What a file is recognised by: size, mtime and (where the file system gives one) inode. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino?: number;
}

/**
 * The last few records the store read or wrote, so a save (which must compare with the stored
 * copy) costs a stat instead of a read, parse and schema check when the file is still the one
 * it knows: same size, mtime and inode (the index cache's rule, plus the inode, which a file
 * replaced by rename does not keep). Anything else (another program
 * wrote it, it is gone, it was quarantined) means a real read. Least recently used out first.
 * The records are shared, never handed out: callers clone before giving one away.
 */
export class RecentRecords<T> {
  private readonly items = new Map<string, RecentRecord<T>>();

  constructor(private readonly capacity = 32) {}

  /** The record if its file still has this size and mtime; otherwise forgets it. */
  match(id: string, stat: FileIdentity | null): T | null {
    const item = this.items.get(id);
    if (!item) return null;
    if (!stat || stat.size !== item.size || stat.mtimeMs !== item.mtimeMs || stat.ino !== item.ino) {
      this.items.delete(id);
      return null;
    }
    // Most recently used last.
    this.items.delete(id);
    this.items.set(id, item);
    return item.record;
  }

  has(id: string): boolean {
    return this.items.has(id);
  }

  remember(id: string, record: T, stat: FileIdentity): void {
    this.items.delete(id);
    if (stat.size < 0 || stat.mtimeMs < 0) return;
    this.items.set(id, { record, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino });
    while (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value as string;
      this.items.delete(oldest);
    }
  }

  forget(id: string): void {
    this.items.delete(id);
  }

  get size(): number {
    return this.items.size;
  }
}
