import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, CHANNELS, EVENTS } from '../../src/shared/api/channels';
import type { Bridge } from '../../src/shared/api/bridge';
import type { Channel, EventName } from '../../src/shared/api/channels';
import { electron } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronModule());

let bridge: Bridge;

beforeAll(async () => {
  await import('../../src/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Bridge];
  expect(name).toBe(BRIDGE_GLOBAL);
  bridge = value;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

describe('the preload bridge', () => {
  it('exposes exactly invoke and on, as functions', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards every contract channel to main and returns its answer', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 'answer' });
    for (const channel of CHANNELS) {
      await expect(bridge.invoke(channel, { some: 'input' })).resolves.toEqual({ ok: true, value: 'answer' });
    }
    expect(electron.ipcRenderer.invoke.mock.calls.map(([channel]) => channel)).toEqual([...CHANNELS]);
  });

  it('refuses a channel outside the contract without reaching main', async () => {
    for (const channel of ['fs.readFile', 'constructor', '__proto__', 'toString', 'workspace.info ', '']) {
      const result = await bridge.invoke(channel as Channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed call into an error result, never a rejection', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'people.list'"));
    await expect(bridge.invoke('people.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only the payload of a contract event, and stops after unsubscribing', () => {
    for (const event of EVENTS) {
      const listener = vi.fn();
      const unsubscribe = bridge.on(event, listener);
      const relays = [...(electron.ipcRenderer.listeners.get(event) ?? [])];
      expect(relays).toHaveLength(1);
      relays[0]?.({ sender: 'the raw IpcRendererEvent' }, { hello: event });
      expect(listener).toHaveBeenCalledWith({ hello: event });
      expect(listener.mock.calls[0]).toHaveLength(1);
      unsubscribe();
      expect(electron.ipcRenderer.listeners.get(event)?.size).toBe(0);
    }
  });

  it('refuses to subscribe to an event outside the contract', () => {
    for (const event of ['ipc-message', 'workspace.info', '__proto__']) {
      expect(() => bridge.on(event as EventName, () => undefined)).toThrow(/Unknown event/);
    }
    expect(electron.ipcRenderer.listeners.has('ipc-message')).toBe(false);
  });
});
