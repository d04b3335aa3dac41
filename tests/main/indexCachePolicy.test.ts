import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/shared/model/comparison';
import { INDEX_BYTES_PER_CHANGE } from '../../src/main/store/ComparisonIndex';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { synthWorkspace } from '../../bench/synth';
import { tempDir } from './storeTestKit';

/** A workspace of `n` generated articles whose index cache has been written once. */
async function workspaceOf(n: number) {
  const dir = await tempDir();
  const { comparisons } = synthWorkspace({ articles: n, people: 4, seed: 11, signOff: false });
  let store = await WorkspaceStore.open(dir, { create: true, seed: false, indexDelayMs: 60_000 });
  await store.withRecordWriter(async (w) => {
    for (const c of comparisons) await w.putComparison({ ...c, byline: { ...c.byline, authorId: null, editorId: null } });
  });
  await store.close();
  store = await WorkspaceStore.open(dir, { indexDelayMs: 5 });
  await store.close();
  return { dir, comparisons };
}

const indexFile = (dir: string) => join(dir, '.versus-desk', 'index.json');
const settle = () => new Promise((done) => setTimeout(done, 120));

/** Polls until `check` holds (a durable write can take a while on a busy machine). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 25));
  }
}

describe('the index cache write policy', () => {
  it('rewrites a large index only once enough saves piled up to pay for it, and always on close', async () => {
    const { dir, comparisons } = await workspaceOf(60);
    const size = (await stat(indexFile(dir))).size;
    const perFlush = Math.ceil(size / INDEX_BYTES_PER_CHANGE);
    expect(perFlush).toBeGreaterThan(2);
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 5 });
    const before = await readFile(indexFile(dir), 'utf8');
    const save = async (c: Comparison) => {
      const current = await store.getComparison(c.id);
      await store.saveComparison({ ...current, title: `${current.title} (edited)`, titleEdited: true }, current.revision);
      await settle();
    };
    for (let i = 0; i < perFlush - 1; i++) await save(comparisons[i] as Comparison);
    // Settled after each save, yet not rewritten: each rewrite would cost more than an article.
    expect(await readFile(indexFile(dir), 'utf8')).toBe(before);
    await save(comparisons[perFlush] as Comparison);
    const firstEdited = async () => {
      const text = await readFile(indexFile(dir), 'utf8').catch(() => '{}');
      try {
        return /\(edited\)$/.test(JSON.parse(text).comparisons?.[(comparisons[0] as Comparison).id]?.summary.title ?? '');
      } catch {
        return false;
      }
    };
    await eventually(firstEdited);
    await save(comparisons[perFlush + 1] as Comparison);
    await store.close();
    const closed = JSON.parse(await readFile(indexFile(dir), 'utf8'));
    expect(closed.comparisons[(comparisons[perFlush + 1] as Comparison).id].summary.title).toMatch(/\(edited\)$/);
  });

  it('loses nothing when the app dies with the cache stale: the next open re-reads what changed behind it', async () => {
    const { dir, comparisons } = await workspaceOf(30);
    const target = comparisons[3] as Comparison;
    const store = await WorkspaceStore.open(dir, { indexDelayMs: 5, pid: 999_999 });
    const current = await store.getComparison(target.id);
    await store.saveComparison({ ...current, title: 'Saved before the crash', titleEdited: true }, current.revision);
    await settle();
    // The process "dies": no close, so the cache still has the old title; its lock is stale.
    const cached = JSON.parse(await readFile(indexFile(dir), 'utf8'));
    expect(cached.comparisons[target.id].summary.title).not.toBe('Saved before the crash');
    // Another program also edits a second article behind the app's back.
    const other = comparisons[4] as Comparison;
    const file = join(dir, 'comparisons', `${other.id}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).replace(other.title, 'Edited by hand'));
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const reopened = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
    await reopened.whenIndexChecked();
    const titles = new Map(reopened.listComparisons().map((s) => [s.id, s.title]));
    expect(titles.get(target.id)).toBe('Saved before the crash');
    expect(titles.get(other.id)).toBe('Edited by hand');
    await reopened.close();
  });
});
