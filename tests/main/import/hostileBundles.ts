import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { buildBundleFiles } from '../../../src/main/bundle/exportBundle';
import { bundleFile, } from '../../../src/main/bundle/manifest';
import { stableStringify } from '../../../src/main/store/durableWrite';
import type { Manifest } from '../../../src/shared/export/exportSchemas';
import { FIXED_NOW, memorySource, seedRecords } from '../export/exportTestKit';

export type Files = Map<string, Buffer>;

/** A valid bundle's files (the seed article and its people), built in memory. */
export async function validFiles(): Promise<Files> {
  const { comparison, author, editor } = seedRecords();
  const { files } = await buildBundleFiles(memorySource([comparison], [author, editor]), { status: 'any', createdBy: 't', appVersion: '0', now: FIXED_NOW });
  return files;
}

/** Rewrites one file and fixes the manifest's sha256 and byte counts, so only the content is wrong. */
export function replaceFile(files: Files, path: string, data: Buffer): Files {
  const out = new Map(files);
  out.set(path, data);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
  const fix = (list: Manifest['files']) => list.map((f) => (f.path === path ? bundleFile(path, data) : f));
  manifest.files = fix(manifest.files);
  for (const i of manifest.items) i.files = fix(i.files);
  for (const p of manifest.people) p.files = fix(p.files);
  out.set('manifest.json', Buffer.from(stableStringify(manifest)));
  return out;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  mode?: number;
  compress?: boolean;
}

/** A zip of the entries in the given order (yazl, deflated). */
export function zipBuffer(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { mtime: new Date(1980, 0, 1), mode: e.mode ?? 0o100644, compress: e.compress ?? true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export const entriesOf = (files: Files): ZipEntry[] => [...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, data]) => ({ name, data }));

/** Replaces every occurrence of a name in the zip bytes (local and central headers) with one of equal length. */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from, 'utf8');
  const b = Buffer.from(to, 'utf8');
  if (a.length !== b.length) throw new Error('names must have the same byte length');
  const out = Buffer.from(zip);
  for (let at = out.indexOf(a); at >= 0; at = out.indexOf(a, at + 1)) b.copy(out, at);
  return out;
}

/** Sets the declared uncompressed size of an entry in both its local and central header. */
export function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name, 'utf8');
  for (let at = 0; at < out.length - 4; at++) {
    const sig = out.readUInt32LE(at);
    if (sig === 0x04034b50 && out.subarray(at + 30, at + 30 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, at + 22);
    if (sig === 0x02014b50 && out.subarray(at + 46, at + 46 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, at + 24);
  }
  return out;
}

export async function writeTemp(dir: string, name: string, data: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}
