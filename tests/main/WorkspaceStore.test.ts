import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparisonToParts, fixtureToComparisonParts } from '../../src/main/seed/seedWorkspace';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { docFromText, type BlockDoc } from '../../src/shared/model/richText';
import { tempDir } from './storeTestKit';

async function seeded(): Promise<{ dir: string; store: WorkspaceStore }> {
  const dir = join(await tempDir(), 'workspace');
  return { dir, store: await WorkspaceStore.open(dir, { create: true, seed: true }) };
}

describe('WorkspaceStore: comparisons', () => {
  it('creates a new workspace with the seed article and its people, and finds them intact after reopening', async () => {
    const { dir, store } = await seeded();
    await store.close();
    const reopened = await WorkspaceStore.open(dir);
    const [summary] = reopened.listComparisons();
    const stored = await reopened.getComparison(summary.id);
    expect(comparisonToParts(stored, reopened.listPeople())).toEqual(fixtureToComparisonParts());
    expect(reopened.listPeople().map((p) => [p.name, p.credentials])).toEqual([
      ['Aimie Carlson', ''],
      ['Harlon Moss', ''],
    ]);
    expect(summary).toMatchObject({ slug: 'social-media-vs-social-networking', status: 'draft', revision: 1 });
    expect(JSON.parse(await readFile(join(dir, 'versus-desk.json'), 'utf8'))).toMatchObject({ format: 1, name: 'workspace' });
    await reopened.close();
  });

  it('creates a comparison from its terms with the default title, a slug and empty parts', async () => {
    const { store } = await seeded();
    const now = new Date();
    const c = await store.createComparison(['C#', ' C++ ']);
    expect(c).toMatchObject({
      title: "C# vs. C++: What's the Difference?",
      slug: 'c-sharp-vs-c-plus-plus',
      revision: 1,
      keyDifferences: [],
      chart: { headerLabel: '', rows: [] },
      definitions: [],
      faqs: [],
      related: [],
      byline: { authorId: null, editorId: null },
    });
    expect(c.summary).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(c.byline.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs(new Date(c.byline.updated ?? '').getTime() - now.getTime())).toBeLessThan(2 * 86_400_000);
    expect(await store.getComparison(c.id)).toEqual(c);
    await store.close();
  });

  it('refuses a comparison with fewer than 2 or more than 4 terms', async () => {
    const { store } = await seeded();
    await expect(store.createComparison(['Only'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.createComparison(['a', 'b', 'c', 'd', 'e'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await store.close();
  });

  it('saves an edit with the next revision and a new updatedAt', async () => {
    const { dir, store } = await seeded();
    const c = await store.createComparison(['Revenue', 'Profit']);
    const saved = await store.saveComparison({ ...c, summary: docFromText('Money in, money left.') }, 1);
    expect(saved.revision).toBe(2);
    expect(saved.updatedAt >= c.updatedAt).toBe(true);
    const onDisk = JSON.parse(await readFile(join(dir, 'comparisons', `${c.id}.json`), 'utf8'));
    expect(onDisk.revision).toBe(2);
    expect(onDisk.summary).toEqual(docFromText('Money in, money left.'));
    expect(store.listComparisons('revenue')[0]).toMatchObject({ id: c.id, revision: 2 });
    await store.close();
  });

  it('refuses a save based on a stale revision, saying what changed, and keeps the newer copy', async () => {
    const { store } = await seeded();
    const c = await store.createComparison(['Revenue', 'Profit']);
    await store.saveComparison({ ...c, summary: docFromText('First writer') }, 1);
    const stale = store.saveComparison({ ...c, summary: docFromText('Second writer') }, 1);
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', details: { currentRevision: 2, baseRevision: 1 } });
    await expect(stale).rejects.toThrow(/“Revenue vs\. Profit: What's the Difference\?” was changed elsewhere.*revision 2.*revision 1/);
    expect((await store.getComparison(c.id)).summary).toEqual(docFromText('First writer'));
    await store.close();
  });

  it('sees a change another writer made to the file as a conflict', async () => {
    const { dir, store } = await seeded();
    const c = await store.createComparison(['Revenue', 'Profit']);
    const file = join(dir, 'comparisons', `${c.id}.json`);
    const other = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...other, revision: 2, title: 'Changed by hand', titleEdited: true }));
    await expect(store.saveComparison(c, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.close();
  });

  it('keeps the title and slug following the terms until they are edited', async () => {
    const { store } = await seeded();
    const c = await store.createComparison(['Revenue', 'Profit']);
    const renamed = await store.saveComparison({ ...c, terms: [...c.terms, { key: 'c', name: 'Income' }] }, 1);
    expect(renamed.title).toBe("Revenue vs. Profit vs. Income: What's the Difference?");
    expect(renamed.slug).toBe('revenue-vs-profit-vs-income');
    const edited = await store.saveComparison({ ...renamed, title: 'Money words', titleEdited: true, slug: 'money', slugEdited: true }, 2);
    const again = await store.saveComparison({ ...edited, terms: edited.terms.slice(0, 2) }, 3);
    expect([again.title, again.slug]).toEqual(['Money words', 'money']);
    await store.close();
  });

  it('suffixes an automatic slug that is taken, and refuses an edited slug that collides, naming the other article', async () => {
    const { store } = await seeded();
    const twin = await store.createComparison(['Social Media', 'Social Networking']);
    expect(twin.slug).toBe('social-media-vs-social-networking-2');
    const third = await store.createComparison(['Social media', 'Social networking']);
    expect(third.slug).toBe('social-media-vs-social-networking-3');
    // Saving again keeps its own suffix rather than wandering.
    expect((await store.saveComparison(twin, 1)).slug).toBe('social-media-vs-social-networking-2');
    const clash = store.saveComparison({ ...third, slug: 'social-media-vs-social-networking', slugEdited: true }, 1);
    await expect(clash).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'slug' } });
    await expect(clash).rejects.toThrow(/already used by “Social Media vs\. Social Networking: What's the Difference\?”/);
    await store.close();
  });

  it('drops related ids that do not exist (or point at itself)', async () => {
    const { store } = await seeded();
    const [seed] = store.listComparisons();
    const c = await store.createComparison(['Revenue', 'Profit']);
    const saved = await store.saveComparison({ ...c, related: [seed.id, '01ARZ3NDEKTSV4RRFFQ69G5FAV', seed.id] }, 1);
    expect(saved.related).toEqual([seed.id]);
    await store.close();
  });

  it('refuses invalid content without touching the file', async () => {
    const { dir, store } = await seeded();
    const c = await store.createComparison(['Revenue', 'Profit']);
    const file = join(dir, 'comparisons', `${c.id}.json`);
    const before = await readFile(file, 'utf8');
    const bad = { ...c, summary: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } };
    await expect(store.saveComparison(bad as typeof c, 1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readFile(file, 'utf8')).toBe(before);
    await store.close();
  });

  it('deletes a comparison (refusing a stale revision) and forgets it', async () => {
    const { dir, store } = await seeded();
    const c = await store.createComparison(['Revenue', 'Profit']);
    await store.saveComparison(c, 1);
    await expect(store.deleteComparison(c.id, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.deleteComparison(c.id, 2);
    expect(store.listComparisons().map((s) => s.id)).not.toContain(c.id);
    await expect(store.getComparison(c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readFile(join(dir, 'comparisons', `${c.id}.json`))).rejects.toMatchObject({ code: 'ENOENT' });
    await store.close();
  });

  it('filters the list by title, terms or slug, ignoring case and accents, newest first', async () => {
    let clock = Date.parse('2024-01-01T00:00:00Z');
    const dir = join(await tempDir(), 'ws');
    const store = await WorkspaceStore.open(dir, { create: true, now: () => new Date((clock += 1000)) });
    const a = await store.createComparison(['Café', 'Bistro']);
    const b = await store.createComparison(['Tea', 'Coffee']);
    expect(store.listComparisons().map((s) => s.id)).toEqual([b.id, a.id]);
    expect(store.listComparisons('CAFE').map((s) => s.id)).toEqual([a.id]);
    expect(store.listComparisons('tea-vs').map((s) => s.id)).toEqual([b.id]);
    expect(store.listComparisons('nothing like it')).toEqual([]);
    await store.close();
  });

  it('writes the same content as the same bytes, apart from revision and updatedAt', async () => {
    const { dir, store } = await seeded();
    const [summary] = store.listComparisons();
    const file = join(dir, 'comparisons', `${summary.id}.json`);
    const first = await store.saveComparison(await store.getComparison(summary.id), 1);
    const bytes1 = await readFile(file, 'utf8');
    await store.saveComparison(first, 2);
    const bytes2 = await readFile(file, 'utf8');
    const strip = (t: string) => t.replace(/"revision": \d+/, '').replace(/"updatedAt": "[^"]+"/, '');
    expect(strip(bytes2)).toBe(strip(bytes1));
    expect(bytes2.endsWith('}\n')).toBe(true);
    const keys = Object.keys(JSON.parse(bytes2));
    expect(keys).toEqual([...keys].sort());
    await store.close();
  });
});

describe('WorkspaceStore: people', () => {
  const bio = (text: string) => docFromText(text) as BlockDoc;

  it('creates, edits and deletes a person, refusing a stale edit', async () => {
    const { store } = await seeded();
    const p = await store.createPerson({ name: 'Dana Reyes', credentials: 'MA', bio: bio('Writes about money.') });
    const edited = await store.savePerson({ ...p, credentials: 'MA, CFA' }, 1);
    expect(edited).toMatchObject({ revision: 2, credentials: 'MA, CFA' });
    await expect(store.savePerson({ ...p, name: 'Old copy' }, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.listPeople().map((x) => x.name)).toContain('Dana Reyes');
    await store.deletePerson(p.id);
    await expect(store.getPerson(p.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.listPeople().map((x) => x.name)).not.toContain('Dana Reyes');
    await store.close();
  });

  it('refuses to delete someone still named in a byline, naming the articles', async () => {
    const { store } = await seeded();
    const aimie = store.listPeople().find((p) => p.name === 'Aimie Carlson');
    if (!aimie) throw new Error('seed editor missing');
    const c = await store.createComparison(['Revenue', 'Profit']);
    await store.saveComparison({ ...c, byline: { ...c.byline, authorId: aimie.id } }, 1);
    const refusal = store.deletePerson(aimie.id);
    await expect(refusal).rejects.toMatchObject({ code: 'IN_USE' });
    await expect(refusal).rejects.toThrow(
      `Aimie Carlson is still named in the byline of: "Revenue vs. Profit: What's the Difference?", "Social Media vs. Social Networking: What's the Difference?"`,
    );
    await expect(refusal).rejects.toMatchObject({ details: { articles: [{ id: c.id }, { title: expect.stringContaining('Social Media') }] } });
    expect((await store.getPerson(aimie.id)).name).toBe('Aimie Carlson');
    await store.close();
  });
});
