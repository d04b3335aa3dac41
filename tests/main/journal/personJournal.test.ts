import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import type { Person } from '../../../src/shared/model/person';
import type { PersonDraft } from '../../../src/shared/model/personJournal';
import { recordingFs, seededServices, tempDir, type FsCall } from '../storeTestKit';

async function openSeeded(opts: Partial<Parameters<typeof WorkspaceStore.open>[1]> = {}) {
  const dir = join(await tempDir(), 'ws');
  const store = await WorkspaceStore.open(dir, { create: true, seed: true, indexDelayMs: 60_000, ...opts });
  const person = await store.getPerson(store.listPeople()[0].id);
  return { dir, store, person, journalDir: join(dir, '.versus-desk', 'journal') };
}

function draftOf(person: Person, changes: Partial<PersonDraft> = {}): PersonDraft {
  return { baseRevision: person.revision, name: person.name, credentials: person.credentials, bio: person.bio, ...changes };
}

describe('the person form hot-exit journal', () => {
  it('keeps a form the store would refuse (an empty name) and gives it back after a reopen, apart from the article journals', async () => {
    const { dir, store, person, journalDir } = await openSeeded();
    const article = await store.getComparison(store.listComparisons()[0].id);
    await store.journal.write(article, 1);
    expect(await store.journal.people.write(person.id, draftOf(person, { name: '', credentials: 'Half-typed' }), 5)).toMatchObject({ written: true });
    await store.close();

    const reopened = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    const entries = await reopened.journal.people.list();
    expect(entries).toEqual([expect.objectContaining({ key: person.id, stamp: 5, draft: expect.objectContaining({ name: '', credentials: 'Half-typed', baseRevision: person.revision }) })]);
    expect(await reopened.journal.people.list(person.id)).toEqual(entries);
    // Each journal sees only its own files.
    expect((await reopened.journal.list()).map((e) => e.id)).toEqual([article.id]);
    expect((await readdir(journalDir)).sort()).toEqual([`${article.id}.json`, `person-${person.id}.json`].sort());
    await reopened.close();
  });

  it('writes durably (temp file, fsync, rename, folder fsync) and covers a person not created yet', async () => {
    const calls: FsCall[] = [];
    const { store, person, journalDir } = await openSeeded({ fs: recordingFs(calls) });
    calls.length = 0;
    await store.journal.people.write('new-person', draftOf(person, { baseRevision: 0, name: 'Ada Newcomer' }), 1);
    const target = join(journalDir, 'person-new-person.json');
    const ops = calls.filter((c) => c.path.startsWith(journalDir)).map((c) => c.op);
    expect(ops.slice(ops.indexOf('open'))).toEqual(['open', 'write', 'sync', 'close', 'rename', 'open', 'sync', 'close']);
    expect(calls.find((c) => c.op === 'rename')?.to).toBe(target);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ format: 1, key: 'new-person', stamp: 1, draft: { name: 'Ada Newcomer' } });
    await store.close();
  });

  it('is cleared only up to the acknowledged stamp, and removed when the person is deleted', async () => {
    const { store, person, journalDir } = await openSeeded();
    await store.journal.people.write(person.id, draftOf(person, { credentials: 'First' }), 10);
    await store.journal.people.write(person.id, draftOf(person, { credentials: 'Second' }), 20);
    expect(await store.journal.people.write(person.id, draftOf(person, { credentials: 'Late' }), 15)).toMatchObject({ written: false });
    expect((await store.journal.people.list(person.id))[0].draft.credentials).toBe('Second');
    expect(await store.journal.people.clear(person.id, 10)).toEqual({ cleared: false });
    expect(await store.journal.people.clear(person.id, 20)).toEqual({ cleared: true });
    expect(await readdir(journalDir)).toEqual([]);

    await store.journal.people.write(person.id, draftOf(person), 30);
    // The seed article names the person in its byline: it goes first, so the person can be deleted.
    for (const { id } of store.listComparisons()) await store.deleteComparison(id, (await store.getComparison(id)).revision);
    await store.deletePerson(person.id);
    expect(await store.journal.people.list()).toEqual([]);
    await store.close();
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"format":1,"key":"'],
    ['a bio holding markup', null],
    ['another person in the file', 'other'],
  ])('quarantines a damaged person journal (%s) with a notice; the person still opens', async (_name, text) => {
    const notices: unknown[] = [];
    const { dir, store, person, journalDir } = await openSeeded();
    await store.journal.people.write(person.id, draftOf(person), 1);
    await store.close();
    const file = join(journalDir, `person-${person.id}.json`);
    const entry = JSON.parse(await readFile(file, 'utf8'));
    if (text === null) {
      entry.draft.bio = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
      await writeFile(file, JSON.stringify(entry));
    } else if (text === 'other') await writeFile(file, JSON.stringify({ ...entry, key: 'new-person' }));
    else await writeFile(file, text);
    const reopened = await WorkspaceStore.open(dir, { indexDelayMs: 60_000, onNotice: (n) => notices.push(n) });
    expect(await reopened.journal.people.list()).toEqual([]);
    expect(await readdir(journalDir)).toEqual([]);
    const quarantined = await readdir(join(dir, '.versus-desk', 'quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toContain(person.id);
    expect(notices).toEqual([expect.objectContaining({ kind: 'quarantine', message: expect.stringContaining('journal') })]);
    expect((await reopened.getPerson(person.id)).name).toBe(person.name);
    await reopened.close();
  });

  it('through the channels: bad input is refused and writes nothing', async () => {
    const { dir, services } = await seededServices();
    const dispatch = createDispatcher(services, { isTrustedSender: () => true });
    const person = await services.store.getPerson(services.store.listPeople()[0].id);
    const sender = { url: 'app://versus-desk/index.html' };
    const draft = draftOf(person);
    const markup = { ...draft, bio: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } };
    for (const input of [
      { key: person.id, draft: markup, stamp: 1 },
      { key: '../../etc', draft, stamp: 1 },
      { key: 'person-../x', draft, stamp: 1 },
      { key: person.id, draft: { ...draft, name: 'x'.repeat(201) }, stamp: 1 },
      { key: person.id, draft, stamp: -1 },
      { key: person.id, draft: { ...draft, extra: true }, stamp: 1 },
    ]) {
      expect(await dispatch('journal.writePerson', input, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await dispatch('journal.clearPerson', { key: '../x', stamp: 1 }, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('journal.listPeople', { key: '..' }, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(readdir(join(dir, '.versus-desk', 'journal'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await dispatch('journal.writePerson', { key: person.id, draft: { ...draft, name: '' }, stamp: 3 }, sender)).toMatchObject({ ok: true });
    expect(await dispatch('journal.listPeople', {}, sender)).toMatchObject({ ok: true, value: [{ key: person.id, stamp: 3, draft: { name: '' } }] });
    expect(await dispatch('journal.list', {}, sender)).toMatchObject({ ok: true, value: [] });
    await services.close();
  });
});
