import { afterEach, describe, expect, it } from 'vitest';
import { applyImport } from '../../../src/main/bundle/import/applyImport';
import { planImport } from '../../../src/main/bundle/import/planImport';
import { readBundle } from '../../../src/main/bundle/import/readBundle';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import type { FsLayer } from '../../../src/main/store/fsLayer';
import { nodeFs } from '../../../src/main/store/fsLayer';
import type { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { docFromText } from '../../../src/shared/model/richText';
import { errnoError } from '../storeTestKit';
import { exportTo, opened, openStore, treeHash } from './importKit';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const NOW = new Date('2025-03-01T10:00:00Z');
const PERSON = '01JP0000000000000000000001';

/** A one-message comment thread on a part. */
function thread(id: string, part: string, text: string) {
  return { id, part, anchor: null, resolved: null, messages: [{ id, by: PERSON, at: '2025-02-01T10:00:00.000Z', text }] };
}

async function only(store: WorkspaceStore) {
  return store.getComparison(store.listComparisons()[0].id);
}

async function importInto(store: WorkspaceStore, bundle: string) {
  const contents = await readBundle(bundle);
  const plan = await planImport(store, contents, HistoryStore.forStore(store));
  return { contents, plan, article: plan.items.find((i) => i.kind === 'comparison')! };
}

/** A writer's seeded workspace and an editor's copy of it, made through a bundle. */
async function writerAndEditor(writerFs?: FsLayer) {
  const writer = await openStore({ seed: true, fs: writerFs });
  const editor = await openStore();
  const { contents, plan } = await importInto(editor, await exportTo(writer, 'draft.zip'));
  await applyImport(editor, contents, plan, {}, { by: 'editor', now: NOW });
  return { writer, editor };
}

describe('import plan and apply', () => {
  it('marks an article edited only by the editor as updated, and takes the edit', async () => {
    const { writer, editor } = await writerAndEditor();
    const c = await only(editor);
    await editor.saveComparison({ ...c, summary: docFromText('The editor rewrote this.') }, c.revision);
    const { contents, plan, article } = await importInto(writer, await exportTo(editor, 'back.zip'));
    expect(article.action).toBe('updated');
    expect(article.parts?.map((p) => [p.partId, p.state])).toEqual([['summary', 'theirs-only']]);
    await applyImport(writer, contents, plan, {}, { by: 'writer', now: NOW });
    expect((await only(writer)).summary).toEqual(docFromText('The editor rewrote this.'));
    // A snapshot of the writer's version was taken before it changed, and one of the result.
    const entries = await HistoryStore.forStore(writer).list(c.id);
    const after = await only(writer);
    expect(entries.map((x) => x.revision)).toEqual([c.revision, after.revision]);
    expect(entries[1].reason).toBe('import');
  });

  it('marks the same content as unchanged and writes nothing', async () => {
    const { writer } = await writerAndEditor();
    const bundle = await exportTo(writer, 'again.zip');
    const before = await treeHash(writer.path);
    const { contents, plan } = await importInto(writer, bundle);
    expect(plan.items.every((i) => i.action === 'unchanged')).toBe(true);
    const result = await applyImport(writer, contents, plan, {}, { by: 'writer', now: NOW });
    expect(result.written).toEqual([]);
    expect(await treeHash(writer.path)).toBe(before);
  });

  it('brings the editor’s comments while keeping the writer’s edit of a different part', async () => {
    const { writer, editor } = await writerAndEditor();
    const e = await only(editor);
    await editor.saveComparison({ ...e, review: { parts: {}, signOff: null, comments: [thread('01JC0000000000000000000001', 'summary', 'Tighten this.')] } }, e.revision, { withReview: true });
    const w = await only(writer);
    await writer.saveComparison({ ...w, faqs: w.faqs.slice(1) }, w.revision);
    const { contents, plan, article } = await importInto(writer, await exportTo(editor, 'comments.zip'));
    expect(article.action).toBe('updated');
    await applyImport(writer, contents, plan, {}, { by: 'writer', now: NOW });
    const after = await only(writer);
    expect(after.faqs).toHaveLength(w.faqs.length - 1);
    expect(after.review?.comments).toEqual([thread('01JC0000000000000000000001', 'summary', 'Tighten this.')]);
  });

  it('finds a conflict through history, merges parts changed on one side and takes the choice for the same part', async () => {
    const { writer, editor } = await writerAndEditor();
    const e = await only(editor);
    const faqId = e.faqs[0].id;
    await editor.saveComparison(
      {
        ...e,
        summary: docFromText('Editor summary.'),
        faqs: [{ ...e.faqs[0], question: 'Editor question?' }, ...e.faqs.slice(1)],
        review: { parts: {}, signOff: null, comments: [thread('01JC00000000000000000000E1', `faq:${faqId}`, 'Hm.')] },
      },
      e.revision,
      { withReview: true },
    );
    const w = await only(writer);
    await writer.saveComparison({ ...w, title: 'Writer title', titleEdited: true, faqs: [{ ...w.faqs[0], question: 'Writer question?' }, ...w.faqs.slice(1)], review: { parts: {}, signOff: null, comments: [thread('01JC00000000000000000000W1', `faq:${faqId}`, 'Mine.')] } }, w.revision, { withReview: true });
    const { contents, plan, article } = await importInto(writer, await exportTo(editor, 'conflict.zip'));
    expect(article.action).toBe('conflicting');
    expect(Object.fromEntries(article.parts!.map((p) => [p.partId, p.state]))).toEqual({ title: 'mine-only', summary: 'theirs-only', [`faq:${faqId}`]: 'both' });
    await expect(applyImport(writer, contents, plan, {}, { by: 'writer', now: NOW })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { parts: [`faq:${faqId}`] } });
    await applyImport(writer, contents, plan, { [article.id]: { parts: { [`faq:${faqId}`]: 'mine' } } }, { by: 'writer', now: NOW });
    const merged = await only(writer);
    expect(merged.title).toBe('Writer title');
    expect(merged.summary).toEqual(docFromText('Editor summary.'));
    expect(merged.faqs[0].question).toBe('Writer question?');
    expect(merged.review?.comments.map((t) => t.messages[0].text)).toEqual(['Mine.', 'Hm.']);
  });

  it('keeps both as a copy with a new id and slug', async () => {
    const { writer, editor } = await writerAndEditor();
    const e = await only(editor);
    await editor.saveComparison({ ...e, summary: docFromText('Editor.') }, e.revision);
    const w = await only(writer);
    await writer.saveComparison({ ...w, summary: docFromText('Writer.') }, w.revision);
    const { contents, plan, article } = await importInto(writer, await exportTo(editor, 'both.zip'));
    expect(article.action).toBe('conflicting');
    const result = await applyImport(writer, contents, plan, { [article.id]: 'both' }, { by: 'writer', now: NOW });
    expect(result.written.map((x) => x.outcome)).toEqual(['copied']);
    const list = writer.listComparisons();
    expect(list.map((s) => s.slug).sort()).toEqual(['social-media-vs-social-networking', 'social-media-vs-social-networking-2']);
    expect((await writer.getComparison(w.id)).summary).toEqual(docFromText('Writer.'));
    expect((await writer.getComparison(result.written[0].id)).summary).toEqual(docFromText('Editor.'));
  });

  it('rolls a failed apply back so the workspace is byte-identical to before', async () => {
    let renames = 0;
    let failAt = Infinity;
    const fs: FsLayer = {
      ...nodeFs,
      rename: async (from, to) => {
        if (++renames === failAt) throw errnoError('ENOSPC');
        return nodeFs.rename(from, to);
      },
    };
    const { writer, editor } = await writerAndEditor(fs);
    const e = await only(editor);
    await editor.saveComparison({ ...e, summary: docFromText('Editor.') }, e.revision);
    const author = editor.listPeople().find((p) => p.id === e.byline.authorId)!;
    await editor.savePerson({ ...author, credentials: 'PhD' }, author.revision);
    const { contents, plan } = await importInto(writer, await exportTo(editor, 'fail.zip'));
    expect(plan.items.filter((i) => i.action === 'updated').map((i) => i.kind).sort()).toEqual(['comparison', 'person']);
    const before = await treeHash(writer.path);
    const summaryBefore = (await only(writer)).summary;
    failAt = renames + 2; // the person is written, then the article's write fails
    await expect(applyImport(writer, contents, plan, {}, { by: 'writer', now: NOW })).rejects.toMatchObject({ code: 'IO', message: /nothing was changed/ });
    expect(await treeHash(writer.path)).toBe(before);
    expect((await only(writer)).summary).toEqual(summaryBefore);
    expect(writer.listPeople().find((p) => p.id === author.id)?.credentials).toBe(author.credentials);
  });
});
