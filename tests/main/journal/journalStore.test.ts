import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import type { Comparison } from '../../../src/shared/model/comparison';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { faultyFs } from '../faults/faultyFs';
import { recordingFs, seededServices, tempDir, type FsCall } from '../storeTestKit';

async function openSeeded(opts: Partial<Parameters<typeof WorkspaceStore.open>[1]> = {}) {
  const dir = join(await tempDir(), 'ws');
  const store = await WorkspaceStore.open(dir, { create: true, seed: true, indexDelayMs: 60_000, ...opts });
  const doc = await store.getComparison(store.listComparisons()[0].id);
  return { dir, store, doc, journalDir: join(dir, '.versus-desk', 'journal') };
}

describe('the hot-exit journal', () => {
  it('keeps edits the store would refuse (an empty title) and gives them back after a reopen', async () => {
    const { dir, store, doc } = await openSeeded();
    const edited: Comparison = { ...doc, title: '', titleEdited: true };
    await expect(store.saveComparison(edited, doc.revision)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const written = await store.journal.write(edited, 5);
    expect(written.written).toBe(true);
    await store.close();

    const reopened = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    const entries = await reopened.journal.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: doc.id, stamp: 5, doc: { title: '', revision: doc.revision } });
    expect(await reopened.journal.list(doc.id)).toEqual(entries);
    await reopened.close();
  });

  it('writes durably: unique temp file, fsync, rename, folder fsync', async () => {
    const calls: FsCall[] = [];
    const { store, doc, journalDir } = await openSeeded({ fs: recordingFs(calls) });
    calls.length = 0;
    await store.journal.write(doc, 1);
    const target = join(journalDir, `${doc.id}.json`);
    const ops = calls.filter((c) => c.path.startsWith(journalDir)).map((c) => c.op);
    expect(ops.slice(ops.indexOf('open'))).toEqual(['open', 'write', 'sync', 'close', 'rename', 'open', 'sync', 'close']);
    expect(calls.find((c) => c.op === 'rename')?.to).toBe(target);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ format: 1, id: doc.id, stamp: 1 });
    await store.close();
  });

  it('is cleared only up to the stamp the acknowledged save covers; a newer journal stays', async () => {
    const { store, doc, journalDir } = await openSeeded();
    await store.journal.write({ ...doc, title: 'First' }, 10);
    await store.journal.write({ ...doc, title: 'Second' }, 20);
    // A late write from before is ignored, never put over the newer one.
    expect(await store.journal.write({ ...doc, title: 'Late' }, 15)).toMatchObject({ written: false });
    expect((await store.journal.list(doc.id))[0].doc.title).toBe('Second');
    expect(await store.journal.clear(doc.id, 10)).toEqual({ cleared: false });
    expect(await readdir(journalDir)).toEqual([`${doc.id}.json`]);
    expect(await store.journal.clear(doc.id, 20)).toEqual({ cleared: true });
    expect(await readdir(journalDir)).toEqual([]);
    expect(await store.journal.clear(doc.id, 30)).toEqual({ cleared: false });
    await store.close();
  });

  it('is not stuck behind a journal stamped in the future (the clock was set back): new edits replace it and clear it', async () => {
    let clock = Date.UTC(2026, 5, 1, 12, 0, 0);
    const { store, doc } = await openSeeded({ now: () => new Date(clock) });
    // Written an hour ahead of the clock as it is now.
    await store.journal.write({ ...doc, title: 'Before the clock went back' }, clock + 3_600_000);
    const edit = await store.journal.write({ ...doc, title: 'Typed now' }, clock);
    expect(edit.written).toBe(true);
    expect((await store.journal.list(doc.id))[0]).toMatchObject({ stamp: clock, doc: { title: 'Typed now' } });
    expect(await store.journal.clear(doc.id, clock)).toEqual({ cleared: true });
    // Within a minute ahead it still counts as newer: a late write from before does not replace it.
    clock += 1000;
    await store.journal.write({ ...doc, title: 'Newer' }, clock + 30_000);
    expect(await store.journal.write({ ...doc, title: 'Late' }, clock)).toMatchObject({ written: false });
    expect((await store.journal.list(doc.id))[0].doc.title).toBe('Newer');
    await store.close();
  });

  it('is removed when the article is deleted in the app', async () => {
    const { store, doc } = await openSeeded();
    await store.journal.write(doc, 1);
    await store.deleteComparison(doc.id, doc.revision);
    expect(await store.journal.list()).toEqual([]);
    await store.close();
  });

  it.each([
    ['empty', ''],
    ['NUL-filled', '\u0000'.repeat(64)],
    ['truncated', '{"format":1,"id":"'],
    ['a journal holding markup', null],
    ['a prototype key', '{"__proto__":{"polluted":true}}'],
  ])('quarantines a damaged journal (%s) with a notice and goes on', async (_name, text) => {
    const notices: unknown[] = [];
    const { dir, store, doc, journalDir } = await openSeeded();
    await store.journal.write(doc, 1);
    await store.close();
    const file = join(journalDir, `${doc.id}.json`);
    if (text === null) {
      const entry = JSON.parse(await readFile(file, 'utf8'));
      entry.doc.summary = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
      await writeFile(file, JSON.stringify(entry));
    } else await writeFile(file, text);
    const reopened = await WorkspaceStore.open(dir, { indexDelayMs: 60_000, onNotice: (n) => notices.push(n) });
    expect(await reopened.journal.list()).toEqual([]);
    expect(await readdir(journalDir)).toEqual([]);
    const quarantined = await readdir(join(dir, '.versus-desk', 'quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toContain(doc.id);
    expect(notices).toEqual([expect.objectContaining({ kind: 'quarantine', message: expect.stringContaining('journal') })]);
    // The article itself is untouched and still opens.
    expect((await reopened.getComparison(doc.id)).title).toBe(doc.title);
    await reopened.close();
  });

  it('reports a failing disk in words and leaves the previous journal whole', async () => {
    const dir = join(await tempDir(), 'ws');
    const faulty = faultyFs(join(dir, '.versus-desk', 'journal'), 'fsync', 'ENOSPC');
    const store = await WorkspaceStore.open(dir, { create: true, seed: true, indexDelayMs: 60_000, fs: faulty.fs });
    const doc = await store.getComparison(store.listComparisons()[0].id);
    await store.journal.write({ ...doc, title: 'Kept' }, 1);
    faulty.arm('persistent');
    await expect(store.journal.write({ ...doc, title: 'Lost' }, 2)).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('the disk is full (ENOSPC)'),
    });
    expect(faulty.fired()).toBeGreaterThan(0);
    faulty.arm('once', Number.MAX_SAFE_INTEGER);
    expect((await store.journal.list(doc.id))[0].doc.title).toBe('Kept');
    expect((await readdir(join(dir, '.versus-desk', 'journal'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });

  it('through the channels: bad input is refused and writes nothing', async () => {
    const { dir, services } = await seededServices();
    const dispatch = createDispatcher(services, { isTrustedSender: () => true });
    const doc = await services.store.getComparison(services.store.listComparisons()[0].id);
    const sender = { url: 'app://versus-desk/index.html' };
    const markup = { ...doc, summary: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>', marks: [{ type: 'code' }] }] }] } };
    for (const input of [{ doc: markup, stamp: 1 }, { doc: { ...doc, id: '../../etc' }, stamp: 1 }, { doc, stamp: -1 }, { doc }]) {
      expect(await dispatch('journal.write', input, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await dispatch('journal.clear', { id: '../x', stamp: 1 }, sender)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(readdir(join(dir, '.versus-desk', 'journal'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await dispatch('journal.write', { doc: { ...doc, slug: 'half-typed-' }, stamp: 3 }, sender)).toMatchObject({ ok: true });
    expect(await dispatch('journal.list', {}, sender)).toMatchObject({ ok: true, value: [{ id: doc.id, stamp: 3, doc: { slug: 'half-typed-' } }] });
    await services.close();
  });
});
