import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFlushGate, guardWindowClose } from '../../src/main/electron/closeFlush';
import { fakeEvent } from './electronMock';

class FakeWindow extends EventEmitter {
  destroyed = false;
  isDestroyed = () => this.destroyed;
  close = vi.fn(() => {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = true;
  });
}

describe('closing the window saves pending edits first', () => {
  afterEach(() => vi.useRealTimers());

  it('holds the close until the page confirms it saved, then closes', async () => {
    const sent = vi.fn();
    const gate = createFlushGate(sent, 3000);
    const window = new FakeWindow();
    guardWindowClose(window, gate);

    window.close();
    expect(window.destroyed).toBe(false);
    expect(sent).toHaveBeenCalledTimes(1);
    window.close(); // an impatient second click asks only once
    expect(sent).toHaveBeenCalledTimes(1);

    gate.markFlushed();
    await vi.waitFor(() => expect(window.destroyed).toBe(true));
  });

  it('closes anyway after the deadline when the page never answers', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const gate = createFlushGate(() => undefined, 3000);
    const window = new FakeWindow();
    guardWindowClose(window, gate);
    window.close();
    await vi.advanceTimersByTimeAsync(2999);
    expect(window.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(window.destroyed).toBe(true);
  });

  it('does not wait for a page that can no longer be asked', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const gate = createFlushGate(() => {
      throw new Error('Object has been destroyed');
    });
    await gate.request();
    expect(gate.done).toBe(true);
  });
});
