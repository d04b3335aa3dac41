import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleLimits } from '../../../src/main/bundle/import/bundleLimits';
import { readBundle, validateBundle } from '../../../src/main/bundle/import/readBundle';
import { ServiceError } from '../../../src/shared/api/errors';
import { tempDir } from '../storeTestKit';
import { entriesOf, lieAboutSize, renameInZip, replaceFile, validFiles, writeTemp, zipBuffer, type Files } from './hostileBundles';
import { bundleOf, importAll, opened, openStore, treeHash } from './importKit';
import { readZipEntries } from '../../../src/main/bundle/import/zipEntries';
import { resolveLimits } from '../../../src/main/bundle/import/bundleLimits';
import type { Manifest } from '../../../src/shared/export/exportSchemas';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const json = (files: Files, path: string) => JSON.parse(files.get(path)!.toString('utf8')) as Record<string, unknown>;
const asBuffer = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
const ARTICLE = 'comparisons/social-media-vs-social-networking.json';

/** The files with the manifest changed by `edit` (its own entry is not listed, so nothing else needs fixing). */
function withManifest(files: Files, edit: (m: Manifest) => void): Files {
  const m = json(files, 'manifest.json') as unknown as Manifest;
  edit(m);
  return new Map(files).set('manifest.json', asBuffer(m));
}

interface Case {
  name: string;
  make(): Promise<Buffer>;
  entry: string;
  reason: RegExp;
  limits?: Partial<BundleLimits>;
}

