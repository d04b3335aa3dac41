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
  'profile.get',
  'profile.set',
  'review.comparison',
  'review.person',
  'comments.add',
  'comments.reply',
  'comments.resolve',
  'export.run',
  'export.cancel',
  'import.plan',
  'import.apply',
  'import.cancel',
  'comparisons.preview',
  'journal.write',
  'journal.clear',
  'journal.list',
  'journal.writePerson',
  'journal.clearPerson',
  'journal.listPeople',
  'history.list',
  'history.diff',
  'history.restore',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events main sends to the renderer. */
export const EVENTS = ['workspace.changed', 'notice', 'app.flush', 'menu.command', 'export.progress', 'import.progress', 'workspace.outsideChange'] as const;
export type EventName = (typeof EVENTS)[number];

/** The global the preload (and the e2e harness) defines in the page. */
export const BRIDGE_GLOBAL = 'versusDesk';
