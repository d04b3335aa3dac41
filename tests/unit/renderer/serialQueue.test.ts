// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it, vi } from 'vitest';
import { useSerialQueue, type SerialQueue } from '../../../src/renderer/save/useSerialQueue';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.restoreAllMocks();
});

async function mountQueue(): Promise<SerialQueue> {
  let queue: SerialQueue | null = null;
  function Probe() {
    queue = useSerialQueue('journal failed');
    return null;
  }
  root = createRoot(document.createElement('div'));
  await act(async () => root?.render(createElement(Probe)));
  if (!queue) throw new Error('not mounted');
  return queue;
}

const later = (ms: number) => new Promise((done) => setTimeout(done, ms));

it('runs the journal calls one at a time, in order, and a failed one neither stops the queue nor leaks out', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const queue = await mountQueue();
  const log: string[] = [];
  let running = 0;
  const task = (name: string, ms: number, fail = false) => async () => {
    running++;
    expect(running).toBe(1);
    log.push(`start ${name}`);
    await later(ms);
    log.push(`end ${name}`);
    running--;
    if (fail) throw new Error(`${name} broke`);
  };
  // The slow first call must finish before the quick second one starts.
  const first = queue.enqueue(task('write 1', 30));
  const second = queue.enqueue(task('write 2', 1, true));
  const third = queue.enqueue(task('clear', 1));
  await expect(second).resolves.toBeUndefined();
  await third;
  await first;
  await queue.idle();
  expect(log).toEqual(['start write 1', 'end write 1', 'start write 2', 'end write 2', 'start clear', 'end clear']);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]?.[0]).toBe('journal failed');
});