const cases: Case[] = [
  { name: 'zip slip (../evil)', make: async () => renameInZip(await zipBuffer([...entriesOf(await validFiles()), { name: 'aa/evil.json', data: Buffer.from('{}') }]), 'aa/evil.json', '../evil.json'), entry: '../evil.json', reason: /climbs out/ },
  { name: 'an absolute path', make: async () => renameInZip(await zipBuffer([{ name: 'xetc/passwd', data: Buffer.from('x') }]), 'xetc/passwd', '/etc/passwd'), entry: '/etc/passwd', reason: /absolute path/ },
  { name: 'a backslash', make: async () => renameInZip(await zipBuffer([{ name: 'dir/evil.txt', data: Buffer.from('x') }]), 'dir/evil.txt', 'dir\\evil.txt'), entry: 'dir\\evil.txt', reason: /backslash/ },
  { name: 'a drive letter', make: async () => renameInZip(await zipBuffer([{ name: 'CC/evil.txt', data: Buffer.from('x') }]), 'CC/evil.txt', 'C:/evil.txt'), entry: 'C:/evil.txt', reason: /drive letter/ },
  { name: 'a NUL in a name', make: async () => renameInZip(await zipBuffer([{ name: 'evilX.txt', data: Buffer.from('x') }]), 'evilX.txt', 'evil\u0000.txt'), entry: 'evil\u0000.txt', reason: /NUL/ },
  { name: 'a symlink entry', make: async () => zipBuffer([{ name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]), entry: 'link', reason: /symbolic link/ },
  { name: 'a duplicate name', make: async () => zipBuffer([...entriesOf(await validFiles()), { name: 'manifest.json', data: Buffer.from('{}') }]), entry: 'manifest.json', reason: /appears twice/ },
  { name: 'case-colliding names', make: async () => zipBuffer([...entriesOf(await validFiles()), { name: 'MANIFEST.json', data: Buffer.from('{}') }]), entry: 'MANIFEST.json', reason: /differs from "manifest.json" only in letter case/ },
  { name: 'more than 5,000 entries (a limit of 5,000)', make: async () => zipBuffer(Array.from({ length: 5001 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x'), compress: false }))), limits: { maxEntries: 5000 }, entry: 'bundle.zip', reason: /5001 entries, more than the limit of 5000/ },
  { name: 'more entries than a small limit', make: async () => zipBuffer(entriesOf(await validFiles())), limits: { maxEntries: 3 }, entry: 'bundle.zip', reason: /more than the limit of 3/ },
  { name: 'an entry over 20 MB (default limit)', make: async () => zipBuffer([{ name: 'big.bin', data: Buffer.alloc(21 * 1024 * 1024) }]), entry: 'big.bin', reason: /21\.0 MB, over the limit of 20\.0 MB/ },
  { name: 'a bomb: compression ratio over 100:1 (default limit)', make: async () => zipBuffer([{ name: 'zeros.bin', data: Buffer.alloc(2 * 1024 * 1024) }]), entry: 'zeros.bin', reason: /compression ratio is over 100:1/ },
  { name: 'over the total size limit', make: async () => zipBuffer(entriesOf(await validFiles())), limits: { maxTotalBytes: 50_000, maxRatio: 1000 }, entry: 'comparisons/social-media-vs-social-networking.md', reason: /over the limit of .* in total/ },
  { name: 'an entry that lies about its size', make: async () => lieAboutSize(await zipBuffer(entriesOf(await validFiles())), 'manifest.json', 100), limits: { maxRatio: 10_000 }, entry: 'manifest.json', reason: /size is not the one the zip declares/ },
  { name: 'stored data that does not match its CRC-32', make: async () => { const z = Buffer.from(await zipBuffer(entriesOf(await validFiles()).map((e) => ({ ...e, compress: false })))); z[z.indexOf('Social media refers')] = 0x73; return z; }, entry: ARTICLE, reason: /CRC-32 does not match/ },
  // The first time the name appears is its local header's copy (30 bytes after the header starts).
  { name: 'an entry whose local header is damaged', make: async () => { const z = Buffer.from(await zipBuffer(entriesOf(await validFiles()))); z[z.indexOf(ARTICLE) - 30] = 0; return z; }, entry: ARTICLE, reason: /cannot be read \(invalid local file header signature/ },
  { name: 'a bad checksum', make: async () => { const f = await validFiles(); const data = Buffer.from(f.get(ARTICLE)!); data[data.indexOf('Social media refers')] = 0x73; f.set(ARTICLE, data); return zipBuffer(entriesOf(f)); }, entry: ARTICLE, reason: /checksum \(sha256\) does not match/ },
  // The Markdown files are checked after the articles they go with are parsed: still refused.
  { name: 'a Markdown file that does not match its checksum', make: async () => { const f = await validFiles(); const md = ARTICLE.replace(/\.json$/, '.md'); const data = Buffer.from(f.get(md)!); data[data.indexOf('Social media')] = 0x73; f.set(md, data); return zipBuffer(entriesOf(f)); }, entry: ARTICLE.replace(/\.json$/, '.md'), reason: /checksum \(sha256\) does not match/ },
  { name: 'a file whose size is not the one the manifest lists', make: async () => { const f = await validFiles(); const md = ARTICLE.replace(/\.json$/, '.md'); f.set(md, Buffer.concat([f.get(md)!, Buffer.from('\nmore')])); return zipBuffer(entriesOf(f)); }, entry: ARTICLE.replace(/\.json$/, '.md'), reason: /bytes; the manifest says/ },
  { name: 'a __proto__ key', make: async () => { const f = await validFiles(); const a = json(f, ARTICLE); const text = JSON.stringify(a, null, 2).replace('{', '{\n  "__proto__": { "polluted": true },'); return zipBuffer(entriesOf(replaceFile(f, ARTICLE, Buffer.from(text)))); }, entry: ARTICLE, reason: /forbidden key "__proto__"/ },
  { name: 'a constructor key', make: async () => { const f = await validFiles(); const p = [...f.keys()].find((k) => k.startsWith('people/'))!; const text = f.get(p)!.toString().replace('{', '{\n  "constructor": { "prototype": 1 },'); return zipBuffer(entriesOf(replaceFile(f, p, Buffer.from(text)))); }, entry: 'people/', reason: /forbidden key "(constructor|prototype)"/ },
  { name: 'invalid JSON', make: async () => zipBuffer(entriesOf(replaceFile(await validFiles(), ARTICLE, Buffer.from('{"format": 1,')))), entry: ARTICLE, reason: /not valid JSON/ },
  { name: 'a schema violation', make: async () => { const f = await validFiles(); const a = json(f, ARTICLE); a.title = ''; return zipBuffer(entriesOf(replaceFile(f, ARTICLE, asBuffer(a)))); }, entry: ARTICLE, reason: /does not match its schema/ },
  { name: 'a cross-field violation only the store schema sees', make: async () => { const f = await validFiles(); const a = json(f, ARTICLE) as { definitions: Array<{ term: string }> }; a.definitions[0].term = 'd'; return zipBuffer(entriesOf(replaceFile(f, ARTICLE, asBuffer(a)))); }, entry: ARTICLE, reason: /content is not valid: .*unknown term/ },
  { name: 'an unknown format version', make: async () => { const f = await validFiles(); const m = json(f, 'manifest.json'); m.format = 2; const out = new Map(f); out.set('manifest.json', asBuffer(m)); return zipBuffer(entriesOf(out)); }, entry: 'manifest.json', reason: /unknown format version 2/ },
  { name: 'a truncated zip', make: async () => { const z = await zipBuffer(entriesOf(await validFiles())); return z.subarray(0, Math.floor(z.length / 2)); }, entry: 'bundle.zip', reason: /truncated or damaged/ },
  // A bundle vouches for each article's status and sign-off: a claim its own review records do not make is refused.
  { name: 'an article that says it is signed off, with the manifest saying so too', make: async () => { const f = await validFiles(); const a = json(f, ARTICLE) as { review: { status: string } }; a.review.status = 'signed_off'; const out = replaceFile(f, ARTICLE, asBuffer(a)); return zipBuffer(entriesOf(withManifest(out, (m) => { m.items[0]!.status = 'signed_off'; }))); }, entry: ARTICLE, reason: /^it says it is “signed off”, but its review records make it “draft”$/ },
  { name: 'a manifest that says an article is signed off', make: async () => zipBuffer(entriesOf(withManifest(await validFiles(), (m) => { m.items[0]!.status = 'signed_off'; }))), entry: ARTICLE, reason: /^the manifest says it is “signed off”, but its review records make it “draft”$/ },
  { name: 'a sign-off named in the article that its review records do not hold', make: async () => { const f = await validFiles(); const a = json(f, ARTICLE) as { review: { signedOffBy: string | null; signedOffAt: string | null } }; a.review.signedOffBy = '01J00000000000000000000003'; a.review.signedOffAt = '2024-05-01T12:00:00.000Z'; return zipBuffer(entriesOf(replaceFile(f, ARTICLE, asBuffer(a)))); }, entry: ARTICLE, reason: /signedOffBy and signedOffAt are not the sign-off its review records hold/ },
  { name: 'a manifest giving a sign-off the article does not have', make: async () => zipBuffer(entriesOf(withManifest(await validFiles(), (m) => { m.items[0]!.signOff = { by: '01J00000000000000000000003', at: '2024-05-01T12:00:00.000Z' }; }))), entry: ARTICLE, reason: /the manifest gives another sign-off than its review records hold/ },
  { name: 'a file the manifest does not list', make: async () => zipBuffer([...entriesOf(await validFiles()), { name: 'extra.txt', data: Buffer.from('hi') }]), entry: 'extra.txt', reason: /not listed in the manifest/ },
];

describe('hostile bundles', () => {
  it.each(cases.map((c) => [c.name, c] as const))('refuses %s, naming the entry, and leaves the workspace byte-identical', async (_name, c) => {
    const store = await openStore({ seed: true });
    await store.flushIndex();
    const before = await treeHash(store.path);
    const path = await writeTemp(await tempDir(), 'bundle.zip', await c.make());
    const error = await readBundle(path, c.limits).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    const e = error as ServiceError;
    expect(e.code).toBe('INVALID_INPUT');
    const details = e.details as { entry: string; reason: string };
    expect(details.entry.startsWith(c.entry)).toBe(true);
    expect(e.message.startsWith(`${details.entry}: `)).toBe(true);
    expect(details.reason).toMatch(c.reason);
    expect(await treeHash(store.path)).toBe(before);
  });

  it('accepts the valid bundle the hostile ones are made from', async () => {
    const path = await writeTemp(await tempDir(), 'ok.zip', await zipBuffer(entriesOf(await validFiles())));
    expect(await validateBundle(path)).toEqual({ ok: true, items: 1, people: 2 });
  });

  it('refuses a symbolic link inside a bundle folder without following it', async () => {
    const dir = join(await tempDir(), 'bundle');
    for (const [name, data] of await validFiles()) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), data);
    }
    expect(await validateBundle(dir)).toEqual({ ok: true, items: 1, people: 2 });
    await symlink('/etc/passwd', join(dir, 'people', 'evil.json'));
    await expect(readBundle(dir)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { entry: 'people/evil.json', reason: 'the entry is a symbolic link' } });
  });
});

describe('the order files are read in', () => {
  it('reads an article whose file the manifest also lists under an earlier item, and imports every article', async () => {
    const files = await readZipEntries(await bundleOf(3), resolveLimits());
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    const [first, , third] = manifest.items;
    // The first item lists the third's JSON file too: it is read (and checked) in the first item's
    // turn, ahead of the second article, and kept for the third's.
    first!.files = [...first!.files, third!.files.find((f) => f.path.endsWith('.json'))!];
    files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    const path = await writeTemp(await tempDir(), 'cross.zip', await zipBuffer(entriesOf(files)));
    const contents = await readBundle(path);
    const slugs = manifest.items.map((i) => i.slug);
    expect(contents.articles.map((a) => a.record.slug)).toEqual(slugs);
    const into = await openStore();
    await importAll(into, path, { now: new Date(Date.UTC(2024, 0, 1)) });
    expect(into.listComparisons().map((c) => c.slug).sort()).toEqual([...slugs].sort());
  });
});
