import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { Services } from '../../../src/main/services/Services';
import type { Channel } from '../../../src/shared/api/channels';
import type { HistoryEntryView, VersionInfo } from '../../../src/shared/api/historyContract';
import type { Comparison } from '../../../src/shared/model/comparison';
import type { Person } from '../../../src/shared/model/person';
import { docFromText, type BlockDoc } from '../../../src/shared/model/richText';
import type { DocDiff } from '../../../src/shared/review/diff';
import { reviewOfComparison } from '../../../src/shared/review/status';
import { tempDir } from '../storeTestKit';

const APP = { url: 'app://versus-desk/index.html' };
const MIN = 60_000;
const open: Services[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start() {
  const dir = join(await tempDir(), 'ws');
  const clock = { t: Date.parse('2026-03-01T09:00:00Z') };
  const services = await Services.create({
    workspaceDir: dir,
    create: true,
    seed: true,
    now: () => new Date(clock.t),
    emit: vi.fn(),
    openExternal: vi.fn(),
    chooseFolder: vi.fn(),
  });
  open.push(services);
  const dispatch = createDispatcher(services);
  const call = async <T>(channel: Channel, input: unknown): Promise<T> => {
    const result = await dispatch(channel, input, APP);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  const id = services.store.listComparisons()[0].id;
  const current = () => services.store.getComparison(id);
  const people = services.store.listPeople();
  const c0 = await current();
  const author = people.find((p) => p.id === c0.byline.authorId)!;
  const editor = people.find((p) => p.id === c0.byline.editorId)!;
  /** An ordinary save (the editor's autosave) of an edit to the stored article. */
  const edit = async (change: (c: Comparison) => void) => {
    const c = structuredClone(await current());
    change(c);
    return call<Comparison>('comparisons.save', { comparison: c, baseRevision: c.revision });
  };
  const list = () => call<HistoryEntryView[]>('history.list', { kind: 'comparison', id });
  const as = (person: Person, role: 'writer' | 'editor') => call('profile.set', { personId: person.id, role });
  const act = async (action: string, extra: Record<string, unknown> = {}) =>
    call<Comparison>('review.comparison', { id, baseRevision: (await current()).revision, action, ...extra });
  return { dir, clock, services, call, id, current, edit, list, as, act, author, editor };
}

/** Every file under the workspace with a hash of its bytes. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = createHash('sha1').update(await readFile(path)).digest('hex');
  }
  return out;
}

const historyFiles = async (dir: string, id: string) => (await readdir(join(dir, 'history', id)).catch(() => [] as string[])).sort();

describe('autosave snapshots through comparisons.save', () => {
  it('keeps the pre-edit revision at the start of a burst, then at most one per 5 minutes', async () => {
    const { dir, id, clock, edit, list } = await start();
    await edit((c) => (c.faqs[0].question = 'First edit?'));
    // The state before the burst (revision 1, the seed) is kept, by nobody in particular (no profile).
    expect(await list()).toEqual([expect.objectContaining({ revision: 1, reason: 'autosave', by: 'unknown', byName: null })]);
    for (let i = 0; i < 5; i++) {
      clock.t += 50_000;
      await edit((c) => (c.faqs[0].question = `Edit ${i}?`));
    }
    // 4 min 10 s of saves: still the one snapshot.
    expect(await historyFiles(dir, id)).toEqual(['1.json']);
    clock.t += MIN;
    const before = await edit((c) => (c.faqs[0].question = 'Later edit?'));
    // Five minutes on: the revision that save replaced (7) is kept.
    expect((await list()).map((e) => e.revision)).toEqual([7, 1]);
    expect(before.revision).toBe(8);
    const snapshot = JSON.parse(await readFile(join(dir, 'history', id, '7.json'), 'utf8')) as { record: Comparison; at: string };
    expect(snapshot.record.faqs[0].question).toBe('Edit 4?');
    expect(snapshot.at).toBe(new Date(clock.t).toISOString());
  });

  it('records the profile as who edited, and counts review snapshots as recent', async () => {
    const { clock, edit, list, as, act, author } = await start();
    await as(author, 'writer');
    await act('submit');
    clock.t += MIN;
    await edit((c) => (c.summary = docFromText('Edited after submitting.')));
    // The submit snapshot (revision 2) is a minute old: no autosave snapshot yet.
    expect((await list()).map((e) => [e.revision, e.reason])).toEqual([[2, 'submit']]);
    clock.t += 5 * MIN;
    await edit((c) => (c.summary = docFromText('Edited again.')));
    expect((await list())[0]).toMatchObject({ revision: 3, reason: 'autosave', by: author.id, byName: author.name });
  });

  it('snapshots a person’s bio edits the same way', async () => {
    const { call, services, dir, author } = await start();
    const p = await services.store.getPerson(author.id);
    await call('people.save', { person: { ...p, bio: docFromText('A new bio.') as BlockDoc }, baseRevision: p.revision });
    expect(await historyFiles(dir, author.id)).toEqual(['1.json']);
    const d = await call<{ diff: DocDiff }>('history.diff', { kind: 'person', id: author.id, from: 1, to: 'current' });
    expect(d.diff.sections.map((s) => s.section)).toEqual(['bio']);
  });
});

describe('history.diff', () => {
  it('diffs a snapshot with now, and two snapshots, describing both sides', async () => {
    const { id, call, edit, clock } = await start();
    await edit((c) => (c.chart.rows[0].values.a = 'Changed cell'));
    clock.t += 6 * MIN;
    await edit((c) => (c.chart.rows[0].values.b = 'Another changed cell'));
    const now = await call<{ from: VersionInfo; to: VersionInfo; diff: DocDiff }>('history.diff', { kind: 'comparison', id, from: 1, to: 'current' });
    expect(now.from).toMatchObject({ revision: 1, current: false, reason: 'autosave', description: 'Revision 1 · Autosave' });
    expect(now.to).toMatchObject({ revision: 3, current: true, description: 'Now (revision 3)' });
    const cells = now.diff.sections.find((s) => s.section === 'chart')!.chart!.rows[0].cells;
    expect(cells.filter((x) => x.changed).map((x) => x.column)).toEqual(['a', 'b']);
    const between = await call<{ diff: DocDiff }>('history.diff', { kind: 'comparison', id, from: 1, to: 2 });
    expect(between.diff.sections.find((s) => s.section === 'chart')!.chart!.rows[0].cells.filter((x) => x.changed).map((x) => x.column)).toEqual(['a']);
  });

  it('"last-review" starts at the newest snapshot where the current profile acted', async () => {
    const { id, call, as, act, author, editor, edit, clock } = await start();
    const sinceMine = () => call<{ from: VersionInfo; diff: DocDiff }>('history.diff', { kind: 'comparison', id, from: 'last-review', to: 'current' });
    await expect(sinceMine()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Choose who you are first') });
    await as(author, 'writer');
    await act('submit');
    await as(editor, 'editor');
    await expect(sinceMine()).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('never approved, requested changes on or signed off this article') });
    const c = await act('request_changes', { parts: [`faq:${(await call<Comparison>('comparisons.get', { id })).faqs[1].id}`] });
    await as(author, 'writer');
    clock.t += 10 * MIN;
    await edit((x) => (x.faqs[1].question = 'A better question?'));
    await act('submit');
    await as(editor, 'editor');
    const d = await sinceMine();
    expect(d.from).toMatchObject({ revision: c.revision, reason: 'request-changes', by: editor.id, byName: editor.name });
    expect(d.diff.sections).toHaveLength(1);
    expect(d.diff.sections[0].items).toEqual([expect.objectContaining({ status: 'changed', fields: [expect.objectContaining({ field: 'question', after: 'A better question?' })] })]);
  });
});

describe('history.restore', () => {
  it('creates a new revision with the snapshot’s content, keeps every snapshot, and keeps review records', async () => {
    const { dir, id, call, edit, current, clock, as, act, author, editor, list } = await start();
    const original = await current();
    await as(author, 'writer');
    await act('submit');
    await as(editor, 'editor');
    await act('approve', { sections: ['header', 'summary', 'keyDifferences', 'chart', 'definitions', 'faqs', 'byline'] });
    clock.t += 10 * MIN;
    await edit((c) => {
      c.faqs[0].question = 'Rewritten?';
      c.keyDifferences.reverse();
    });
    const files = await tree(join(dir, 'history'));
    const approved = await current();
    expect(reviewOfComparison(approved).parts.find((p) => p.key === `faq:${original.faqs[0].id}`)?.state).toBe('changed');

    const restored = await call<Comparison>('history.restore', { kind: 'comparison', id, revision: 3, baseRevision: approved.revision });
    expect(restored.revision).toBe(approved.revision + 1);
    expect(restored.faqs[0].question).toBe(original.faqs[0].question);
    expect(restored.keyDifferences.map((k) => k.id)).toEqual(original.keyDifferences.map((k) => k.id));
    // The approvals are kept and count again, since the content hashes match them again.
    expect(restored.review).toEqual(approved.review);
    expect(reviewOfComparison(restored).status).toBe('approved');
    // Nothing destroyed: every earlier snapshot is byte for byte as it was; the replaced revision and the restore are added.
    const after = await tree(join(dir, 'history'));
    for (const [path, hash] of Object.entries(files)) expect(after[path]).toBe(hash);
    expect((await list()).slice(0, 2).map((e) => [e.revision, e.reason])).toEqual([
      [restored.revision, 'restore'],
      [approved.revision, 'before-restore'],
    ]);
    expect((await call<Comparison>('comparisons.get', { id })).revision).toBe(restored.revision);
  });

  it('restores a bio', async () => {
    const { call, services, author } = await start();
    const p = await services.store.getPerson(author.id);
    const saved = await call<Person>('people.save', { person: { ...p, credentials: 'PhD' }, baseRevision: p.revision });
    const back = await call<Person>('history.restore', { kind: 'person', id: author.id, revision: 1, baseRevision: saved.revision });
    expect(back).toMatchObject({ revision: 3, credentials: '' });
  });

  it('refuses an unknown revision (NOT_FOUND) and a stale base revision (CONFLICT), writing nothing', async () => {
    const { dir, id, call, edit } = await start();
    await edit((c) => (c.title = 'Edited title'));
    const c = await call<Comparison>('comparisons.get', { id });
    const before = await tree(dir);
    await expect(call('history.restore', { kind: 'comparison', id, revision: 42, baseRevision: c.revision })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No snapshot of revision 42.' });
    await expect(call('history.restore', { kind: 'comparison', id, revision: 1, baseRevision: c.revision - 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('changed since you opened it'),
    });
    await expect(call('history.restore', { kind: 'person', id, revision: 1, baseRevision: c.revision })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('history.diff', { kind: 'comparison', id, from: 9, to: 'current' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('history.diff', { kind: 'comparison', id, from: 0, to: 'current' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('history.list', { kind: 'comparison', id: '../../etc' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('history.list', { kind: 'comparison', id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('history.list', { kind: 'person', id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await tree(dir)).toEqual(before);
  });
});
