import { z } from 'zod';

export const windowStateSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(150).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Enough of a window must show on one display for the user to grab its title bar. */
const MIN_VISIBLE_WIDTH = 100;
const MIN_VISIBLE_HEIGHT = 40;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved window state, when its top edge still sits on a connected display; otherwise
 * undefined, and the window opens at its default size on the primary display (a monitor that
 * was unplugged must not leave the window out of reach).
 */
export function restorableWindowState(
  saved: WindowState | undefined,
  displays: ReadonlyArray<{ workArea: Rectangle }>,
): WindowState | undefined {
  if (!saved) return undefined;
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: MIN_VISIBLE_HEIGHT };
  const visible = displays.some(({ workArea }) => {
    const seen = overlap(titleBar, workArea);
    return seen.width >= MIN_VISIBLE_WIDTH && seen.height >= MIN_VISIBLE_HEIGHT / 2;
  });
  return visible ? saved : undefined;
}

/** The part of a BrowserWindow the tracker needs. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's state after it stops moving or resizing (debounced) and once more when it
 * closes. The normal bounds are kept while maximized, so un-maximizing restores them.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  debounceMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const snapshot = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    const { x, y, width, height } = window.getNormalBounds();
    const state = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized: window.isMaximized() };
    const parsed = windowStateSchema.safeParse(state);
    if (parsed.success) save(parsed.data);
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(snapshot, debounceMs);
  };
  window.on('move', later);
  window.on('resize', later);
  window.on('close', snapshot);
}
