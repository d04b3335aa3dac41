import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';
import type { Person } from '../../../src/shared/model/person';
import { addComment, replyToComment, resolveComment, ReviewRefusal, type Actor } from '../../../src/shared/review/actions';
import { reviewOfPerson } from '../../../src/shared/review/status';

const AT = '2025-01-02T03:04:05.000Z';
const LATER = '2025-01-03T00:00:00.000Z';

function seed() {
  const records = buildSeedRecords(new Date('2025-01-01T00:00:00Z'), () => ulid());
  const editor: Actor = { personId: records.editor.id, role: 'editor', name: 'Ed Editor' };
  const writer: Actor = { personId: records.author.id, role: 'writer', name: 'Ann Author' };
  return { person: records.author, editor, writer };
}

const ids = () => ({ thread: ulid(), message: ulid() });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof ReviewRefusal ? { code: error.code, message: error.message } : error;
  }
  return 'not refused';
};

describe('comments on a bio', () => {
  it('adds an unanchored thread on `bio`, replies to it, resolves and reopens it', () => {
    const { person, editor, writer } = seed();
    const thread = ulid();
    const added = addComment(person, editor, { part: 'bio', anchor: null, text: '  Add the year she joined.  ' }, { thread, message: ulid() }, AT);
    expect(added.comments).toEqual([
      { id: thread, part: 'bio', anchor: null, resolved: null, messages: [{ id: expect.any(String), by: editor.personId, at: AT, text: 'Add the year she joined.' }] },
    ]);
    const withThread: Person = { ...person, review: added };
    const replied = replyToComment(withThread, writer, thread, 'Done: 2019.', ulid(), LATER);
    expect(replied.comments[0].messages.map((m) => [m.by, m.text])).toEqual([
      [editor.personId, 'Add the year she joined.'],
      [writer.personId, 'Done: 2019.'],
    ]);
    const resolved = resolveComment({ ...person, review: replied }, editor, thread, true, LATER);
    expect(resolved.comments[0].resolved).toEqual({ by: editor.personId, at: LATER });
    expect(resolveComment({ ...person, review: resolved }, writer, thread, false, LATER).comments[0].resolved).toBeNull();
  });

  it('keeps the bio review state as it was: a comment is not an approval or a change', () => {
    const { person, editor } = seed();
    const before = reviewOfPerson(person);
    const after = reviewOfPerson({ ...person, review: addComment(person, editor, { part: 'bio', anchor: null, text: 'Fine.' }, ids(), AT) });
    expect(after.status).toBe(before.status);
    expect(after.contentHash).toBe(before.contentHash);
  });

  it('refuses a part other than `bio`, and a quoted text selection', () => {
    const { person, editor } = seed();
    expect(refusal(() => addComment(person, editor, { part: 'summary', anchor: null, text: 'x' }, ids(), AT))).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringContaining('comment on `bio`, not `summary`'),
    });
    expect(refusal(() => addComment(person, editor, { part: 'bio', anchor: { field: 'text', from: 0, to: 3, quote: 'Ann' }, text: 'x' }, ids(), AT))).toEqual({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('cannot quote a text selection'),
    });
  });

  it('refuses a reply to a thread the person does not have', () => {
    const { person, editor } = seed();
    expect(refusal(() => replyToComment(person, editor, ulid(), 'x', ulid(), AT))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(() => resolveComment(person, editor, ulid(), true, AT))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
