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

/** Subscribes to a main -> renderer event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
  const found = (window as unknown as { versusDesk?: Bridge }).versusDesk;
  if (!found) return () => undefined;
  return found.on(event, (payload) => listener(payload as PayloadOf<E>));
}

/** Words for any thrown value: never "[object Object]". */
export function errorText(error: unknown): string {
  if (error instanceof ClientError) return error.message;
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong.';
}
