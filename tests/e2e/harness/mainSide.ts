/**
 * The real main side for the e2e harness: the same `Services` and dispatcher the Electron entry
 * builds (src/main/electron/startApp.ts), minus Electron. Kept in one small file so a change to
 * how the services start touches the harness in one place.
 */
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { Services } from '../../../src/main/services/Services';
import type { ApiResult } from '../../../src/shared/api/errors';

export type FolderMode = 'open' | 'create';
/** 'sample': the first-run workspace (the seed article and its two people); 'empty': a new, empty workspace. */
export type SeedKind = 'sample' | 'empty';

export interface MainSideOptions {
  workspaceDir: string;
  /** Create and seed the folder (first start); false reopens what is there. */
  seed: SeedKind | false;
  /** The origin the page is served from: the only sender the dispatcher trusts. */
  trustedOrigin: string;
  chooseFolder: (mode: FolderMode) => Promise<string | null>;
  openExternal: (url: string) => Promise<void>;
  emit: (event: string, payload: unknown) => void;
  onFlushed: () => void;
  /** The export's save dialog, the import's open dialog, the file manager (see publishSide.ts). */
  chooseExportTarget: (format: 'zip' | 'folder') => Promise<string | null>;
  chooseImportSource: (kind: 'file' | 'folder') => Promise<string | null>;
  revealPath: (path: string) => Promise<void>;
  exportPace: (index: number) => Promise<void>;
  importPace: (step: 'reading' | 'writing', done: number) => Promise<void>;
}

export interface MainSide {
  services: Services;
  dispatch: (channel: string, input: unknown, sender: { url: string }) => Promise<ApiResult<unknown>>;
  close(): Promise<void>;
}

export async function startMainSide(options: MainSideOptions): Promise<MainSide> {
  const { workspaceDir, seed, trustedOrigin, ...deps } = options;
  const services = await Services.create({
    ...deps,
    workspaceDir,
    // As in the app: files changed by other programs are noticed (tests/e2e/outsideChange.spec.ts).
    watch: true,
    ...(seed === false ? {} : { create: true, seed: seed === 'sample' }),
  });
  const dispatch = createDispatcher(services, {
    isTrustedSender: (sender: { url: string }) => {
      try {
        return new URL(sender.url).origin === trustedOrigin;
      } catch {
        return false;
      }
    },
  });
  let closed = false;
  return {
    services,
    dispatch,
    async close() {
      if (closed) return;
      closed = true;
      await services.close();
    },
  };
}
