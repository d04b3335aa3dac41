import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntryDeflater } from '../../../src/main/bundle/entryDeflater';
import { exportBundle } from '../../../src/main/bundle/exportBundle';
import { resolveLimits } from '../../../src/main/bundle/import/bundleLimits';
import { readZipEntries } from '../../../src/main/bundle/import/zipEntries';
import { writeZipFile } from '../../../src/main/bundle/zipWriter';
import type { Comparison } from '../../../src/shared/model/comparison';
import { docFromText } from '../../../src/shared/model/richText';
import { FIXED_NOW, memorySource, seedRecords } from './exportTestKit';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vd-deflate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Compressible text of many sizes (small ones are deflated inline, larger on the worker), and incompressible bytes. */
function mixedContents(): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < 120; i++) {
    const words = Array.from({ length: 1 + i * 7 }, (_, k) => `social ${(k * 7919 + i) % 10007} networking`).join(' ');
    out.push(Buffer.from(`{"n":${i},"text":"${words}"}\n`));
  }
  out.push(randomBytes(5000), randomBytes(300), Buffer.alloc(0));
  return out;
}

describe('EntryDeflater', () => {
  it("gives zlib's own bytes and CRC for every entry, deflated or stored, whether the content is handed over or not", async () => {
    const contents = mixedContents();
    const expected = contents.map((c) => ({ crc: crc32(c), size: c.byteLength, deflated: c.byteLength === 0 ? null : deflateRawSync(c), copy: Buffer.from(c) }));
    const deflater = new EntryDeflater();
    try {
      // Every other entry handed over (its buffer may move to the worker and come back).
      const pending = contents.map((c, i) => deflater.deflate(c, { handOver: i % 2 === 0 }));
      deflater.flush();
      const results = await Promise.all(pending);
      for (const [i, r] of results.entries()) {
        const e = expected[i] as (typeof expected)[number];
        expect(r.crc, `entry ${i}`).toBe(e.crc);
        expect(r.size).toBe(e.size);
        if (e.deflated && e.deflated.byteLength < e.size) {
          expect(r.method).toBe(8);
          expect(r.data.equals(e.deflated), `entry ${i} deflated`).toBe(true);
        } else {
          expect(r.method).toBe(0);
          expect(r.data.equals(e.copy), `entry ${i} stored`).toBe(true);
        }
      }
    } finally {
      await deflater.close();
    }
  });

  it('encodes text as UTF-8 and gives its sha256 with the same deflated bytes, short or long, non-ASCII or not', async () => {
    const texts = ['', 'x', 'Café vs. Tea ☕ '.repeat(10), 'Café vs. Tea ☕ \ud800 '.repeat(400), ...mixedContents().slice(0, 120).map((b) => b.toString('utf8'))];
    const deflater = new EntryDeflater();
    try {
      const pending = texts.map((t) => deflater.deflateText(t));
      deflater.flush();
      const results = await Promise.all(pending);
      for (const [i, r] of results.entries()) {
        const bytes = Buffer.from(texts[i] as string, 'utf8');
        expect(r.sha256, `text ${i}`).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(r.size).toBe(bytes.byteLength);
        expect(r.crc).toBe(crc32(bytes));
        const deflated = bytes.byteLength === 0 ? bytes : deflateRawSync(bytes);
        expect(r.data.equals(deflated.byteLength < bytes.byteLength ? deflated : bytes), `text ${i}`).toBe(true);
      }
    } finally {
      await deflater.close();
    }
  });

  it('rejects the entries not back yet when aborted, and every later one', async () => {
    const controller = new AbortController();
    const deflater = new EntryDeflater(controller.signal);
    const big = Buffer.from('comparison '.repeat(20_000));
    const pending = Array.from({ length: 40 }, () => deflater.deflate(big));
    controller.abort(new Error('cancelled by the user'));
    const settled = await Promise.allSettled(pending);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    await expect(deflater.deflate(big)).rejects.toThrow('cancelled by the user');
    await deflater.close();
  });
});

describe('writeZipFile on the worker', () => {
  it('gives the same zip bytes every time, each entry holding exactly what deflateRawSync gives, and reads back byte for byte', async () => {
    const files = new Map(mixedContents().map((c, i) => [`f/${String(i).padStart(3, '0')}.txt`, c]));
    await writeZipFile(join(dir, 'a.zip'), files);
    await writeZipFile(join(dir, 'b.zip'), new Map([...files].reverse()));
    const [a, b] = await Promise.all([readFile(join(dir, 'a.zip')), readFile(join(dir, 'b.zip'))]);
    expect(a.equals(b)).toBe(true);
    for (const [name, content] of files) {
      const deflated = content.byteLength === 0 ? content : deflateRawSync(content);
      const stored = deflated.byteLength >= content.byteLength ? content : deflated;
      expect(a.includes(Buffer.concat([Buffer.from(name), stored])), name).toBe(true);
    }
    const back = await readZipEntries(join(dir, 'a.zip'), resolveLimits());
    for (const [name, content] of files) expect(back.get(name)?.equals(content), name).toBe(true);
    // The caller's buffers are untouched (only an export hands its own over).
    expect([...files.values()].every((c, i) => i >= 120 || c.toString().startsWith(`{"n":${i},`))).toBe(true);
  });
});

describe('exportBundle to zip with deflating beside the rendering', () => {
  /** Articles whose files are well over the inline size, so the worker deflates them. */
  function bigArticles(count: number): { source: ReturnType<typeof memorySource>; comparisons: Comparison[] } {
    const { comparison: seed, author, editor } = seedRecords();
    const comparisons: Comparison[] = Array.from({ length: count }, (_, i) => ({
      ...seed,
      id: `01J1000000000000000000${String(i).padStart(4, '0')}`,
      slug: `article-${String(i).padStart(3, '0')}`,
      title: `Article ${i}`,
      summary: docFromText(`Summary ${i}: ${'a long paragraph about both terms. '.repeat(60)}`),
    }));
    return { source: memorySource(comparisons, [author, editor]), comparisons };
  }

  it('reports progress up to the total, and the zip is the same bytes on a second export', async () => {
    const { source } = bigArticles(40);
    const progress: Array<[number, number]> = [];
    const opts = { format: 'zip' as const, status: 'any' as const, createdBy: 't', appVersion: '0', now: FIXED_NOW };
    const first = await exportBundle(source, { ...opts, out: join(dir, 'one.zip'), onProgress: (d, t) => progress.push([d, t]) });
    const second = await exportBundle(source, { ...opts, out: join(dir, 'two.zip') });
    expect(first.items).toBe(40);
    expect(progress[0]).toEqual([0, 40]);
    expect(progress.at(-1)).toEqual([40, 40]);
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect((await readFile(first.path)).equals(await readFile(second.path))).toBe(true);
    const back = await readZipEntries(first.path, resolveLimits());
    expect(back.get('comparisons/article-007.md')?.toString()).toContain('Summary 7: a long paragraph');
  });

  it('cancelled half-way, rejects with the reason and leaves nothing in the folder', async () => {
    const { source } = bigArticles(60);
    const controller = new AbortController();
    const run = exportBundle(source, {
      format: 'zip',
      status: 'any',
      createdBy: 't',
      appVersion: '0',
      now: FIXED_NOW,
      out: join(dir, 'cancelled.zip'),
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 30) controller.abort(new Error('cancelled by the user'));
      },
    });
    await expect(run).rejects.toThrow('cancelled by the user');
    expect(await readdir(dir)).toEqual([]);
  });
});
