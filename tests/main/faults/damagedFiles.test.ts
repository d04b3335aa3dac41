/**
 * Damaged files at start-up, beyond what tests/main/workspaceOpen.test.ts covers (damaged
 * comparisons, a truncated or newer versus-desk.json): damaged people files, every kind of
 * damage to versus-desk.json, a missing versus-desk.json in a workspace full of articles, and
 * several damaged files at once. Nothing may be overwritten with defaults.
 */
import { readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { fileSnapshot, tempDir } from '../storeTestKit';

const OTHER_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

async function seededDir(): Promise<{ dir: string; seedId: string; personIds: string[] }> {
  const dir = join(await tempDir(), 'workspace');
  const store = await WorkspaceStore.open(dir, { create: true, seed: true });
  const seedId = store.listComparisons()[0].id;
  const personIds = store.listPeople().map((p) => p.id);
  await store.close();
  return { dir, seedId, personIds };
}

const snapshot = fileSnapshot;

const damage: Array<[string, Buffer, RegExp]> = [
  ['zero bytes', Buffer.alloc(0), /it is empty/],
  ['NUL-filled', Buffer.alloc(700), /binary zeros/],
  ['truncated', Buffer.from('{"format": 1, "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "name": "Ada Lo'), /not valid JSON/],
  ['schema-invalid', Buffer.from(JSON.stringify({ format: 1, id: OTHER_ID, name: ['not', 'a', 'name'] })), /does not match the person format/],
  ['from a future format', Buffer.from(JSON.stringify({ format: 42, id: OTHER_ID, name: 'Future' })), /format 42 by a newer Versus Desk/],
];

describe('a damaged person file at start-up', () => {
  for (const [kind, bytes, reason] of damage) {
    it(`is moved to quarantine byte for byte with a notice when ${kind}, and the rest opens`, async () => {
      const { dir, seedId, personIds } = await seededDir();
      const bad = join(dir, 'people', `${OTHER_ID}.json`);
      await writeFile(bad, bytes);
      const store = await WorkspaceStore.open(dir);
      const notices = store.info().notices;
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'quarantine' });
      expect(notices[0].message).toMatch(new RegExp(`^people/${OTHER_ID}\\.json could not be read \\(`));
      expect(notices[0].message).toMatch(reason);
      await expect(stat(bad)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await readFile(join(dir, notices[0].file ?? ''))).equals(bytes)).toBe(true);
      expect(store.listPeople().map((p) => p.id).sort()).toEqual([...personIds].sort());
      expect((await store.getComparison(seedId)).byline.authorId).not.toBeNull();
      await store.close();
    });
  }
});

describe('a damaged versus-desk.json at start-up', () => {
  const settingsDamage = damage.filter(([kind]) => kind !== 'truncated').map(([kind, bytes]) => {
    // A settings file has no id or person fields: damage it in its own terms.
    if (kind === 'schema-invalid') return [kind, Buffer.from(JSON.stringify({ format: 1, name: '', createdAt: 'yesterday' }))] as const;
    if (kind === 'from a future format') return [kind, Buffer.from(JSON.stringify({ format: 3, name: 'Later', createdAt: '2031-01-01T00:00:00.000Z' }))] as const;
    return [kind, bytes] as const;
  });
  for (const [kind, bytes] of settingsDamage) {
    it(`refuses to open when it is ${kind}, says why, and writes nothing, even when asked to create`, async () => {
      const { dir } = await seededDir();
      await writeFile(join(dir, 'versus-desk.json'), bytes);
      const before = await snapshot(dir);
      for (const create of [false, true]) {
        const error = await WorkspaceStore.open(dir, { create, seed: create }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'invalid-settings' } });
        expect((error as Error).message).toMatch(/^versus-desk\.json in .+ could not be read \(.+\)\. Versus Desk will not overwrite it/);
      }
      expect(await snapshot(dir)).toEqual(before);
    });
  }

  it('refuses a workspace whose versus-desk.json is missing, naming the file, and writes nothing', async () => {
    const { dir } = await seededDir();
    await unlink(join(dir, 'versus-desk.json'));
    const before = await snapshot(dir);
    await expect(WorkspaceStore.open(dir)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'not-a-workspace', empty: false } });
    await expect(WorkspaceStore.open(dir)).rejects.toThrow(/is not a Versus Desk workspace: it has no versus-desk\.json/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('on a first-run open of a workspace that lost versus-desk.json, keeps every article as it is and seeds nothing over them', async () => {
    const { dir, seedId } = await seededDir();
    await unlink(join(dir, 'versus-desk.json'));
    const article = join(dir, 'comparisons', `${seedId}.json`);
    const bytes = await readFile(article);
    const store = await WorkspaceStore.open(dir, { create: true, seed: true });
    expect(store.listComparisons().map((s) => s.id)).toEqual([seedId]);
    expect(store.listPeople()).toHaveLength(2);
    await store.close();
    expect((await readFile(article)).equals(bytes)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'versus-desk.json'), 'utf8'))).toMatchObject({ format: 1, name: 'workspace' });
  });
});

describe('several damaged files at once', () => {
  it('quarantines each with its own notice, rebuilds the index cache, takes over a garbled lock, and opens the rest', async () => {
    const { dir, seedId } = await seededDir();
    const files = {
      [join(dir, 'comparisons', `${OTHER_ID}.json`)]: Buffer.alloc(64),
      [join(dir, 'comparisons', '01BX5ZZKBKACTAV9WEVGEMMVRZ.json')]: Buffer.from(''),
      [join(dir, 'people', '01BX5ZZKBKACTAV9WEVGEMMVS0.json')]: Buffer.from('{"format": 1, "na'),
    };
    for (const [path, bytes] of Object.entries(files)) await writeFile(path, bytes);
    await writeFile(join(dir, '.versus-desk', 'index.json'), Buffer.alloc(100));
    // Garbled by a crash a while ago (a garbled lock younger than 10 s may be one being made).
    const lock = join(dir, '.versus-desk', 'lock');
    await writeFile(lock, Buffer.alloc(30));
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(lock, aMinuteAgo, aMinuteAgo);
    const store = await WorkspaceStore.open(dir);
    const notices = store.info().notices;
    expect(notices.filter((n) => n.kind === 'recovered')).toHaveLength(1);
    const quarantined = notices.filter((n) => n.kind === 'quarantine');
    expect(quarantined).toHaveLength(3);
    for (const notice of quarantined) {
      const original = Object.keys(files).find((p) => notice.message.startsWith(p.slice(dir.length + 1)));
      expect(original).toBeDefined();
      expect((await readFile(join(dir, notice.file ?? ''))).equals(files[original ?? ''])).toBe(true);
    }
    expect(store.listComparisons().map((s) => s.id)).toEqual([seedId]);
    expect(store.listPeople()).toHaveLength(2);
    await store.close();
  });

  it('quarantines a valid comparison stored under another id’s file name instead of serving it under the wrong id', async () => {
    const { dir, seedId } = await seededDir();
    const bytes = await readFile(join(dir, 'comparisons', `${seedId}.json`));
    await writeFile(join(dir, 'comparisons', `${OTHER_ID}.json`), bytes);
    const store = await WorkspaceStore.open(dir);
    await store.whenIndexChecked();
    const [notice] = store.info().notices;
    expect(notice.message).toMatch(/its id .+ does not match its file name/);
    expect((await readFile(join(dir, notice.file ?? ''))).equals(bytes)).toBe(true);
    expect(store.listComparisons().map((s) => s.id)).toEqual([seedId]);
    await store.close();
  });
});
