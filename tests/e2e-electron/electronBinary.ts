import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const NO_ELECTRON_REASON = 'Electron binary not installed (cannot be downloaded here): skipping real-app journeys';

/**
 * The installed Electron executable, or undefined. Found the way `electron/index.js` finds it
 * (path.txt names the binary under dist/), WITHOUT loading that module: loading it starts a
 * download when the binary is missing, which fails on a closed network.
 */
export function findElectronBinary(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}
