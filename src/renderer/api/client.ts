import type { Bridge } from '../../shared/api/bridge';
import type { Channel, EventName } from '../../shared/api/channels';
import type { EventPayloads, InputOf, OutputOf } from '../../shared/api/contract';
import type { ErrorCode } from '../../shared/api/errors';
import { ERROR_WORDS } from '../../shared/api/errors';

/** An `{ ok: false }` answer from main, as a throwable value that keeps the code and details. */
export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message || ERROR_WORDS[code] || 'Something went wrong.');
    this.name = 'ClientError';
  }
}

function bridge(): Bridge {
  const found = (window as unknown as { versusDesk?: Bridge }).versusDesk;
  if (!found) throw new ClientError('INTERNAL', 'The app bridge is missing: Versus Desk must run inside its window.');
  return found;
}

/** Calls one contract channel; resolves with its output or throws a ClientError. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  let result;
  try {
    result = await bridge().invoke(channel, input);
  } catch (error) {
    if (error instanceof ClientError) throw error;
    throw new ClientError('INTERNAL', error instanceof Error ? error.message : String(error));
  }
  if (result.ok) return result.value as OutputOf<C>;
  const { code, message, details } = result.error;
  throw new ClientError(code, message, details);
}

/** Payload type of an event, also for events the contract does not type yet. */
export type PayloadOf<E extends EventName> = E extends keyof EventPayloads ? EventPayloads[E] : unknown;

/** Events held since the page's script started, each until its first subscriber takes them (holdEarlyEvents). */
const held = new Map<EventName, { payloads: unknown[]; off: () => void }>();
/** At most this many of one event are held (a page that never subscribes to it holds no more). */
const HELD_MAX = 1000;

/**
 * Holds the events main sends from now on, for each until the page first subscribes to it, which
 * then gets them first, in order. Called at the very start of the page's script (boot.ts), before
 * its first calls, so an event main sends after answering them is never lost in the time React
 * takes to render and subscribe (a file quarantined or changed by another program while the page
 * loaded), whatever the event.
 */
export function holdEarlyEvents(events: readonly EventName[]): void {
  const found = (window as unknown as { versusDesk?: Bridge }).versusDesk;
  if (!found) return;
  for (const event of events) {
    if (held.has(event)) continue;
    const payloads: unknown[] = [];
    const off = found.on(event, (payload) => {
      if (payloads.length < HELD_MAX) payloads.push(payload);
    });
    held.set(event, { payloads, off });
  }
}

/** Subscribes to a main -> renderer event; returns the unsubscribe function. The first subscriber to an event held since start gets those first. */
export function onEvent<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
  const found = (window as unknown as { versusDesk?: Bridge }).versusDesk;
  if (!found) return () => undefined;
  const off = found.on(event, (payload) => listener(payload as PayloadOf<E>));
  // Handed over in one go (no event can come in between): the held ones, then the live ones.
  const early = held.get(event);
  if (early) {
    held.delete(event);
    early.off();
    for (const payload of early.payloads) listener(payload as PayloadOf<E>);
  }
  return off;
}

/** Words for any thrown value: never "[object Object]". */
export function errorText(error: unknown): string {
  if (error instanceof ClientError) return error.message;
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong.';
}
