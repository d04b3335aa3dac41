import fc from 'fast-check';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyImport, planImport, readBundle } from '../../../src/main/bundle/import';
import { contentHash } from '../../../src/main/bundle/contentHash';
import { HistoryStore, snapshotText } from '../../../src/main/history/HistoryStore';
import { checkedRecord, isCheckedRecord, pooled, sealChecked, writeFilesDurable } from '../../../src/main/store/batchWrite';
import { comparisonSchema, type Comparison } from '../../../src/shared/model/comparison';
import { personSchema, type Person } from '../../../src/shared/model/person';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
import type { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { errnoError, fileSnapshot, openReadLimit, tempDir } from '../storeTestKit';
import { bundleOf, exportTo, expectImportUndone, importAll as importInto, opened, openStore, treeHash } from './importKit';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const NOW = new Date(Date.UTC(2024, 5, 2));

/** The seed workspace (rich articles and people) exported, read back, planned and applied into an empty one. */
async function importSeed() {
  const source = await openStore({ seed: true });
  const bundle = await exportTo(source, 'seed.zip');
  const contents = await readBundle(bundle);
  const into = await openStore();
  const history = HistoryStore.forStore(into);
  const plan = await planImport(into, contents, history);
  await applyImport(into, contents, plan, {}, { by: 'tester', now: NOW, history });
  return { contents, into };
}

describe('what an import writes', () => {
  it('writes each record as its checked text, and embeds that same text in its import snapshot', async () => {
    const { contents, into } = await importSeed();
    expect(contents.articles.length).toBeGreaterThan(0);
    for (const a of contents.articles) {
      const file = await readFile(join(into.path, 'comparisons', `${a.record.id}.json`), 'utf8');
      const stored = comparisonSchema.parse(JSON.parse(file));
      // The exact text of the record that was checked: canonical, valid, the bundle's record.
      expect(file).toBe(stableStringify(stored));
      expect(file).toBe(stableStringify(a.record));
      const snapshots = await readdir(join(into.path, 'history', a.record.id));
      expect(snapshots).toEqual([`${stored.revision}.json`]);
      const snapshot = await readFile(join(into.path, 'history', a.record.id, snapshots[0] as string), 'utf8');
      const parsed = JSON.parse(snapshot) as { record: Comparison; contentHash: string; lineage: string[]; reason: string };
      // The snapshot spliced from the record's text is byte for byte what serializing it whole gives.
      expect(snapshot).toBe(stableStringify(parsed));
      expect(stableStringify(parsed.record)).toBe(file);
      expect(parsed.contentHash).toBe(contentHash(stored));
      expect(parsed.lineage).toEqual(a.lineage);
      expect(parsed.reason).toBe('import');
    }
  });

  it('hands on records that were read frozen, so what was checked is what is written', async () => {
    const source = await openStore({ seed: true });
    const contents = await readBundle(await exportTo(source, 'seed.zip'));
    const record = contents.articles[0]?.record as Comparison;
    expect(Object.isFrozen(record) && Object.isFrozen(record.summary) && Object.isFrozen(record.terms[0])).toBe(true);
    expect(() => {
      (record as { title: string }).title = '';
    }).toThrow(TypeError);
    // Trusted without a second parse, with the same text a full check gives.
    expect(checkedRecord(comparisonSchema, record, 'x').text).toBe(checkedRecord(comparisonSchema, structuredClone(record), 'x').text);
  });
});

describe('checkedRecord and sealChecked', () => {
  const seedArticle = async (): Promise<Comparison> => {
    const store = await openStore({ seed: true });
    return store.getComparison(store.listComparisons()[0]?.id as string);
  };

  it('checks a value sealed for another schema, and a look-alike of a checked record is not trusted', async () => {
    const article = await seedArticle();
    // Sealed as a valid article, it is still parsed (and refused) when checked as a person.
    const sealed = sealChecked(comparisonSchema, comparisonSchema.parse(article));
    expect(checkedRecord(comparisonSchema, sealed, 'a').data).toBe(sealed);
    expect(() => checkedRecord(personSchema, sealed as never, 'p')).toThrow(/Could not save “p”/);
    const lookAlike = { data: { ...article, title: '' }, text: '{}' };
    expect(isCheckedRecord(lookAlike)).toBe(false);
    expect(isCheckedRecord(checkedRecord(comparisonSchema, article, 'a'))).toBe(true);
  });

  it('refuses an unsealed invalid record in the words the caller gives, writing nothing', async () => {
    const article = await seedArticle();
    expect(() => checkedRecord(comparisonSchema, { ...article, slug: 'Not A Slug' }, 'A', (reason) => `A would not be valid after the import: ${reason}`)).toThrow(
      /^A would not be valid after the import: .*slug/i,
    );
    const store = opened[opened.length - 1];
    const dir = store?.path as string;
    const before = await fileSnapshot(dir);
    await expect(store?.withRecordWriter((w) => w.putComparisons([{ ...article, summary: { type: 'doc' } as never }]))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await fileSnapshot(dir)).toEqual(before);
  });
});

describe('snapshotText', () => {
  it('equals serializing the snapshot whole, for any record and header', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('a\nb', '"\\n"', '\u2028', 'é\u{1F600}', '  indented\n  '));
    const meta = fc.record(
      { at: text, by: text, reason: text, kind: fc.constantFrom('comparison', 'person'), contentHash: text, lineage: fc.array(text, { maxLength: 3 }) },
      { requiredKeys: ['at', 'by', 'reason', 'kind', 'contentHash'] },
    );
    const record = fc.dictionary(fc.oneof(fc.string(), fc.constant('0')), fc.jsonValue(), { maxKeys: 6 });
    fc.assert(
      fc.property(meta, record, (m, r) => {
        expect(snapshotText(m, stableStringify(r))).toBe(stableStringify({ ...m, record: r }));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a header with a key that sorts after "record"', () => {
    expect(() => snapshotText({ at: 'x', zed: 1 }, '{}\n')).toThrow(/sorting before "record"/);
  });
});

describe('writeFilesDurable with new files', () => {
  it('takes a link that was made but answered EEXIST (a retried call on a network share) as made, and refuses a name that is taken', async () => {
    const dir = await tempDir();
    const fs: FsLayer = {
      ...nodeFs,
      link: async (from, to) => {
        await nodeFs.link?.(from, to);
        throw errnoError('EEXIST');
      },
    };
    await writeFilesDurable([{ path: join(dir, 'a.json'), data: 'ours\n', create: true }], fs);
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('ours\n');
    await writeFile(join(dir, 'b.json'), 'theirs\n');
    await expect(writeFilesDurable([{ path: join(dir, 'b.json'), data: 'ours\n', create: true }], nodeFs)).rejects.toMatchObject({ code: 'CONFLICT', message: /b\.json meanwhile; it was left as it is/ });
    expect(await readFile(join(dir, 'b.json'), 'utf8')).toBe('theirs\n');
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json']);
  });
});

describe('pooled', () => {
  it('runs every task once with at most `limit` at a time, each slot moving on as soon as its task ends', async () => {
    let running = 0;
    let most = 0;
    const ran: number[] = [];
    await pooled(20, 3, async (i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, i % 4));
      ran.push(i);
      running--;
    });
    expect(most).toBe(3);
    expect([...ran].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('starts nothing after a failure, lets the running tasks settle, then throws the first error', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = pooled(50, 4, async (i) => {
      started.push(i);
      await new Promise((resolve) => setTimeout(resolve, 2));
      settled++;
      if (i === 5) throw new Error('disk full');
    });
    await expect(run).rejects.toThrow('disk full');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(12);
  });
});

describe('an import in many pipelined batches', () => {
  const ARTICLES = 40;
  /** Eight articles a batch: five batches, each prepared while the one before is written. */
  const BATCH = 8;

  const importAll = (into: WorkspaceStore, bundle: string) => importInto(into, bundle, { now: NOW, articleBatch: BATCH });
  /** Bundles of the same articles twice: as created, then each with a new revision (the first is imported, then the second updates every article). */
  const twoRevisions = async (count = ARTICLES) => {
    const source = await openStore();
    for (let i = 0; i < count; i++) await source.createComparison([`Term ${i}`, `Other ${i}`]);
    const first = await exportTo(source, 'first.zip');
    for (const s of source.listComparisons()) {
      const c = await source.getComparison(s.id);
      await source.saveComparison({ ...c, chart: { ...c.chart, headerLabel: 'Edited' } }, c.revision);
    }
    return { first, second: await exportTo(source, 'second.zip') };
  };

  it('writes every article with its snapshot, and puts the workspace back byte for byte when a later batch fails', async () => {
    const bundle = await bundleOf(ARTICLES);
    const plain = await openStore();
    const result = await importAll(plain, bundle);
    expect(result.written).toHaveLength(ARTICLES);
    expect(result.snapshots).toBe(ARTICLES);
    for (const s of plain.listComparisons()) expect((await HistoryStore.forStore(plain).list(s.id)).map((e) => e.reason)).toEqual(['import']);

    let armed = false;
    let count = 0;
    // New articles are never read (no old text to keep); the 4th batch's files (new: linked into
    // place) come after the 3rd batch is written.
    const nth = 3 * BATCH + 3;
    /** Record files read before the failure (the rollback's reads come after it). */
    const read: string[] = [];
    const fs: FsLayer = {
      ...nodeFs,
      readFile: async (path) => {
        if (armed && count < nth && /comparisons[\\/]/.test(path)) read.push(path);
        return nodeFs.readFile(path);
      },
      link: async (from, to) => {
        if (armed && from.includes('comparisons') && ++count === nth) throw errnoError('ENOSPC');
        return nodeFs.link?.(from, to);
      },
      // A full disk fails the check-and-rename that follows a failed link as well.
      rename: async (from, to) => {
        if (count >= nth && from.includes('comparisons')) throw errnoError('ENOSPC');
        return nodeFs.rename(from, to);
      },
    };
    await expectImportUndone(fs, () => (armed = true), (store) => importAll(store, bundle));
    expect(count).toBeGreaterThanOrEqual(nth);
    expect(read).toEqual([]);
  });

  it('never replaces an article file another program creates during the import: it is left as it is, and the rest undone', async () => {
    const bundle = await bundleOf(ARTICLES);
    // Their file appears as the 3rd batch's first article is put in place: the same article, retitled.
    const article = (await readBundle(bundle)).articles[2 * BATCH]?.record as Comparison;
    const theirs = stableStringify({ ...article, title: 'Their own title', titleEdited: true });
    for (const how of ['link', 'link refused', 'no link()'] as const) {
      const other = anotherProgram(`${article.id}.json`, theirs, how);
      const into = await openStore({ fs: other.fs });
      await into.flushIndex();
      other.armed = true;
      const failure = importAll(into, bundle);
      await expect(failure).rejects.toMatchObject({ code: 'CONFLICT', message: new RegExp(`nothing was changed: “${literal(article.title)}”: another program created comparisons/[0-9A-Z]{26}\\.json meanwhile; it was left as it is\\. Plan the import again\\.`) });
      // Their file is as they wrote it, and it is the only article file: the two batches written before were taken back.
      const taken = await other.theirsKept(how);
      // No temp file left either.
      expect(await readdir(join(into.path, 'comparisons'))).toEqual([basename(taken)]);
      // The list shows their article, as any file another program adds.
      expect(into.listComparisons().map((c) => c.title)).toEqual(['Their own title']);
      expect(await readdir(join(into.path, 'history')).catch(() => [])).toEqual([]);
    }
  });

  it('never replaces an article file another program creates between the plan and the apply', async () => {
    const contents = await readBundle(await bundleOf(ARTICLES));
    const article = contents.articles[2 * BATCH]?.record as Comparison;
    const theirs = stableStringify({ ...article, title: 'Their own title', titleEdited: true });
    const into = await openStore();
    const history = HistoryStore.forStore(into);
    const plan = await planImport(into, contents, history);
    expect(plan.items.find((i) => i.id === article.id)?.action).toBe('new');
    const path = join(into.path, 'comparisons', `${article.id}.json`);
    await writeFile(path, theirs);
    await expect(applyImport(into, contents, plan, {}, { by: 'tester', now: NOW, history, articleBatch: BATCH })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await readFile(path, 'utf8')).toBe(theirs);
    expect(await readdir(join(into.path, 'comparisons'))).toEqual([`${article.id}.json`]);
    expect(into.listComparisons().map((c) => c.title)).toEqual(['Their own title']);
  });

  it('reads the old text of every article it updates, and puts it back when a read in a later batch fails', async () => {
    const { first, second } = await twoRevisions();
    let armed = false;
    let reads = 0;
    // A read in the 3rd or 4th batch: old texts are read while the batch before is written, and
    // each file again just before it is replaced (to check it still holds what was read).
    const nth = 3 * BATCH + 2;
    const fs: FsLayer = {
      ...nodeFs,
      readFile: async (path) => {
        if (armed && /comparisons[\\/]/.test(path) && ++reads === nth) throw errnoError('EIO');
        return nodeFs.readFile(path);
      },
    };
    const into = await openStore({ fs, seed: true });
    await importAll(into, first);
    await into.flushIndex();
    const before = await treeHash(into.path);
    armed = true;
    await expect(importAll(into, second)).rejects.toMatchObject({ code: 'IO', message: /nothing was changed/ });
    expect(reads).toBeGreaterThanOrEqual(nth);
    expect(await treeHash(into.path)).toBe(before);
    // Unarmed, the same import goes through and reads every old text once.
    armed = false;
    const updated = await importAll(into, second);
    expect(updated.written.map((w) => w.outcome)).toEqual(Array.from({ length: ARTICLES }, () => 'updated'));
  });

  it('stops before the next batch once its signal is aborted, and takes back the batches written', async () => {
    const bundle = await bundleOf(ARTICLES);
    let created = 0;
    const fs: FsLayer = {
      ...nodeFs,
      link: async (from, to) => {
        if (/comparisons[\\/][0-9A-Z]{26}\.json$/.test(to)) created++;
        return (nodeFs.link as NonNullable<FsLayer['link']>)(from, to);
      },
    };
    const into = await openStore({ fs, seed: true });
    await into.flushIndex();
    const before = await treeHash(into.path);
    const stop = new AbortController();
    const contents = await readBundle(bundle);
    const history = HistoryStore.forStore(into);
    const plan = await planImport(into, contents, history);
    // Aborted once the third batch (articles 16-23) is written: the fourth is never written.
    const onProgress = (done: number) => void (done === 2 * BATCH && stop.abort(new Error('stopped here')));
    await expect(applyImport(into, contents, plan, {}, { by: 'tester', now: NOW, history, articleBatch: BATCH, onProgress, signal: stop.signal })).rejects.toMatchObject({
      code: 'IO',
      message: /nothing was changed: stopped here/,
      details: { undone: true },
    });
    expect(created).toBe(3 * BATCH);
    expect(await treeHash(into.path)).toBe(before);
    expect(into.listComparisons().map((s) => s.slug)).toEqual(['social-media-vs-social-networking']);
  });

  it('updates a batch of articles where a process may have only 96 files open: their old texts are read a few at a time', async () => {
    const { first, second } = await twoRevisions(120);
    const limited = openReadLimit(96);
    const into = await openStore({ fs: limited.fs });
    await importInto(into, first, { now: NOW });
    // One batch (the default 512) of 120 articles, each replacing a local one.
    const updated = await importInto(into, second, { now: NOW });
    expect(updated.written.map((w) => w.outcome)).toEqual(Array.from({ length: 120 }, () => 'updated'));
    // Never more than REPLACED_READS (64) old texts at once, nor more than planning reads.
    expect(limited.peak()).toBeLessThanOrEqual(64);
  });

  it('never replaces an article another program saves during the import: its save is left as it is, and the rest undone', async () => {
    const { first, second: secondZip } = await twoRevisions();
    const second = await readBundle(secondZip);
    // The 3rd batch's first article. Another program saves it (a new revision) after the import
    // computed what to write, either before the import reads its old text (to put back on a
    // rollback: as the 1st batch is written) or after (once its new text is in a temp file, just
    // before it would be replaced).
    const target = `${second.articles[2 * BATCH]?.record.id as string}.json`;
    for (const when of ['before the read', 'before the rename'] as const) {
      let armed = false;
      let theirs: string | null = null;
      let path = '';
      const save = async () => {
        const old = JSON.parse(await nodeFs.readFile(path)) as Comparison;
        theirs = stableStringify({ ...old, revision: old.revision + 1, updatedAt: new Date(Date.UTC(2030, 0, 1)).toISOString(), chart: { ...old.chart, headerLabel: 'Theirs' } });
        await writeFile(path, theirs);
      };
      const fs: FsLayer = {
        ...nodeFs,
        open: async (file, flags) => {
          const temp = basename(file);
          if (armed && theirs === null && temp.startsWith('.') && temp.endsWith('.tmp') && (when === 'before the read' || temp.startsWith(`.${target}.`))) await save();
          // Slow snapshots: the batch before is still writing its own when the next one fails (the
          // rollback must wait for them).
          if (when === 'before the read' && theirs !== null && file.includes(`${sep}history${sep}`)) await new Promise((resolve) => setTimeout(resolve, 200));
          return nodeFs.open(file, flags);
        },
      };
      const into = await openStore({ fs });
      await importAll(into, first);
      await into.flushIndex();
      path = join(into.path, 'comparisons', target);
      const files = async () => new Map([...(await fileSnapshot(into.path))].filter(([file]) => !file.includes('.versus-desk')));
      const before = await files();
      const plan = await planImport(into, second, HistoryStore.forStore(into));
      armed = true;
      await expect(applyImport(into, second, plan, {}, { by: 'tester', now: NOW, articleBatch: BATCH })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: /nothing was changed: “.+”: another program changed comparisons\/[0-9A-Z]{26}\.json meanwhile; it was left as it is\. Plan the import again\./,
      });
      expect(theirs, when).not.toBeNull();
      // Anything still writing when the import gave up (it must not be: the rollback waits) lands by now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Every file as it was, the batches written before taken back, but theirs as they saved it.
      expect(await files()).toEqual(new Map(before).set(path, Buffer.from(theirs as unknown as string).toString('base64')));
      expect(into.listComparisons().find((c) => `${c.id}.json` === target)?.revision, when).toBe((JSON.parse(theirs as unknown as string) as Comparison).revision);
    }
  });

  it('writes no import snapshot before its record file is in place (a crash never leaves a snapshot of a revision not on disk)', async () => {
    const bundle = await bundleOf(ARTICLES);
    let root = '';
    let snapshotsOpened = 0;
    const early: string[] = [];
    const fs: FsLayer = {
      ...nodeFs,
      // A slow disk: new files (linked into place) and renames lag, so anything written alongside them has time to land first.
      link: async (from, to) => {
        await new Promise((done) => setTimeout(done, 5));
        return nodeFs.link?.(from, to);
      },
      rename: async (from, to) => {
        await new Promise((done) => setTimeout(done, 5));
        return nodeFs.rename(from, to);
      },
      open: async (path, flags) => {
        const m = /[\\/]history[\\/]([0-9A-Z]{26})[\\/]\d+\.json$/.exec(path);
        if (m && flags === 'wx') {
          snapshotsOpened++;
          const record = await nodeFs.stat(join(root, 'comparisons', `${m[1]}.json`)).catch(() => null);
          if (!record) early.push(m[1] as string);
        }
        return nodeFs.open(path, flags);
      },
    };
    const into = await openStore({ fs });
    root = into.path;
    const result = await importAll(into, bundle);
    expect(result.written).toHaveLength(ARTICLES);
    expect(snapshotsOpened).toBe(ARTICLES);
    expect(early).toEqual([]);
  });
});

describe('people an import brings in', () => {
  it('never replaces a person file another program creates during the import: it is left as it is, and the rest undone', async () => {
    const source = await openStore({ seed: true });
    const contents = await readBundle(await exportTo(source, 'seed.zip'));
    expect(contents.people.length).toBeGreaterThan(1);
    // Their file appears as the last person is put in place (the same person, renamed): the people
    // written before are taken back.
    const person = contents.people.at(-1)?.record as Person;
    const theirs = stableStringify({ ...person, name: 'Their own name' });
    for (const how of ['link', 'no link()'] as const) {
      const other = anotherProgram(`${person.id}.json`, theirs, how);
      const into = await openStore({ fs: other.fs });
      const history = HistoryStore.forStore(into);
      const plan = await planImport(into, contents, history);
      other.armed = true;
      await expect(applyImport(into, contents, plan, {}, { by: 'tester', now: NOW, history })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: new RegExp(`nothing was changed: ${literal(person.name)}: another program created people/[0-9A-Z]{26}\\.json meanwhile; it was left as it is\\. Plan the import again\\.`),
      });
      const taken = await other.theirsKept(how);
      expect(await readdir(join(into.path, 'people'))).toEqual([basename(taken)]);
      expect(await readdir(join(into.path, 'comparisons'))).toEqual([]);
      expect(into.listPeople().map((p) => p.name)).toEqual(['Their own name']);
      expect(await readdir(join(into.path, 'history')).catch(() => [])).toEqual([]);
    }
  });
});

