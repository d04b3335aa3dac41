/**
 * Channel and event names, zod-free so the sandboxed preload can import them without
 * bundling zod. `contract.ts` maps each to its schemas; a test checks the two agree.
 */
export const CHANNELS = [
  'workspace.info',
  'workspace.choose',
  'comparisons.list',
  'comparisons.get',
  'comparisons.create',
  'comparisons.save',
  'comparisons.delete',
  'people.list',
  'people.get',
  'people.create',
  'people.save',
  'people.delete',
  'shell.openExternal',
  'app.flushed',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events main sends to the renderer. */
export const EVENTS = ['workspace.changed', 'notice', 'app.flush', 'menu.command'] as const;
export type EventName = (typeof EVENTS)[number];

/** The global the preload (and the e2e harness) defines in the page. */
export const BRIDGE_GLOBAL = 'versusDesk';
