import { basename, join, relative, sep } from 'node:path';
import type { Notice } from '../../shared/api/contract';
import { errnoCode, type FsLayer } from './fsLayer';
import type { WorkspaceLayout } from './workspaceLayout';

/**
 * Moves an unreadable record out of the way, never overwriting it or anything already in
 * quarantine, and says so in a notice. The rest of the workspace stays usable.
 */
export async function quarantineFile(
  fs: FsLayer,
  layout: WorkspaceLayout,
  file: string,
  reason: string,
  now: Date,
): Promise<Notice> {
  await fs.mkdir(layout.quarantineDir);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = join(layout.quarantineDir, `${stamp}-${basename(file)}`);
  for (let n = 2; await exists(fs, target); n++) {
    target = join(layout.quarantineDir, `${stamp}-${n}-${basename(file)}`);
  }
  await fs.rename(file, target);
  const from = toPosix(relative(layout.root, file));
  const to = toPosix(relative(layout.root, target));
  return {
    id: `quarantine:${to}`,
    kind: 'quarantine',
    message: `${from} could not be read (${reason}) and was moved to ${to}`,
    file: to,
  };
}

async function exists(fs: FsLayer, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
