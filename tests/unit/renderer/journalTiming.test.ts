// @vitest-environment happy-dom
/**
 * Hot exit's timing promise, with fake timers: the first unsaved edit is journaled at once, later
 * ones 250 ms after the writer pauses and at least once a second while typing never pauses, so a
 * crash loses at most the last second of typing (the e2e tests crash a real page; this pins the clock).
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Comparison } from '../../../src/shared/model/comparison';
import { teaVsCoffee } from './teaVsCoffee';

const calls = vi.hoisted(() => [] as Array<{ channel: string; at: number; input: unknown }>);
vi.mock('../../../src/renderer/api/client', () => ({
  call: async (channel: string, input: unknown) => {
    calls.push({ channel, at: Date.now(), input });
    return undefined;
  },
}));
const { useJournal } = await import('../../../src/renderer/save/useJournal');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let t0 = 0;
beforeEach(() => {
  vi.useFakeTimers();
  t0 = Date.now();
  calls.length = 0;
  root = createRoot(document.createElement('div'));
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
});

function Editor({ doc, dirty }: { doc: Comparison; dirty: boolean }) {
  useJournal({ doc, dirty });
  return null;
}

async function show(doc: Comparison, dirty: boolean) {
  await act(async () => root?.render(createElement(Editor, { doc, dirty })));
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const writes = () => calls.filter((c) => c.channel === 'journal.write').map((c) => c.at - t0);

it('journals the first edit at once, a later one 250 ms after the writer pauses, and clears it once saved', async () => {
  const stored = teaVsCoffee();
  await show(stored, false);
  const edited = { ...stored, title: 'Tea vs. Coffee, edited' };
  await show(edited, true);
  await advance(0);
  expect(writes()).toEqual([0]);
  await advance(400);
  const again = { ...edited, title: 'Tea vs. Coffee, edited again' };
  await show(again, true);
  await advance(249);
  expect(writes()).toEqual([0]);
  await advance(1);
  expect(writes()).toEqual([0, 650]);
  expect((calls[1]?.input as { doc: Comparison }).doc.title).toBe('Tea vs. Coffee, edited again');
  // Saved: the journal goes.
  await show(again, false);
  await advance(0);
  expect(calls.map((c) => c.channel)).toEqual(['journal.write', 'journal.write', 'journal.clear']);
});

it('while typing never pauses, writes at least once a second, each with the latest text', async () => {
  let doc = teaVsCoffee();
  await show(doc, false);
  for (let i = 1; i <= 35; i++) {
    doc = { ...doc, title: `Tea vs. Coffee ${i}` };
    await show(doc, true);
    await advance(100);
  }
  const at = writes();
  expect(at.length).toBeGreaterThanOrEqual(3);
  // The first within a second of the first keystroke, then never more than a second apart.
  expect(at[0]).toBeLessThanOrEqual(1000);
  for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeLessThanOrEqual(1000);
  // And the last keystrokes are journaled 250 ms after typing stops.
  await advance(250);
  const last = calls.filter((c) => c.channel === 'journal.write').at(-1);
  expect((last?.input as { doc: Comparison }).doc.title).toBe('Tea vs. Coffee 35');
});
