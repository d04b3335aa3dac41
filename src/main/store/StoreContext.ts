import type { FsLayer } from './fsLayer';
import type { WorkspaceLayout } from './workspaceLayout';

/** What the per-domain repositories share with the store that owns them. */
export interface StoreContext {
  fs: FsLayer;
  layout: WorkspaceLayout;
  now: () => Date;
  newId: () => string;
  /** Moves an unreadable file to quarantine and records the notice. */
  quarantine(file: string, reason: string): Promise<void>;
}