describe('people an import replaces', () => {
  it('never replaces a person another program saves during the import: their save stays, and the rest is undone', async () => {
    const source = await openStore({ seed: true });
    const first = await exportTo(source, 'first.zip');
    for (const p of source.listPeople()) await source.savePerson({ ...p, credentials: `${p.credentials} (updated)` }, p.revision);
    const second = await readBundle(await exportTo(source, 'second.zip'));
    const person = second.people.at(-1)?.record as Person;
    let armed = false;
    let theirs: string | null = null;
    let path = '';
    const fs: FsLayer = {
      ...nodeFs,
      // Another program saves the person once the import has its new text in a temp file, just before it would replace it.
      open: async (file, flags) => {
        if (armed && theirs === null && basename(file).startsWith(`.${person.id}.json.`)) {
          const old = JSON.parse(await nodeFs.readFile(path)) as Person;
          theirs = stableStringify({ ...old, revision: old.revision + 1, name: 'Their own name' });
          await writeFile(path, theirs);
        }
        return nodeFs.open(file, flags);
      },
    };
    const into = await openStore({ fs });
    await importInto(into, first, { now: NOW });
    path = join(into.path, 'people', `${person.id}.json`);
    const files = async () => new Map([...(await fileSnapshot(into.path))].filter(([file]) => !file.includes('.versus-desk')));
    const before = await files();
    const history = HistoryStore.forStore(into);
    const plan = await planImport(into, second, history);
    expect(plan.items.filter((i) => i.kind === 'person').map((i) => i.action)).toEqual(second.people.map(() => 'updated'));
    armed = true;
    await expect(applyImport(into, second, plan, {}, { by: 'tester', now: NOW, history })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: new RegExp(`nothing was changed: ${literal(person.name)}: another program changed people/[0-9A-Z]{26}\\.json meanwhile; it was left as it is\\. Plan the import again\\.`),
    });
    expect(theirs).not.toBeNull();
    // Every file as it was (the people updated before it put back), but theirs as they saved it.
    expect(await files()).toEqual(new Map(before).set(path, Buffer.from(theirs as unknown as string).toString('base64')));
    expect(into.listPeople().map((p) => p.name)).toContain('Their own name');
  });
});

