import { ServiceError } from '../../../shared/api/errors';

/** Bounds on untrusted bundles, checked before (declared) and while (actual) reading. */
export interface BundleLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed : compressed, per entry. */
  maxRatio: number;
}

/**
 * A bundle the app itself exports must come back in: a zip holds at most 65,535 entries (the
 * writer's limit, about 32,000 articles), and 10,000 signed-off articles are about 270 MB of
 * JSON + Markdown. The total bounds what an import holds in memory at once.
 */
export const DEFAULT_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxEntries: 65_535,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 100,
});

export function resolveLimits(limits?: Partial<BundleLimits>): BundleLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** The one shape every refusal takes: the entry it concerns, then why. */
export function refuse(entry: string, reason: string): ServiceError {
  return new ServiceError('INVALID_INPUT', `${entry}: ${reason}`, { entry, reason });
}

const MB = 1024 * 1024;
export function sizeWords(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${bytes} bytes`;
}

/**
 * The naming policy for entries (zip or folder): relative, forward slashes, no `..` or `.`
 * segments, no drive letter, no backslash, no NUL or other control characters. yauzl applies a
 * subset of these itself; we decode names ourselves so the refusal names the entry in our words.
 */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'an entry has an empty name';
  if (name.includes('\u0000')) return 'the name contains a NUL character';
  if (/[\u0001-\u001f\u007f]/.test(name)) return 'the name contains a control character';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (/^[a-zA-Z]:/.test(name)) return 'the name starts with a drive letter';
  if (name.startsWith('/')) return 'the name is an absolute path';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return 'the name climbs out of the bundle with ".."';
  if (segments.some((s) => s === '' || s === '.')) return 'the name has an empty or "." segment';
  return null;
}

/** Tracks names, count and total size across entries; refuses duplicates and case collisions. */
export class EntryTally {
  private readonly exact = new Set<string>();
  private readonly folded = new Map<string, string>();
  private count = 0;
  private total = 0;

  constructor(private readonly limits: BundleLimits) {}

  addName(name: string): void {
    const problem = entryNameProblem(name);
    if (problem) throw refuse(name, problem);
    if (++this.count > this.limits.maxEntries) throw refuse(name, `the bundle has more than ${this.limits.maxEntries} entries`);
    if (this.exact.has(name)) throw refuse(name, 'the name appears twice in the bundle');
    const key = name.normalize('NFC').toLowerCase();
    const other = this.folded.get(key);
    if (other !== undefined) throw refuse(name, `the name differs from "${other}" only in letter case`);
    this.exact.add(name);
    this.folded.set(key, name);
  }

  /** Declared (or stat'ed) size of one entry, before reading it. */
  checkSize(name: string, bytes: number): void {
    if (bytes > this.limits.maxEntryBytes) {
      throw refuse(name, `the entry is ${sizeWords(bytes)}, over the limit of ${sizeWords(this.limits.maxEntryBytes)}`);
    }
    this.total += bytes;
    if (this.total > this.limits.maxTotalBytes) {
      throw refuse(name, `the bundle is over the limit of ${sizeWords(this.limits.maxTotalBytes)} in total`);
    }
  }
}
