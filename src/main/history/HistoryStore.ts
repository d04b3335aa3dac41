import { join } from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../../shared/api/errors';
import { comparisonSchema, type Comparison } from '../../shared/model/comparison';
import { isoDateTimeSchema } from '../../shared/model/ids';
import { personSchema, type Person } from '../../shared/model/person';
import { contentHash } from '../bundle/contentHash';
import { stableStringify, syncFolder } from '../store/durableWrite';
import { errnoCode, nodeFs, type FsLayer } from '../store/fsLayer';
import { secureJsonParse } from '../store/secureJsonParse';
import { personContentHashOf } from '../../shared/review/parts';

/** Why a snapshot was taken; the review issue adds its own reasons. */
export type HistoryReason = 'import' | 'export' | 'restore' | 'submit' | 'approve' | 'request-changes' | 'sign-off' | 'before-import' | 'before-restore' | 'autosave';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const snapshotSchema = z.strictObject({
  at: isoDateTimeSchema,
  by: z.string(),
  reason: z.string(),
  kind: z.enum(['comparison', 'person']),
  contentHash: sha,
  /** For an imported article: the lineage it arrived with (see lineage()). */
  lineage: z.array(sha).max(50).optional(),
  record: z.unknown(),
});
export type HistorySnapshot =
  | (Omit<z.infer<typeof snapshotSchema>, 'record' | 'kind'> & { kind: 'comparison'; record: Comparison })
  | (Omit<z.infer<typeof snapshotSchema>, 'record' | 'kind'> & { kind: 'person'; record: Person });

export interface HistoryEntry {
  revision: number;
  at: string;
  by: string;
  reason: string;
  contentHash: string;
}

export interface SnapshotInput {
  kind: 'comparison' | 'person';
  record: Comparison | Person;
  reason: HistoryReason;
  by: string;
  at: Date;
  lineage?: string[];
}

/** What a snapshot call wrote, so an import that fails can take it back. */
export interface SnapshotWrite {
  path: string;
  /** False when a snapshot of that revision already existed (snapshots are never rewritten). */
  created: boolean;
  /** The record's history folder was created by this call. */
  createdFolder: string | null;
}

export const LINEAGE_MAX = 50;

/** The hash a person's snapshot carries: their visible content. */
export function personContentHash(p: Person): string {
  return personContentHashOf(p);
}

/**
 * Snapshots of records in `history/<id>/<revision>.json`, each written once (`wx`) and fsynced,
 * never rewritten: `{ at, by, reason, kind, contentHash, record, lineage? }`.
 */
export class HistoryStore {
  constructor(
    readonly root: string,
    private readonly fs: FsLayer = nodeFs,
  ) {}

  /** The history of an open workspace, writing through the store's file-system layer. */
  static forStore(store: { path: string; fsLayer: FsLayer }): HistoryStore {
    return new HistoryStore(store.path, store.fsLayer);
  }

  private folder(id: string): string {
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) throw new ServiceError('INVALID_INPUT', `Not a record id: ${id}`);
    return join(this.root, 'history', id);
  }

  /** Revisions with a snapshot, oldest first. */
  async list(id: string): Promise<HistoryEntry[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.folder(id));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return [];
      throw error;
    }
    const revisions = names
      .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
      .filter((r): r is string => r !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const out: HistoryEntry[] = [];
    for (const revision of revisions) {
      const s = await this.readMeta(id, revision).catch(() => null);
      if (s) out.push({ revision, at: s.at, by: s.by, reason: s.reason, contentHash: s.contentHash });
    }
    return out;
  }

  /**
   * A snapshot's header (who, when, why, hashes, lineage) without validating the record it holds:
   * listing and lineage need only that, and a full record check costs most of an export's time.
   */
  private async readMeta(id: string, revision: number): Promise<Omit<z.infer<typeof snapshotSchema>, 'record'>> {
    const text = await this.fs.readFile(join(this.folder(id), `${revision}.json`));
    const { record: _record, ...meta } = snapshotSchema.parse(secureJsonParse(text));
    return meta;
  }

  async read(id: string, revision: number): Promise<HistorySnapshot> {
    const file = join(this.folder(id), `${revision}.json`);
    let text: string;
    try {
      text = await this.fs.readFile(file);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') throw new ServiceError('NOT_FOUND', `No snapshot of revision ${revision}.`, { id, revision });
      throw error;
    }
    const raw = snapshotSchema.parse(secureJsonParse(text));
    if (raw.kind === 'comparison') return { ...raw, kind: 'comparison', record: comparisonSchema.parse(raw.record) };
    return { ...raw, kind: 'person', record: personSchema.parse(raw.record) };
  }

  /** Takes a snapshot of a record at its revision; an existing snapshot of that revision is kept as it is. */
  async snapshot(input: SnapshotInput): Promise<SnapshotWrite> {
    const folder = this.folder(input.record.id);
    const path = join(folder, `${input.record.revision}.json`);
    const hash = input.kind === 'comparison' ? contentHash(input.record as Comparison) : personContentHash(input.record as Person);
    const data: Record<string, unknown> = { at: input.at.toISOString(), by: input.by, reason: input.reason, kind: input.kind, contentHash: hash, record: input.record };
    if (input.lineage) data.lineage = input.lineage.slice(0, LINEAGE_MAX);
    let createdFolder: string | null = null;
    const folderExists = await this.fs.stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!folderExists) {
      await this.fs.mkdir(folder);
      createdFolder = folder;
    }
    try {
      const handle = await this.fs.open(path, 'wx');
      try {
        await handle.writeFile(stableStringify(data), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') return { path, created: false, createdFolder };
      await this.fs.unlink(path).catch(() => undefined);
      if (createdFolder) await this.fs.rm(createdFolder).catch(() => undefined);
      throw error;
    }
    await syncFolder(folder, this.fs);
    return { path, created: true, createdFolder };
  }

  /** Takes back snapshots written by a failed import (newest first). */
  async undo(writes: readonly SnapshotWrite[]): Promise<void> {
    for (const w of [...writes].reverse()) {
      if (w.created) await this.fs.unlink(w.path).catch(() => undefined);
      if (w.createdFolder) await this.fs.rm(w.createdFolder).catch(() => undefined);
    }
  }

  /**
   * The lineage of an article: its current content hash, then for each snapshot, newest first,
   * its hash and the lineage it arrived with (imports), without repeats, at most 50. Two
   * workspaces share a base when their lineages share a hash.
   */
  async lineage(c: Comparison): Promise<string[]> {
    const out = [contentHash(c)];
    const add = (h: string) => {
      if (out.length < LINEAGE_MAX && !out.includes(h)) out.push(h);
    };
    const entries = (await this.list(c.id)).reverse();
    for (const entry of entries) {
      if (out.length >= LINEAGE_MAX) break;
      add(entry.contentHash);
      const s = await this.readMeta(c.id, entry.revision).catch(() => null);
      for (const h of s?.lineage ?? []) add(h);
    }
    return out;
  }

  /** The newest snapshot of a comparison whose content hash is in `hashes`, or null. */
  async commonBase(id: string, hashes: readonly string[]): Promise<Comparison | null> {
    const wanted = new Set(hashes);
    for (const entry of (await this.list(id)).reverse()) {
      if (!wanted.has(entry.contentHash)) continue;
      const s = await this.read(id, entry.revision).catch(() => null);
      if (s?.kind === 'comparison') return s.record;
    }
    return null;
  }
}
