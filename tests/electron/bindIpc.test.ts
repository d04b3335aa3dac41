import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/shared/api/channels';
import { contract } from '../../src/shared/api/contract';
import { bindIpc } from '../../src/main/electron/bindIpc';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import type { Services } from '../../src/main/services/Services';

function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  return { handlers, ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'> };
}

const APP_PAGE = 'file:///opt/versus-desk/out/renderer/index.html';

describe('binding the contract to IPC', () => {
  it('binds every contract channel, once each', () => {
    const { handlers, ipcMain } = fakeIpcMain();
    bindIpc(ipcMain, vi.fn());
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect([...handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
  });

  it('hands the dispatcher the channel, the input and the sending frame URL', async () => {
    const { handlers, ipcMain } = fakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    bindIpc(ipcMain, dispatch);
    await expect(handlers.get('people.list')?.({ senderFrame: { url: APP_PAGE } }, {})).resolves.toEqual({ ok: true, value: 'done' });
    await handlers.get('people.list')?.({ senderFrame: null }, {});
    expect(dispatch.mock.calls).toEqual([
      ['people.list', {}, { url: APP_PAGE }],
      ['people.list', {}, { url: '' }],
    ]);
  });

  it('removes every handler when unbound', () => {
    const { handlers, ipcMain } = fakeIpcMain();
    const unbind = bindIpc(ipcMain, vi.fn());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('answers a page that is not the app with FORBIDDEN, and a malformed call with INVALID_INPUT', async () => {
    const { handlers, ipcMain } = fakeIpcMain();
    const services = {} as unknown as Services;
    const dispatch = createDispatcher(services, { isTrustedSender: (sender) => sender.url === APP_PAGE });
    bindIpc(ipcMain, dispatch);
    for (const channel of CHANNELS) {
      const stranger = await handlers.get(channel)?.({ senderFrame: { url: 'https://evil.example/' } }, {});
      expect(stranger, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const noFrame = await handlers.get('workspace.info')?.({ senderFrame: null }, {});
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const malformed = await handlers.get('comparisons.get')?.({ senderFrame: { url: APP_PAGE } }, { id: 42 });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
