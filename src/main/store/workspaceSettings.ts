import { basename } from 'node:path';
import { Low } from 'lowdb';
import { ServiceError } from '../../shared/api/errors';
import { WORKSPACE_FORMAT, workspaceSettingsSchema, type WorkspaceSettings } from '../../shared/model/workspace';
import { DurableAdapter, RecordReadError } from './DurableAdapter';
import { errnoCode, type FsLayer } from './fsLayer';
import { ioError } from './ioError';
import { SETTINGS_FILE, type WorkspaceLayout } from './workspaceLayout';

export interface OpenedSettings {
  name: string;
  /** True when the folder was not a workspace yet and `write()` will make it one. */
  created: boolean;
  write(): Promise<void>;
}

/** Why a folder could not be opened as a workspace (ServiceError details.reason). */
export type NotAWorkspaceReason = 'missing-folder' | 'not-a-folder' | 'not-a-workspace' | 'invalid-settings';

/**
 * Reads `versus-desk.json`. A folder without one is refused unless `create`; a damaged or
 * newer one is always refused, and never overwritten with defaults.
 */
export async function openSettings(fs: FsLayer, layout: WorkspaceLayout, create: boolean, now: () => Date): Promise<OpenedSettings> {
  const root = layout.root;
  try {
    const stat = await fs.stat(root);
    if (!stat.isDirectory()) throw refuse('not-a-folder', `${root} is a file, not a folder.`);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw ioError(`Could not open ${root}`, error);
    if (!create) throw refuse('missing-folder', `The folder ${root} does not exist.`);
    await fs.mkdir(root).catch((e: unknown) => {
      throw ioError(`Could not create the folder ${root}`, e);
    });
  }
  const low = new Low<WorkspaceSettings | null>(
    new DurableAdapter(layout.settingsFile, workspaceSettingsSchema, 'workspace', fs) as DurableAdapter<WorkspaceSettings | null>,
    null,
  );
  try {
    await low.read();
  } catch (error) {
    if (error instanceof RecordReadError) {
      throw refuse(
        'invalid-settings',
        `${SETTINGS_FILE} in ${root} could not be read (${error.reason}). Versus Desk will not overwrite it: repair or move it, then open the folder again.`,
      );
    }
    throw ioError(`Could not read ${SETTINGS_FILE}`, error);
  }
  const existing = low.data as WorkspaceSettings | null;
  if (existing) return { name: existing.name, created: false, write: async () => undefined };
  if (!create) {
    const empty = await isEffectivelyEmpty(fs, root);
    throw refuse(
      'not-a-workspace',
      empty
        ? `${root} is an empty folder, not a Versus Desk workspace yet.`
        : `${root} is not a Versus Desk workspace: it has no ${SETTINGS_FILE}.`,
      { empty },
    );
  }
  const settings: WorkspaceSettings = { format: WORKSPACE_FORMAT, name: basename(root) || 'Workspace', createdAt: now().toISOString() };
  return {
    name: settings.name,
    created: true,
    write: async () => {
      low.data = settings;
      try {
        await low.write();
      } catch (error) {
        throw ioError(`Could not create ${SETTINGS_FILE}`, error);
      }
    },
  };
}

/** Empty but for hidden entries (.git, .DS_Store): fine to turn into a workspace. */
export async function isEffectivelyEmpty(fs: FsLayer, folder: string): Promise<boolean> {
  try {
    return (await fs.readdir(folder)).every((name) => name.startsWith('.'));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return true;
    throw ioError(`Could not list ${folder}`, error);
  }
}

function refuse(reason: NotAWorkspaceReason, message: string, extra: Record<string, unknown> = {}): ServiceError {
  return new ServiceError('INVALID_INPUT', message, { reason, ...extra });
}
