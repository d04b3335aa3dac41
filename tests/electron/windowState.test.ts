import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restorableWindowState, trackWindowState, type WindowState } from '../../src/main/electron/windowState';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 900 } };
const monitorOnRight = { workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };
const saved = (x: number, y: number): WindowState => ({ x, y, width: 1200, height: 800, maximized: false });

describe('restoring the window where the user left it', () => {
  it('reopens the window at its saved place when that place is on a display', () => {
    expect(restorableWindowState(saved(100, 50), [laptop])).toEqual(saved(100, 50));
    expect(restorableWindowState(saved(2000, 200), [laptop, monitorOnRight])).toEqual(saved(2000, 200));
  });

  it('ignores a saved place on a display that is no longer connected', () => {
    expect(restorableWindowState(saved(2000, 200), [laptop])).toBeUndefined();
    expect(restorableWindowState(saved(-5000, -5000), [laptop])).toBeUndefined();
  });

  it('ignores a place where only a sliver of the title bar would show', () => {
    expect(restorableWindowState(saved(1400, 100), [laptop])).toBeUndefined();
    expect(restorableWindowState(saved(100, 890), [laptop])).toBeUndefined();
    expect(restorableWindowState(saved(100, -500), [laptop])).toBeUndefined();
  });

  it('opens at the default place when nothing was saved', () => {
    expect(restorableWindowState(undefined, [laptop])).toBeUndefined();
  });
});

class FakeWindow extends EventEmitter {
  bounds = { x: 10, y: 20, width: 1000, height: 700 };
  maximized = false;
  getNormalBounds = () => ({ ...this.bounds });
  isMaximized = () => this.maximized;
  isDestroyed = () => false;
}

describe('remembering the window', () => {
  afterEach(() => vi.useRealTimers());

  it('saves once after moving and resizing stop, and again on close', () => {
    vi.useFakeTimers();
    const window = new FakeWindow();
    const save = vi.fn();
    trackWindowState(window, save, 500);
    window.bounds = { x: 30, y: 40, width: 1100, height: 750 };
    window.emit('move');
    window.emit('resize');
    window.emit('move');
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith({ x: 30, y: 40, width: 1100, height: 750, maximized: false });
    window.maximized = true;
    window.emit('close');
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith({ x: 30, y: 40, width: 1100, height: 750, maximized: true });
  });
});
