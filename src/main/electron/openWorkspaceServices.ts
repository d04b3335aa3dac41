import { resolve } from 'node:path';
import { ServiceError } from '../../shared/api/errors';
import { Services, type ServicesDeps } from '../services/Services';

export interface OpenedWorkspace {
  services: Services;
  /** The folder that opened (the last one, or the default when that failed). */
  workspaceDir: string;
}

export interface OpenWorkspaceOptions extends Omit<ServicesDeps, 'workspaceDir'> {
  /** The workspace open when the app last ran, if any. */
  lastWorkspace: string | undefined;
  /** Created and seeded with the sample article when it does not exist yet. */
  defaultWorkspace: string;
}

/**
 * Opens the workspace the user last had open; when it is gone or unreadable, falls back to the
 * default one (creating and seeding it on first run). A workspace locked by another running
 * Versus Desk is not a reason to open a different one: that error goes to the user.
 */
export async function openWorkspaceServices(options: OpenWorkspaceOptions): Promise<OpenedWorkspace> {
  const { lastWorkspace, defaultWorkspace, ...deps } = options;
  if (lastWorkspace && resolve(lastWorkspace) !== resolve(defaultWorkspace)) {
    try {
      return { services: await Services.create({ ...deps, workspaceDir: lastWorkspace }), workspaceDir: lastWorkspace };
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'LOCKED') throw error;
      console.warn(`Could not reopen ${lastWorkspace}; opening the default workspace instead.`, error);
    }
  }
  const services = await Services.create({ ...deps, workspaceDir: defaultWorkspace, create: true, seed: true });
  return { services, workspaceDir: defaultWorkspace };
}
