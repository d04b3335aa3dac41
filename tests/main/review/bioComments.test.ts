import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/shared/model/person';
import { seededDispatcher } from '../storeTestKit';

/** The seeded workspace on disk behind the real dispatcher; the editor comments on the author's bio. */
async function start() {
  const { dir, services, call } = await seededDispatcher();
  const c = await services.store.getComparison(services.store.listComparisons()[0].id);
  const people = services.store.listPeople();
  const author = people.find((p) => p.id === c.byline.authorId)!;
  const editor = people.find((p) => p.id === c.byline.editorId)!;
  const onDisk = async () => JSON.parse(await readFile(join(dir, 'people', `${author.id}.json`), 'utf8')) as Person;
  return { services, call, author, editor, onDisk };
}

describe('comments on a bio through the services', () => {
  it('adds, replies to, resolves and reopens a thread on the bio, saved in the person file', async () => {
    const { call, author, editor, onDisk } = await start();
    await call('profile.set', { personId: editor.id, role: 'editor' });
    const base = (await onDisk()).revision;
    const added = await call<Person>('comments.add', { kind: 'person', id: author.id, baseRevision: base, part: 'bio', text: 'Name her current employer.' });
    expect(added.revision).toBe(base + 1);
    const thread = added.review!.comments[0];
    expect(thread).toMatchObject({ part: 'bio', anchor: null, resolved: null, messages: [{ by: editor.id, text: 'Name her current employer.' }] });
    expect((await onDisk()).review!.comments).toEqual([thread]);

    await call('profile.set', { personId: author.id, role: 'writer' });
    const replied = await call<Person>('comments.reply', { kind: 'person', id: author.id, baseRevision: added.revision, thread: thread.id, text: 'Added.' });
    expect(replied.review!.comments[0].messages.map((m) => [m.by, m.text])).toEqual([
      [editor.id, 'Name her current employer.'],
      [author.id, 'Added.'],
    ]);
    const resolved = await call<Person>('comments.resolve', { kind: 'person', id: author.id, baseRevision: replied.revision, thread: thread.id, resolved: true });
    expect(resolved.review!.comments[0].resolved).toMatchObject({ by: author.id });
    const reopened = await call<Person>('comments.resolve', { kind: 'person', id: author.id, baseRevision: resolved.revision, thread: thread.id, resolved: false });
    expect(reopened.review!.comments[0].resolved).toBeNull();
    const stored = await onDisk();
    expect(stored.revision).toBe(reopened.revision);
    expect(stored.review!.comments[0].messages).toHaveLength(2);
    // The bio itself is untouched by comments.
    expect(stored.bio).toEqual(author.bio);
  });

  it('refuses a stale base, an empty comment, a part other than the bio and an unknown person, writing nothing', async () => {
    const { call, author, editor, onDisk } = await start();
    await call('profile.set', { personId: editor.id, role: 'editor' });
    const file = JSON.stringify(await onDisk());
    const rev = (await onDisk()).revision;
    const add = (input: Record<string, unknown>) => call('comments.add', { kind: 'person', id: author.id, baseRevision: rev, part: 'bio', text: 'x', ...input });
    await expect(add({ baseRevision: rev + 5 })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('was changed since you opened it') });
    await expect(add({ text: '   ' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Write a comment first') });
    await expect(add({ part: 'summary' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('comment on `bio`') });
    await expect(add({ kind: 'group' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(add({ id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('comments.reply', { kind: 'person', id: author.id, baseRevision: rev, thread: author.id, text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A person id given as an article (the default kind) is not found as an article.
    await expect(call('comments.add', { id: author.id, baseRevision: rev, part: 'bio', text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.stringify(await onDisk())).toBe(file);
  });
});
