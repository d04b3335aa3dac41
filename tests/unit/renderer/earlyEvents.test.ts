import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../src/shared/api/bridge';
import type { EventName } from '../../../src/shared/api/channels';

/** A bridge like the preload's: main's events go to every listener subscribed at the time. */
function fakeBridge() {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const bridge: Bridge = {
    invoke: async () => ({ ok: true, value: null }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const relay = (payload: unknown) => listener(payload);
      set.add(relay);
      return () => set.delete(relay);
    },
  };
  const send = (event: EventName, payload: unknown) => [...(listeners.get(event) ?? [])].forEach((l) => l(payload));
  const count = (event: EventName) => listeners.get(event)?.size ?? 0;
  return { bridge, send, count };
}

/** The client module fresh (its held events are module state), on a page whose bridge is `bridge`. */
async function freshClient(bridge: Bridge) {
  vi.resetModules();
  vi.stubGlobal('window', { versusDesk: bridge });
  return import('../../../src/renderer/api/client');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('events main sends while the page loads', () => {
  it('go to the first subscriber first, in order, then the live ones; none twice, none to later subscribers', async () => {
    const main = fakeBridge();
    const client = await freshClient(main.bridge);
    client.holdEarlyEvents(['notice', 'workspace.outsideChange']);
    // Sent after the page's first calls were answered, before React subscribed.
    main.send('notice', { id: 'a' });
    main.send('workspace.outsideChange', { changes: [1] });
    main.send('notice', { id: 'b' });
    // Not held: nobody hears it.
    main.send('export.progress', { done: 1, total: 2 });

    const notices: unknown[] = [];
    const offNotices = client.onEvent('notice', (n) => notices.push(n));
    expect(notices).toEqual([{ id: 'a' }, { id: 'b' }]);
    main.send('notice', { id: 'c' });
    expect(notices).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    // The holder is gone once handed over: only the subscriber listens.
    expect(main.count('notice')).toBe(1);

    const later: unknown[] = [];
    client.onEvent('notice', (n) => later.push(n));
    main.send('notice', { id: 'd' });
    expect(later).toEqual([{ id: 'd' }]);
    expect(notices.at(-1)).toEqual({ id: 'd' });

    const changes: unknown[] = [];
    client.onEvent('workspace.outsideChange', (c) => changes.push(c));
    expect(changes).toEqual([{ changes: [1] }]);
    const progress: unknown[] = [];
    client.onEvent('export.progress', (p) => progress.push(p));
    expect(progress).toEqual([]);

    offNotices();
    main.send('notice', { id: 'e' });
    expect(notices.at(-1)).toEqual({ id: 'd' });
    expect(later.at(-1)).toEqual({ id: 'e' });
  });

  it('holds nothing when nothing asked it to, and holds at most 1,000 of one event', async () => {
    const main = fakeBridge();
    const client = await freshClient(main.bridge);
    main.send('notice', { id: 'early' });
    const seen: unknown[] = [];
    client.onEvent('notice', (n) => seen.push(n));
    expect(seen).toEqual([]);

    const flood = fakeBridge();
    const held = await freshClient(flood.bridge);
    held.holdEarlyEvents(['menu.command']);
    for (let i = 0; i < 1500; i++) flood.send('menu.command', { command: `c${i}` });
    const commands: Array<{ command: string }> = [];
    held.onEvent('menu.command', (c) => commands.push(c as { command: string }));
    expect(commands).toHaveLength(1000);
    expect(commands[0]).toEqual({ command: 'c0' });
  });
});
