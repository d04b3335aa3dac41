import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { docFromText } from '../../src/shared/model/richText';
import { failingFs, tempDir, type Step } from './storeTestKit';

const words: Record<string, string> = {
  ENOSPC: 'the disk is full (ENOSPC)',
  EIO: 'the disk reported a read/write error (EIO)',
  EACCES: 'permission was denied (EACCES)',
  EBUSY: 'the file is busy (another program may be using it) (EBUSY)',
};

describe('a save the disk refuses', () => {
  // Closing also fails to write the index cache on the broken disk; that warning is expected.
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));
  const steps: Step[] = ['open-temp', 'write', 'sync', 'rename'];
  for (const step of steps) {
    for (const code of Object.keys(words)) {
      it(`reports ${code} at ${step} in words and keeps the saved copy and revision`, async () => {
        const dir = join(await tempDir(), 'ws');
        const { fs, arm } = failingFs(step, code);
        const store = await WorkspaceStore.open(dir, { create: true, seed: true, fs });
        const [summary] = store.listComparisons();
        const file = join(dir, 'comparisons', `${summary.id}.json`);
        const before = await readFile(file, 'utf8');
        const c = await store.getComparison(summary.id);
        arm();
        const save = store.saveComparison({ ...c, summary: docFromText('Lost?') }, 1);
        await expect(save).rejects.toMatchObject({ code: 'IO' });
        await expect(save).rejects.toThrow(`Could not save “${c.title}”: ${words[code]}`);
        expect(await readFile(file, 'utf8')).toBe(before);
        expect((await readdir(join(dir, 'comparisons'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
        expect(store.listComparisons()[0].revision).toBe(1);
        // The next attempt (the user's retry) starts from the same base revision.
        await expect(store.saveComparison({ ...c, summary: docFromText('Lost?') }, 1)).rejects.toMatchObject({ code: 'IO' });
        await store.close().catch(() => undefined);
      });
    }
  }
});
