import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveLimits } from '../../../src/main/bundle/import/bundleLimits';
import { readZipEntries } from '../../../src/main/bundle/import/zipEntries';
import { writeZipFile, ZIP_MAX_ENTRIES } from '../../../src/main/bundle/zipWriter';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vd-zip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noise = [randomBytes(600_000), randomBytes(600_000), randomBytes(600_000)];

/** Text that compresses, random bytes that do not, an empty file and a non-ASCII name. */
function sampleFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let i = 0; i < 300; i++) files.set(`comparisons/article-${String(i).padStart(3, '0')}.json`, Buffer.from(`{"n":${i},"text":"${'social media '.repeat(50 + i)}"}\n`));
  // Incompressible (stored, not deflated), and over 1 MB together: the output takes several slices.
  for (let i = 1; i <= 3; i++) files.set(`assets/noise-${i}.bin`, noise[i - 1] as Buffer);
  files.set('empty.txt', Buffer.alloc(0));
  files.set('comparisons/café-vs-tea.md', Buffer.from('# Café vs. Tea\n'));
  files.set('manifest.json', Buffer.from('{}\n'));
  return files;
}

describe('writeZipFile', () => {
  it('writes a zip that yauzl reads back byte for byte, in sorted order, spanning several write slices', async () => {
    const files = sampleFiles();
    const path = join(dir, 'a.zip');
    const progress: number[] = [];
    const size = await writeZipFile(path, files, { onProgress: (done) => progress.push(done) });
    expect(size).toBe((await readFile(path)).byteLength);
    const back = await readZipEntries(path, resolveLimits());
    expect([...back.keys()]).toEqual([...files.keys()].sort());
    for (const [name, data] of files) expect(back.get(name)?.equals(data), name).toBe(true);
    // Compressible text was deflated: the zip is much smaller than its content.
    const text = [...files].filter(([name]) => !name.startsWith('assets/')).reduce((n, [, b]) => n + b.byteLength, 0);
    expect(size - 3 * 600_000).toBeLessThan(text / 3);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(files.size);
  });

  it.runIf(existsSync('/usr/bin/unzip'))('passes `unzip -t` and lists every entry with mode -rw-r--r-- and the 1980 date', async () => {
    const path = join(dir, 'b.zip');
    await writeZipFile(path, sampleFiles());
    const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(test.stdout).toContain('No errors detected');
    expect(test.status).toBe(0);
    const info = spawnSync('zipinfo', [path], { encoding: 'utf8' }).stdout;
    const lines = info.split('\n').filter((l) => /^[-d]r/.test(l));
    expect(lines).toHaveLength(sampleFiles().size);
    for (const line of lines) expect(line).toMatch(/^-rw-r--r--.* 80-Jan-01 00:00 /);
  });

  it('gives the same bytes for the same files, whatever order they were added in', async () => {
    const files = sampleFiles();
    const reversed = new Map([...files].reverse());
    await writeZipFile(join(dir, 'one.zip'), files);
    await writeZipFile(join(dir, 'two.zip'), reversed);
    expect((await readFile(join(dir, 'one.zip'))).equals(await readFile(join(dir, 'two.zip')))).toBe(true);
  });

  it('refuses more entries than a plain zip holds, before creating the file', async () => {
    const files = new Map<string, Buffer>();
    const empty = Buffer.alloc(0);
    for (let i = 0; i <= ZIP_MAX_ENTRIES; i++) files.set(`f${i}`, empty);
    const path = join(dir, 'big.zip');
    await expect(writeZipFile(path, files)).rejects.toThrow(/too large for a zip file: 65,536 files/);
    expect(existsSync(path)).toBe(false);
  });

  it('writes the most entries a plain zip holds, and the default import limits take them back', async () => {
    const files = new Map<string, Buffer>();
    for (let i = 0; i < ZIP_MAX_ENTRIES; i++) files.set(`f${i}.txt`, Buffer.from(String(i)));
    const path = join(dir, 'most.zip');
    await writeZipFile(path, files);
    const back = await readZipEntries(path, resolveLimits());
    expect(back.size).toBe(ZIP_MAX_ENTRIES);
    expect(back.get('f65534.txt')?.toString()).toBe('65534');
  });

  it('stops at an abort between slices and never overwrites an existing file', async () => {
    const controller = new AbortController();
    const path = join(dir, 'c.zip');
    let slices = 0;
    await expect(
      writeZipFile(path, sampleFiles(), {
        signal: controller.signal,
        onProgress: () => {
          if (++slices === 1) controller.abort(new Error('cancelled by the user'));
        },
      }),
    ).rejects.toThrow('cancelled by the user');
    await expect(writeZipFile(path, sampleFiles())).rejects.toMatchObject({ code: 'EEXIST' });
  });
});
