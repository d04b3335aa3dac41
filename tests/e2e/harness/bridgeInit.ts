/**
 * The init script that defines `window.versusDesk` in the page before any page script runs,
 * the same way the preload does in Electron: `invoke` only for contract channels, `on` only for
 * contract events. Calls go to `window.__vdInvoke` (a `page.exposeFunction` binding to the real
 * dispatcher); main -> renderer events arrive through `window.__vdEmit(event, payload)`.
 *
 * This function is serialized into the page: it must not close over anything.
 */
export interface BridgeInitArg {
  global: string;
  channels: readonly string[];
  events: readonly string[];
}

export function installBridge(arg: BridgeInitArg): void {
  type Listener = (payload: unknown) => void;
  // globalThis is the page's window here (the node tsconfig has no DOM types).
  const w = globalThis as unknown as Record<string, unknown>;
  const channels = new Set(arg.channels);
  const events = new Set(arg.events);
  const listeners = new Map<string, Set<Listener>>();

  const bridge = Object.freeze({
    async invoke(channel: string, input: unknown): Promise<unknown> {
      // Same answers as the preload: an unknown channel or a failed transport is still an ApiResult.
      if (typeof channel !== 'string' || !channels.has(channel)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel: ${String(channel)}` } };
      }
      try {
        const call = w.__vdInvoke as (c: string, i: unknown) => Promise<unknown>;
        return await call(channel, input);
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    on(event: string, listener: Listener): () => void {
      if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });

  Object.defineProperty(w, arg.global, { value: bridge, writable: false, configurable: false, enumerable: true });
  Object.defineProperty(w, '__vdEmit', {
    value: (event: string, payload: unknown): number => {
      const set = listeners.get(event);
      if (!set) return 0;
      // Each listener gets its own copy, as structured clone over IPC would give it.
      for (const listener of [...set]) listener(structuredClone(payload));
      return set.size;
    },
    writable: false,
    configurable: false,
  });
}
