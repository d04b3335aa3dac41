import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { ServiceError } from '../../../src/shared/api/errors';
import type { Comparison } from '../../../src/shared/model/comparison';
import { docFromText, docToText } from '../../../src/shared/model/richText';
import { tempDir } from '../storeTestKit';
import { faultyFs, SAVE_STEPS, type SaveStep } from './faultyFs';

/** What a person reads for each condition (ioError's words). */
const WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EIO: 'the disk reported a read/write error',
  EACCES: 'permission was denied',
  EBUSY: 'the file is busy',
};

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  // Let any stray rejection surface before looking.
  await new Promise((r) => setImmediate(r));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

async function setup(step: SaveStep, code: string) {
  const dir = join(await tempDir(), 'ws');
  const faults = faultyFs(join(dir, 'comparisons'), step, code);
  const store = await WorkspaceStore.open(dir, { create: true, seed: true, fs: faults.fs, indexDelayMs: 60_000 });
  const id = store.listComparisons()[0].id;
  const file = join(dir, 'comparisons', `${id}.json`);
  const temps = async () => (await readdir(join(dir, 'comparisons'))).filter((n) => n.endsWith('.tmp'));
  return { dir, faults, store, id, file, temps };
}

const withSummary = (c: Comparison, text: string): Comparison => ({ ...c, summary: docFromText(text) });

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('a save the disk refuses at one step', () => {
  // Nothing else should warn, but a failing close must not hide the assertions.
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));

  for (const step of SAVE_STEPS) {
    for (const code of Object.keys(WORDS)) {
      for (const mode of ['once', 'persistent'] as const) {
        it(`${code} at ${step} (${mode}): says so in words, keeps the acknowledged save, and the retry ${
          step === 'folder-fsync' ? 'finds the new content in place' : mode === 'once' ? 'succeeds' : 'fails the same way'
        }`, async () => {
          const { faults, store, id, file, temps } = await setup(step, code);
          const acked = await store.saveComparison(withSummary(await store.getComparison(id), 'Acknowledged words.'), 1);
          expect(acked.revision).toBe(2);
          const ackedBytes = await readFile(file, 'utf8');

          faults.arm(mode);
          const attempt = withSummary(acked, 'Words typed after the acknowledged save.');
          const error = await rejection(store.saveComparison(attempt, 2));
          expect(faults.fired()).toBe(1);
          expect(error.code).toBe('IO');
          expect(error.message).toBe(`Could not save “${acked.title}”: ${WORDS[code]}${code === 'EBUSY' ? ' (another program may be using it)' : ''} (${code})`);
          expect(error.details).toMatchObject({ errno: code });
          expect(await temps()).toEqual([]);

          if (step !== 'folder-fsync') {
            // Before the rename nothing touched the file: the acknowledged save is whole.
            expect(await readFile(file, 'utf8')).toBe(ackedBytes);
            expect(docToText((await store.getComparison(id)).summary)).toBe('Acknowledged words.');
            expect(store.listComparisons()[0].revision).toBe(2);
            const retry = store.saveComparison(attempt, 2);
            if (mode === 'once') {
              expect((await retry).revision).toBe(3);
              expect(docToText((await store.getComparison(id)).summary)).toBe('Words typed after the acknowledged save.');
            } else {
              expect((await rejection(retry)).code).toBe('IO');
              expect(await readFile(file, 'utf8')).toBe(ackedBytes);
            }
          } else {
            // The rename happened before the folder fsync failed: the new content is in place,
            // only its durability against power loss is unknown, so the save is reported as failed.
            // The retry (same base revision) then meets its own write and is told it conflicts:
            // nothing is lost, the user's words are on disk as revision 3.
            const onDisk = await store.getComparison(id);
            expect(onDisk.revision).toBe(3);
            expect(docToText(onDisk.summary)).toBe('Words typed after the acknowledged save.');
            const conflict = await rejection(store.saveComparison(attempt, 2));
            expect(conflict.code).toBe('CONFLICT');
            expect(conflict.details).toMatchObject({ currentRevision: 3, baseRevision: 2 });
            // Saving again from the revision on disk works once the disk recovers.
            const again = store.saveComparison(withSummary(onDisk, 'And more.'), 3);
            if (mode === 'once') expect((await again).revision).toBe(4);
            else expect((await rejection(again)).code).toBe('IO');
            expect(await temps()).toEqual([]);
          }
          await store.close();
          // Whatever happened, the workspace reopens cleanly.
          const reopened = await WorkspaceStore.open(store.path);
          expect(reopened.info().notices).toEqual([]);
          expect(reopened.listComparisons()[0].revision).toBeGreaterThanOrEqual(2);
          await reopened.close();
        });
      }
    }
  }
});

describe('an earlier acknowledged save', () => {
  for (const step of SAVE_STEPS) {
    it(`is never reported as failed when the next queued save fails at ${step}`, async () => {
      const { faults, store, id, file } = await setup(step, 'EIO');
      const c = await store.getComparison(id);
      // Both saves are queued at once; the fault lets the first through and hits the second.
      faults.arm('once', 1);
      const first = store.saveComparison(withSummary(c, 'First, acknowledged.'), 1);
      const second = store.saveComparison(withSummary(c, 'Second, refused.'), 2);
      const [a, b] = await Promise.allSettled([first, second]);
      expect(a).toMatchObject({ status: 'fulfilled', value: { revision: 2 } });
      expect(b).toMatchObject({ status: 'rejected', reason: { code: 'IO' } });
      const stored = JSON.parse(await readFile(file, 'utf8')) as Comparison;
      if (step === 'folder-fsync') {
        expect(stored.revision).toBe(3);
      } else {
        expect(stored.revision).toBe(2);
        expect(docToText(stored.summary)).toBe('First, acknowledged.');
      }
      await store.close();
    });
  }
});
