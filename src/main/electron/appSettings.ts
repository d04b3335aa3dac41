import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileDurable } from '../store/durableWrite';
import { profileSchema } from '../../shared/review/reviewModel';
import { windowStateSchema } from './windowState';

/** Per-user settings of the app itself (not of a workspace), in userData/settings.json. */
export const appSettingsSchema = z.strictObject({
  lastWorkspace: z.string().min(1).optional(),
  window: windowStateSchema.optional(),
  /** Who uses this copy of the app, and as writer or editor (review actions record them). */
  profile: profileSchema.optional(),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/**
 * Reads the settings file; a missing, unreadable or invalid file gives the defaults (logged,
 * never thrown): losing a window position must never stop the app from starting.
 */
export async function readAppSettings(file: string, log: Pick<Console, 'warn'> = console): Promise<AppSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`Could not read ${file}; using defaults.`, error);
    return {};
  }
  try {
    const parsed = appSettingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log.warn(`Ignoring invalid settings in ${file}: ${parsed.error.message}`);
  } catch (error) {
    log.warn(`Ignoring unreadable settings in ${file}.`, error);
  }
  return {};
}

/**
 * Holds the settings in memory and writes each change durably, one write at a time, so a
 * later change never lands before an earlier one.
 */
export class AppSettingsStore {
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private current: AppSettings,
    private readonly log: Pick<Console, 'warn'>,
  ) {}

  static async open(file: string, log: Pick<Console, 'warn'> = console): Promise<AppSettingsStore> {
    return new AppSettingsStore(file, await readAppSettings(file, log), log);
  }

  get(): AppSettings {
    return this.current;
  }

  /** Applies the change now; the returned promise settles when it is on disk (failures are logged). */
  update(change: Partial<AppSettings>): Promise<void> {
    this.current = appSettingsSchema.parse({ ...this.current, ...change });
    const text = `${JSON.stringify(this.current, null, 2)}\n`;
    this.queue = this.queue
      .then(() => writeFileDurable(this.file, text))
      .catch((error: unknown) => this.log.warn(`Could not save ${this.file}.`, error));
    return this.queue;
  }

  /** Settles when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.queue;
  }
}
