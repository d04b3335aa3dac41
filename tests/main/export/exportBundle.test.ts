import { readFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBundle, type ExportOptions } from '../../../src/main/bundle/exportBundle';
import { sha256Hex } from '../../../src/main/bundle/contentHash';
import { jsonSchemaFor } from '../../../src/main/bundle/jsonSchemas';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import type { Manifest } from '../../../src/shared/export/exportSchemas';
import { tempDir } from '../storeTestKit';
import { FIXED_NOW, memorySource, seedRecords, signedOff } from './exportTestKit';
import { bioSignedOff } from '../../../bench/synth';
import { leftOutMessage } from '../../../src/shared/export/leftOut';

const base = (out: string): ExportOptions => ({ out, format: 'zip', status: 'any', createdBy: 'Test Writer', appVersion: '0.1.0', now: FIXED_NOW });
const stores: WorkspaceStore[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function seededStore(): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(join(await tempDir(), 'ws'), { create: true, seed: true });
  stores.push(store);
  return store;
}

describe('exportBundle', () => {
  it('gives byte-identical zips when the same workspace is exported twice, at different times', async () => {
    const store = await seededStore();
    const dir = await tempDir();
    const first = await exportBundle(store, base(join(dir, 'one.zip')));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-15T09:30:00Z'));
    const second = await exportBundle(store, base(join(dir, 'two.zip')));
    const [a, b] = await Promise.all([readFile(first.path), readFile(second.path)]);
    expect(first.items).toBe(1);
    expect(a.length).toBe(first.bytes);
    expect(a.equals(b)).toBe(true);
    // Entries are stored in sorted order.
    const names = ['comparisons/social-media-vs-social-networking.json', 'manifest.json', 'people/', 'schema/article.schema.json'];
    const positions = names.map((n) => a.indexOf(n));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
  });

  it('writes a folder whose manifest lists every file with its sha256 and size, valid against its schema', async () => {
    const store = await seededStore();
    const out = join(await tempDir(), 'bundle');
    const result = await exportBundle(store, { ...base(out), format: 'folder' });
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    expect(ajv.validate(jsonSchemaFor('manifest'), manifest), ajv.errorsText()).toBe(true);
    expect(manifest.createdAt).toBe(FIXED_NOW.toISOString());
    expect(manifest.items.map((i) => [i.slug, i.status, i.revision, i.signOff])).toEqual([['social-media-vs-social-networking', 'draft', 1, null]]);
    expect(manifest.people).toHaveLength(2);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths.filter((p) => p.startsWith('schema/'))).toEqual(['schema/article.schema.json', 'schema/manifest.schema.json', 'schema/person.schema.json']);
    let total = (await readFile(join(out, 'manifest.json'))).length;
    for (const file of manifest.files) {
      const data = await readFile(join(out, file.path));
      expect([data.length, sha256Hex(data)]).toEqual([file.bytes, file.sha256]);
      total += data.length;
    }
    expect(result.bytes).toBe(total);
    const article = JSON.parse(await readFile(join(out, 'comparisons/social-media-vs-social-networking.json'), 'utf8'));
    expect(ajv.validate(jsonSchemaFor('article'), article), ajv.errorsText()).toBe(true);
  });

  it('exports nothing by default until an article is signed off, and says so', async () => {
    const store = await seededStore();
    const out = join(await tempDir(), 'publish.zip');
    const result = await exportBundle(store, { ...base(out), status: 'signed-off' });
    expect(result.items).toBe(0);
    const seed = seedRecords();
    const at = FIXED_NOW.toISOString();
    const people = [bioSignedOff(seed.author, seed.editor.id, at), bioSignedOff(seed.editor, seed.author.id, at)];
    const signed = memorySource([signedOff(seed.comparison, seed.editor.id)], people);
    const published = await exportBundle(signed, { ...base(join(await tempDir(), 'p.zip')), status: 'signed-off' });
    expect(published).toMatchObject({ items: 1, leftOut: [] });
  });

  it('leaves a signed-off article out of a signed-off export while a bio it is published with is not signed off, and says whose', async () => {
    const seed = seedRecords();
    const at = FIXED_NOW.toISOString();
    const author = bioSignedOff(seed.author, seed.editor.id, at);
    const editor = bioSignedOff(seed.editor, seed.author.id, at);
    const article = signedOff(seed.comparison, seed.editor.id);
    // The author's bio was edited after the article's sign-off: the article itself did not change.
    const edited = { ...author, credentials: `${author.credentials} (updated)` };
    const result = await exportBundle(memorySource([article], [edited, editor]), { ...base(join(await tempDir(), 'p.zip')), status: 'signed-off' });
    expect(result.items).toBe(0);
    expect(result.leftOut).toEqual([{ slug: article.slug, title: article.title, status: 'signed_off', bio: { role: 'author', name: author.name } }]);
    expect(leftOutMessage(result.leftOut)).toBe(
      `1 article listed as signed off was left out (“${article.title}”: the author’s bio (${author.name}) is not signed off). The bios published with an article must be signed off too: review them under People, then export again.`,
    );
    // An export of every article still takes it, as it is.
    expect((await exportBundle(memorySource([article], [edited, editor]), base(join(await tempDir(), 'all.zip')))).items).toBe(1);
  });

  it('exports only the chosen slugs, and refuses an unknown slug without writing anything', async () => {
    const store = await seededStore();
    const second = await store.createComparison(['Tea', 'Coffee']);
    const dir = await tempDir();
    const result = await exportBundle(store, { ...base(join(dir, 'only')), format: 'folder', only: [second.slug] });
    expect(result.items).toBe(1);
    expect(await readdir(join(dir, 'only', 'comparisons'))).toEqual([`${second.slug}.json`, `${second.slug}.md`]);
    await expect(exportBundle(store, { ...base(join(dir, 'x.zip')), only: ['no-such-article'] })).rejects.toThrow(/no-such-article/);
    expect(await readdir(dir)).toEqual(['only']);
  });

  it('leaves no partial zip or folder behind when cancelled', async () => {
    const store = await seededStore();
    await store.createComparison(['Tea', 'Coffee']);
    const dir = await tempDir();
    for (const format of ['zip', 'folder'] as const) {
      const controller = new AbortController();
      const progress: number[] = [];
      const run = exportBundle(store, {
        ...base(join(dir, `out-${format}`)),
        format,
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.push(done, total);
          if (done === 1) controller.abort();
        },
      });
      await expect(run).rejects.toThrow(/abort/i);
      expect(progress).toEqual([0, 2, 1, 2]);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to overwrite an existing folder and leaves it untouched', async () => {
    const store = await seededStore();
    const dir = await tempDir();
    await mkdir(join(dir, 'taken'));
    await expect(exportBundle(store, { ...base(join(dir, 'taken')), format: 'folder' })).rejects.toThrow(/already exists/);
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readdir(join(dir, 'taken'))).toEqual([]);
  });
});
