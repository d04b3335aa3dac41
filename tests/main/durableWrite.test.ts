import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableStringify, writeFileDurable } from '../../src/main/store/durableWrite';
import { failingFs, recordingFs, tempDir, type FsCall, type Step } from './storeTestKit';

describe('writeFileDurable', () => {
  it('writes a unique temp file, fsyncs it, renames it over the target and fsyncs the folder, in that order', async () => {
    const dir = await tempDir();
    const target = join(dir, 'record.json');
    const calls: FsCall[] = [];
    await writeFileDurable(target, '{"a":1}\n', recordingFs(calls));
    const temp = calls[0].path;
    expect(temp).toMatch(new RegExp(`^${dir}/\\.record\\.json\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
    expect(calls).toEqual([
      { op: 'open', path: temp, flags: 'wx' },
      { op: 'write', path: temp },
      { op: 'sync', path: temp },
      { op: 'close', path: temp },
      { op: 'rename', path: temp, to: target },
      { op: 'open', path: dir, flags: 'r' },
      { op: 'sync', path: dir },
      { op: 'close', path: dir },
    ]);
    expect(await readFile(target, 'utf8')).toBe('{"a":1}\n');
    expect(await readdir(dir)).toEqual(['record.json']);
  });

  it('uses a different temp file for each write, so two writers never share one', async () => {
    const dir = await tempDir();
    const calls: FsCall[] = [];
    const fs = recordingFs(calls);
    await Promise.all([writeFileDurable(join(dir, 'x.json'), '1', fs), writeFileDurable(join(dir, 'x.json'), '2', fs)]);
    const temps = calls.filter((c) => c.op === 'rename').map((c) => c.path);
    expect(new Set(temps).size).toBe(2);
    expect(['1', '2']).toContain(await readFile(join(dir, 'x.json'), 'utf8'));
  });

  const beforeRename: Step[] = ['open-temp', 'write', 'sync', 'close', 'rename'];
  for (const step of beforeRename) {
    for (const code of ['ENOSPC', 'EIO', 'EACCES', 'EBUSY']) {
      it(`keeps the previous file whole and leaves no temp file when ${step} fails with ${code}`, async () => {
        const dir = await tempDir();
        const target = join(dir, 'record.json');
        await writeFile(target, 'old content\n');
        const { fs, arm } = failingFs(step, code);
        arm();
        await expect(writeFileDurable(target, 'new content\n', fs)).rejects.toMatchObject({ code });
        expect(await readFile(target, 'utf8')).toBe('old content\n');
        expect(await readdir(dir)).toEqual(['record.json']);
      });
    }
  }

  it('does not acknowledge the write when the folder cannot be fsynced, and leaves no temp file', async () => {
    const dir = await tempDir();
    const target = join(dir, 'record.json');
    await writeFile(target, 'old content\n');
    const { fs, arm } = failingFs('dir-fsync', 'EIO');
    arm();
    await expect(writeFileDurable(target, 'new content\n', fs)).rejects.toMatchObject({ code: 'EIO' });
    expect(await readdir(dir)).toEqual(['record.json']);
  });
});

describe('stableStringify', () => {
  it('sorts keys at every depth, indents by two spaces and ends with one newline', () => {
    const text = stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } });
    expect(text).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
    expect(text).not.toContain('\r');
  });

  it('gives the same bytes whatever order the keys were built in', () => {
    expect(stableStringify({ x: 1, y: [1, 2], z: { q: 'a', p: 'b' } })).toBe(stableStringify({ z: { p: 'b', q: 'a' }, y: [1, 2], x: 1 }));
  });

  it('keeps array order (lists are ordered content)', () => {
    expect(JSON.parse(stableStringify([3, 1, 2]))).toEqual([3, 1, 2]);
  });
});
