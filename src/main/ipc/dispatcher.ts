import { CHANNELS, type Channel } from '../../shared/api/channels';
import { contract } from '../../shared/api/contract';
import { ServiceError, type ApiResult } from '../../shared/api/errors';
import type { ParsedInput, Services } from '../services/Services';
import { findForbiddenKey } from '../store/secureJsonParse';
import { zodIssuesAsData, zodIssuesInWords } from '../services/zodIssuesInWords';

/** Who sent a call: the URL of the page (Electron's `event.senderFrame.url`, or the harness page). */
export interface SenderInfo {
  url: string;
}

export interface DispatcherOptions {
  /** Calls from senders this refuses get FORBIDDEN. Without it every sender is trusted. */
  isTrustedSender?(sender: SenderInfo): boolean;
}

export type Dispatch = (channel: string, input: unknown, sender: SenderInfo) => Promise<ApiResult<unknown>>;

const KNOWN = new Set<string>(CHANNELS);

/**
 * The one entry to main's services, shared by Electron's ipcMain.handle and the e2e harness:
 * checks the channel and the sender, validates the input with the contract's schema, calls the
 * service and returns a result or a typed error. It never throws.
 */
export function createDispatcher(services: Services, opts: DispatcherOptions = {}): Dispatch {
  return async (channel, input, sender) => {
    try {
      if (!KNOWN.has(channel)) return fail('INVALID_INPUT', `Unknown channel "${String(channel).slice(0, 100)}".`);
      if (opts.isTrustedSender && !isTrusted(opts.isTrustedSender, sender)) {
        return fail('FORBIDDEN', 'This page is not allowed to call Versus Desk.');
      }
      const name = channel as Channel;
      // zod drops an own "__proto__" key silently (and lets "constructor" into free-form
      // records): refuse them outright, as the store refuses them in files.
      const forbidden = findForbiddenKey(input);
      if (forbidden) return fail('INVALID_INPUT', `The input contains the forbidden key "${forbidden}".`, { key: forbidden });
      const parsed = contract[name].input.safeParse(input);
      if (!parsed.success) {
        return fail('INVALID_INPUT', zodIssuesInWords(parsed.error.issues), { issues: zodIssuesAsData(parsed.error.issues) });
      }
      const value = await services.invoke(name, parsed.data as ParsedInput<typeof name>);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ServiceError) return fail(error.code, error.message, error.details);
      console.error(`Versus Desk: ${channel} failed`, error);
      return fail('INTERNAL', 'Something went wrong inside Versus Desk. The details are in the log.');
    }
  };
}

function isTrusted(check: (sender: SenderInfo) => boolean, sender: SenderInfo): boolean {
  try {
    return typeof sender?.url === 'string' && check(sender);
  } catch {
    return false;
  }
}

function fail(code: ServiceError['code'], message: string, details?: unknown): ApiResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
