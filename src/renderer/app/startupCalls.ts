import type { ComparisonSummary, WorkspaceInfo } from '../../shared/api/contract';
import { call } from '../api/client';

type Startup = Promise<[WorkspaceInfo, ComparisonSummary[]]>;
let pending: Startup | null = null;

/**
 * Rows asked for first: more than the tallest window shows (a row is about 74 px), so the first
 * screen is full while the rest of a long list crosses over in the background.
 */
export const FIRST_PAGE = 100;

/**
 * Asks main for what the first screen shows (the workspace and its list) as soon as the page's
 * script runs (src/renderer/boot.ts), so main works on it while React starts and renders.
 */
export function startStartupCalls(): void {
  if (pending) return;
  pending = Promise.all([call('workspace.info', {}), call('comparisons.list', { limit: FIRST_PAGE })]);
  // Whoever takes the answers sees a failure; until then it is not an unhandled rejection.
  pending.catch(() => undefined);
}

/**
 * The answers of the calls started early, once; null when none were started or they were taken.
 * The list is only its first FIRST_PAGE summaries: fewer means it is the whole list.
 */
export function takeStartupCalls(): Startup | null {
  const taken = pending;
  pending = null;
  return taken;
}
