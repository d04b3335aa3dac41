import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../../src/main/services/Services';
import type { Comparison } from '../../../src/shared/model/comparison';
import type { Person } from '../../../src/shared/model/person';
import { docFromText, type InlineDoc } from '../../../src/shared/model/richText';
import { seededDispatcher } from '../storeTestKit';

/** The seeded workspace behind the real dispatcher, with its author and editor. */
async function start() {
  const { dir, services, call, emit } = await seededDispatcher();
  const id = services.store.listComparisons()[0].id;
  const c = await services.store.getComparison(id);
  const people = services.store.listPeople();
  const author = people.find((p) => p.id === c.byline.authorId)!;
  const editor = people.find((p) => p.id === c.byline.editorId)!;
  const as = (person: Person, role: 'writer' | 'editor') => call('profile.set', { personId: person.id, role });
  const current = () => services.store.getComparison(id);
  const act = async (action: string, extra: Record<string, unknown> = {}) => {
    const now = await current();
    return call<Comparison>('review.comparison', { id, baseRevision: now.revision, action, ...extra });
  };
  return { dir, services, call, id, author, editor, as, current, act, emit };
}

const statusOf = (s: Services) => s.store.listComparisons()[0].status;

describe('review through the services', () => {
  it('refuses review actions until a profile is chosen, and names the fix', async () => {
    const { act, call } = await start();
    expect(await call('profile.get', {})).toBeNull();
    await expect(act('submit')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Choose who you are first') });
  });

  it('takes an article from draft to signed off, snapshotting each step, with status in the list', async () => {
    const { services, as, act, author, editor, call, dir, id } = await start();
    expect(statusOf(services)).toBe('draft');
    await as(author, 'writer');
    await act('submit');
    expect(statusOf(services)).toBe('in_review');
    await as(editor, 'editor');
    await act('approve', { sections: ['header', 'summary', 'keyDifferences', 'chart', 'definitions', 'faqs', 'byline'] });
    expect(statusOf(services)).toBe('approved');
    // The checklist blocks sign-off while the bios are not signed off.
    await expect(act('sign_off')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/The checklist has 2 errors: The author.s bio \(.+\) is not signed off yet/) });
    // The editor signs off the author's bio; their own bio needs someone else.
    const bio = (p: Person, action: string) => call<Person>('review.person', { id: p.id, baseRevision: services.store.listPeople().find((x) => x.id === p.id)!.revision, action });
    await bio(author, 'approve');
    await bio(author, 'sign_off');
    await expect(bio(editor, 'approve')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('cannot review their own bio') });
    await as(author, 'editor');
    await bio(editor, 'approve');
    await bio(editor, 'sign_off');
    await as(editor, 'editor');
    const signed = await act('sign_off');
    expect(signed.review?.signOff).toMatchObject({ by: editor.id });
    expect(statusOf(services)).toBe('signed_off');
    const snapshots = (await readdir(join(dir, 'history', id))).sort((a, b) => parseInt(a) - parseInt(b));
    const reasons = await Promise.all(snapshots.map(async (f) => (JSON.parse(await readFile(join(dir, 'history', id, f), 'utf8')) as { reason: string; by: string }).reason));
    expect(reasons).toEqual(['submit', 'approve', 'sign-off']);
  });

  it('refuses the author approving their own article in the service, writing nothing', async () => {
    const { as, act, author, dir, id } = await start();
    await as(author, 'editor');
    const before = await readFile(join(dir, 'comparisons', `${id}.json`), 'utf8');
    await expect(act('approve', { parts: ['summary'] })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Four-eyes rule') });
    expect(await readFile(join(dir, 'comparisons', `${id}.json`), 'utf8')).toBe(before);
  });

  it('keeps approvals out of reach of an ordinary save, and an edit un-approves only its part', async () => {
    const { services, as, act, author, editor, call, current } = await start();
    await as(author, 'writer');
    await act('submit');
    await as(editor, 'editor');
    await act('approve', { sections: ['summary', 'faqs'] });
    const c = await current();
    // A page that tries to approve everything by saving review data is ignored.
    const forged = { ...c, review: { ...c.review!, parts: Object.fromEntries(Object.entries(c.review!.parts).map(([k, v]) => [k, { ...v, state: 'approved' }])) } };
    const saved = await call<Comparison>('comparisons.save', { comparison: { ...forged, summary: docFromText('Rewritten.') as InlineDoc }, baseRevision: c.revision });
    expect(saved.review).toEqual(c.review);
    const summary = (await import('../../../src/shared/review/status')).reviewOfComparison(saved).parts.find((p) => p.key === 'summary');
    expect(summary?.state).toBe('changed');
    expect(statusOf(services)).toBe('in_review');
  });

  it('adds, replies to, resolves and reopens comment threads; refuses empty and stale ones', async () => {
    const { as, call, current, editor, id } = await start();
    await as(editor, 'editor');
    const c = await current();
    const row = `chart:${c.chart.rows[0].id}`;
    const withThread = await call<Comparison>('comments.add', { id, baseRevision: c.revision, part: row, text: 'Is this cell right?' });
    const thread = withThread.review!.comments[0];
    expect(thread).toMatchObject({ part: row, anchor: null, resolved: null, messages: [{ by: editor.id, text: 'Is this cell right?' }] });
    const replied = await call<Comparison>('comments.reply', { id, baseRevision: withThread.revision, thread: thread.id, text: 'Fixed.' });
    expect(replied.review!.comments[0].messages.map((m) => m.text)).toEqual(['Is this cell right?', 'Fixed.']);
    const resolved = await call<Comparison>('comments.resolve', { id, baseRevision: replied.revision, thread: thread.id, resolved: true });
    expect(resolved.review!.comments[0].resolved).toMatchObject({ by: editor.id });
    const reopened = await call<Comparison>('comments.resolve', { id, baseRevision: resolved.revision, thread: thread.id, resolved: false });
    expect(reopened.review!.comments[0].resolved).toBeNull();
    await expect(call('comments.add', { id, baseRevision: reopened.revision, part: row, text: '   ' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Write a comment first') });
    await expect(call('comments.add', { id, baseRevision: 1, part: row, text: 'stale' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('comments.reply', { id, baseRevision: reopened.revision, thread: c.id, text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a profile naming someone outside the workspace', async () => {
    const { call } = await start();
    await expect(call('profile.set', { personId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', role: 'editor' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
