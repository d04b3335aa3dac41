/**
 * The sandboxed preload: one CommonJS file that may require only 'electron'. It gives the page
 * the contract's calls and event subscriptions and nothing raw (no ipcRenderer, no event object).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, CHANNELS, EVENTS } from '../shared/api/channels';
import type { Channel, EventName } from '../shared/api/channels';
import type { Bridge } from '../shared/api/bridge';
import type { ApiResult } from '../shared/api/errors';

const channels: ReadonlySet<string> = new Set(CHANNELS);
const events: ReadonlySet<string> = new Set(EVENTS);

function failure(code: 'INVALID_INPUT' | 'INTERNAL', message: string): ApiResult<unknown> {
  return { ok: false, error: { code, message } };
}

const bridge: Bridge = {
  async invoke(channel: Channel, input: unknown): Promise<ApiResult<unknown>> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return failure('INVALID_INPUT', `Unknown channel: ${String(channel)}`);
    }
    try {
      return (await ipcRenderer.invoke(channel, input)) as ApiResult<unknown>;
    } catch (error) {
      // Only when main has no handler or the input cannot be cloned: still an ApiResult.
      return failure('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  },
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const relay = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, relay);
    return () => {
      ipcRenderer.removeListener(event, relay);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
