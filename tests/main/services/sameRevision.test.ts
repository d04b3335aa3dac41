/**
 * Another computer's save of the same revision, come in through a synced folder or a git pull:
 * the revision number alone cannot tell it from the copy the app holds, so the app's saves and
 * review actions also name the save they are based on (its updatedAt), and neither overwrites nor
 * approves a copy nobody here has seen.
 */
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../../src/main/store/durableWrite';
import type { Comparison } from '../../../src/shared/model/comparison';
import type { Person } from '../../../src/shared/model/person';
import { docFromText, type InlineDoc } from '../../../src/shared/model/richText';
import { APP_SENDER as APP, seededDispatcher } from '../storeTestKit';

async function start() {
  const { dir, dispatch, call } = await seededDispatcher();
  const [summary] = await call<Array<{ id: string }>>('comparisons.list', {});
  const file = join(dir, 'comparisons', `${summary!.id}.json`);
  return { dir, dispatch, call, file, id: summary!.id };
}

const summaryOf = (text: string): InlineDoc => docFromText(text) as InlineDoc;

/** What a sync tool does: puts another computer's save of the same revision in place of the file. */
async function syncIn(file: string, edit: (c: Comparison) => Comparison): Promise<string> {
  const theirs = edit(JSON.parse(await readFile(file, 'utf8')) as Comparison);
  const text = stableStringify(theirs);
  await writeFile(file, text);
  return text;
}

describe('a save of the same revision made elsewhere', () => {
  it('is not overwritten by a save based on the copy the app had: a conflict, the file as it came', async () => {
    const { dispatch, call, file, id } = await start();
    const mine = await call<Comparison>('comparisons.get', { id });
    const theirs = await syncIn(file, (c) => ({ ...c, summary: summaryOf('Their summary, saved on the laptop.'), updatedAt: '2031-03-04T05:06:07.000Z' }));
    expect(JSON.parse(theirs).revision).toBe(mine.revision);

    const result = await dispatch('comparisons.save', { comparison: { ...mine, summary: summaryOf('My summary.') }, baseRevision: mine.revision }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toMatch(/changed elsewhere since you opened it: the saved copy is another save of revision \d+ \(saved 2031-03-04T05:06:07.000Z\)/);
    expect(await readFile(file, 'utf8')).toBe(theirs);

    // "Keep mine" (the conflict dialog) rebases onto their copy: then it saves, as the next revision.
    const current = await call<Comparison>('comparisons.get', { id });
    const saved = await call<Comparison>('comparisons.save', {
      comparison: { ...mine, summary: summaryOf('My summary.'), revision: current.revision, updatedAt: current.updatedAt },
      baseRevision: current.revision,
    });
    expect(saved.revision).toBe(mine.revision + 1);
    expect(JSON.parse(await readFile(file, 'utf8')).summary).toEqual(summaryOf('My summary.'));
  });

  it('is not approved or signed off by a reviewer who saw the copy before it', async () => {
    const { dispatch, call, file, id } = await start();
    const mine = await call<Comparison>('comparisons.get', { id });
    const people = await call<Person[]>('people.list', {});
    const editor = people.find((p) => p.id === mine.byline.editorId)!;
    await call('profile.set', { personId: editor.id, role: 'editor' });
    const theirs = await syncIn(file, (c) => ({ ...c, summary: summaryOf('A summary no editor has read.'), updatedAt: '2031-03-04T05:06:07.000Z' }));

    const approve = { id, baseRevision: mine.revision, baseUpdatedAt: mine.updatedAt, action: 'approve', sections: ['summary'] };
    expect(await dispatch('review.comparison', approve, APP)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await readFile(file, 'utf8')).toBe(theirs);

    // Once the reviewer has the copy as stored, the same approval goes through.
    const current = await call<Comparison>('comparisons.get', { id });
    const approved = await call<Comparison>('review.comparison', { ...approve, baseRevision: current.revision, baseUpdatedAt: current.updatedAt });
    expect(approved.review?.parts.summary).toMatchObject({ state: 'approved', by: editor.id });
  });

  it('is no conflict when the file was only written again as it was (a checkout, a sync tool touching it)', async () => {
    const { call, file, id } = await start();
    const mine = await call<Comparison>('comparisons.get', { id });
    await writeFile(file, await readFile(file));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const saved = await call<Comparison>('comparisons.save', { comparison: { ...mine, summary: summaryOf('Edited after the touch.') }, baseRevision: mine.revision });
    expect(saved.revision).toBe(mine.revision + 1);
  });

  it("of a bio is neither overwritten by a save nor approved by a reviewer who read the bio before it", async () => {
    const { dir, dispatch, call, id } = await start();
    const article = await call<Comparison>('comparisons.get', { id });
    const people = await call<Person[]>('people.list', {});
    const author = people.find((p) => p.id === article.byline.authorId)!;
    const editor = people.find((p) => p.id === article.byline.editorId)!;
    const file = join(dir, 'people', `${author.id}.json`);
    const theirs = stableStringify({ ...author, bio: docFromText('A bio written on the laptop that no editor has read.'), updatedAt: '2031-03-04T05:06:07.000Z' });
    await writeFile(file, theirs);

    const save = await dispatch('people.save', { person: { ...author, bio: docFromText('My bio.') }, baseRevision: author.revision }, APP);
    expect(save).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!save.ok && save.error.message).toMatch(new RegExp(`^${author.name} was changed elsewhere since you opened it: the saved copy is another save of revision ${author.revision}`));
    expect(await readFile(file, 'utf8')).toBe(theirs);

    await call('profile.set', { personId: editor.id, role: 'editor' });
    const approve = { id: author.id, baseRevision: author.revision, baseUpdatedAt: author.updatedAt, action: 'approve' };
    expect(await dispatch('review.person', approve, APP)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await readFile(file, 'utf8')).toBe(theirs);

    // Read as stored, it can be approved.
    const current = (await call<Person[]>('people.list', {})).find((p) => p.id === author.id)!;
    const approved = await call<Person>('review.person', { ...approve, baseRevision: current.revision, baseUpdatedAt: current.updatedAt });
    expect(approved.review?.parts.bio).toMatchObject({ state: 'approved', by: editor.id });
  });
});
