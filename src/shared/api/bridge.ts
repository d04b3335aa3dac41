import type { Channel, EventName } from './channels';
import type { ApiResult } from './errors';

/**
 * The shape of the page global the preload defines (and the e2e harness defines the same way):
 * only the contract's calls and event subscriptions, nothing raw.
 */
export interface Bridge {
  invoke(channel: Channel, input: unknown): Promise<ApiResult<unknown>>;
  /** Subscribes to one of the contract's events; returns the unsubscribe function. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