/**
 * A file system on which, once armed, another program writes `theirs` at the name `target`
 * just before the import puts a new file there: before the link (with hard links), or before
 * the check that comes before the rename (without them: no `link()`, or one refused as FAT's is).
 */
function anotherProgram(target: string, theirs: string, how: 'link' | 'link refused' | 'no link()') {
  let taken: string | null = null;
  const other = {
    armed: false,
    fs: { ...nodeFs } as FsLayer,
    /** Their file, checked to hold exactly what they wrote. */
    async theirsKept(label: string): Promise<string> {
      expect(taken, label).not.toBeNull();
      expect(await readFile(taken as unknown as string, 'utf8')).toBe(theirs);
      return taken as unknown as string;
    },
  };
  const appear = async (path: string) => {
    if (!other.armed || taken !== null || !path.endsWith(target)) return;
    taken = path;
    await writeFile(path, theirs);
  };
  other.fs.link = async (from, to) => {
    // Windows reports FAT's refusal as EISDIR: any error but EEXIST means "check, then rename".
    if (how === 'link refused' && other.armed) throw errnoError('EISDIR');
    await appear(to);
    return nodeFs.link?.(from, to);
  };
  other.fs.stat = async (path) => {
    if (how !== 'link') await appear(path);
    return nodeFs.stat(path);
  };
  if (how === 'no link()') delete other.fs.link;
  return other;
}

/** `text` as a regular expression matching exactly it. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
