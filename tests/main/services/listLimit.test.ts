import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import type { Services } from '../../../src/main/services/Services';
import { LIST_LIMIT_MAX } from '../../../src/shared/api/contract';
import { fileSnapshot, seededServices } from '../storeTestKit';

const APP = { url: 'app://versus-desk/index.html' };
const open: Services[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A seeded workspace with 7 articles (the seed and 6 new ones, so the order is by time). */
async function start() {
  const { dir, services } = await seededServices();
  open.push(services);
  for (const terms of [['Tea', 'Coffee'], ['Cats', 'Dogs'], ['Rust', 'Go'], ['Vim', 'Emacs'], ['Rain', 'Snow'], ['Oak', 'Pine']]) {
    await services.store.createComparison(terms);
  }
  const dispatch = createDispatcher(services, { isTrustedSender: (s) => s.url.startsWith('app://versus-desk/') });
  return { dir, dispatch };
}

async function list(dispatch: Awaited<ReturnType<typeof start>>['dispatch'], input: unknown): Promise<Array<{ id: string }>> {
  const result = await dispatch('comparisons.list', input, APP);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Array<{ id: string }>;
}

const snapshot = fileSnapshot;

describe('comparisons.list with a limit (the first screen\'s page)', () => {
  it('answers the first N summaries of the full list, in the same order', async () => {
    const { dispatch } = await start();
    const full = await list(dispatch, {});
    expect(full).toHaveLength(7);
    for (const limit of [1, 3, 6]) {
      expect(await list(dispatch, { limit })).toEqual(full.slice(0, limit));
    }
    // A limit at or past the end is the whole list: fewer than asked for says there is no more.
    expect(await list(dispatch, { limit: 7 })).toEqual(full);
    expect(await list(dispatch, { limit: LIST_LIMIT_MAX })).toEqual(full);
    // With a query, the first N of what the query matches.
    const matching = await list(dispatch, { query: 'vs' });
    expect(matching.length).toBeGreaterThan(2);
    expect(await list(dispatch, { query: 'vs', limit: 2 })).toEqual(matching.slice(0, 2));
  });

  it('refuses a limit that is not a positive whole number within bounds, and writes nothing', async () => {
    const { dir, dispatch } = await start();
    const before = await snapshot(dir);
    for (const limit of [0, -1, 1.5, LIST_LIMIT_MAX + 1, Number.MAX_SAFE_INTEGER, '10', null, [], {}, Number.NaN]) {
      const result = await dispatch('comparisons.list', { limit }, APP);
      expect(result, JSON.stringify(limit)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^limit: /) } });
    }
    expect(await snapshot(dir)).toEqual(before);
  });
});
