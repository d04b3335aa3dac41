/**
 * Builds the real app once (electron-vite, into a temp folder) and runs the real
 * `bin/versus-desk.js` as a child process on plain Node, the way a user or a CI script does.
 *
 * The temp folder mirrors the package: package.json ("type": "module"), bin/, out/, and a link
 * to this checkout's node_modules, so the built CLI resolves its dependencies as it would here.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const repo = process.cwd();

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliKit {
  /** The package-like folder holding bin/ and out/. */
  root: string;
  run(args: string[], opts?: { env?: Record<string, string> }): Promise<CliRun>;
  /** A new empty temp folder, removed by dispose(). */
  tempDir(prefix?: string): Promise<string>;
  dispose(): Promise<void>;
}

export async function buildCliKit(): Promise<CliKit> {
  const root = await mkdtemp(join(tmpdir(), 'versus-cli-'));
  execFileSync(process.execPath, [join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', join(root, 'out')], {
    cwd: repo,
    stdio: 'pipe',
    timeout: 60_000,
  });
  await copyFile(join(repo, 'package.json'), join(root, 'package.json'));
  await mkdir(join(root, 'bin'));
  await copyFile(join(repo, 'bin', 'versus-desk.js'), join(root, 'bin', 'versus-desk.js'));
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  const temps: string[] = [];
  return {
    root,
    run: (args, opts = {}) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          ['bin/versus-desk.js', ...args],
          // A clean environment: no TTY, no SOURCE_DATE_EPOCH unless a test sets it.
          { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...opts.env }, timeout: 30_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    async tempDir(prefix = 'versus-cli-ws-') {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      temps.push(dir);
      return dir;
    },
    async dispose() {
      await Promise.all([root, ...temps].map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** Every file under `dir` with its bytes (and every folder), to prove a command wrote nothing. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const key = relative(dir, path);
      if (entry.isDirectory()) {
        files.set(`${key}/`, '');
        await walk(path);
      } else {
        files.set(key, (await readFile(path)).toString('base64'));
      }
    }
  };
  if ((await stat(dir)).isDirectory()) await walk(dir);
  return files;
}
