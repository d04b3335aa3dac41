/**
 * Runs the real `electron-vite build` (into a temp folder, so it never races a build in out/)
 * and checks the files the app loads at run time are where main looks for them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL } from '../../src/shared/api/channels';
import { preloadPath, rendererEntry } from '../../src/main/electron/rendererLocation';

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'versus-build-'));
  execFileSync('npx', ['electron-vite', 'build', '--outDir', outDir], { cwd: process.cwd(), stdio: 'pipe', timeout: 60_000 });
}, 90_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('electron-vite build output', () => {
  it('puts the preload and the page exactly where the main bundle looks for them', () => {
    const mainDir = join(outDir, 'main');
    expect(existsSync(join(mainDir, 'index.js'))).toBe(true);
    expect(preloadPath(mainDir)).toBe(join(outDir, 'preload', 'index.cjs'));
    expect(existsSync(preloadPath(mainDir))).toBe(true);
    const entry = rendererEntry(mainDir, undefined);
    expect(entry).toEqual({ kind: 'file', path: join(outDir, 'renderer', 'index.html') });
    expect(existsSync(join(outDir, 'renderer', 'index.html'))).toBe(true);
  });

  it('builds a preload that requires nothing but electron', async () => {
    const code = await readFile(join(outDir, 'preload', 'index.cjs'), 'utf8');
    const requires = [...code.matchAll(/\brequire\s*\(/g)].length;
    const electronRequires = [...code.matchAll(/\brequire\s*\(\s*["']electron["']\s*\)/g)].length;
    expect(electronRequires).toBeGreaterThan(0);
    expect(requires).toBe(electronRequires);
    // zod in the preload would mean a schema slipped into the zod-free channel list.
    expect(code).not.toMatch(/ZodError|\$ZodType|safeParse/);
  });

  it('builds a preload that runs as one CommonJS script in a bare sandbox', async () => {
    const code = await readFile(join(outDir, 'preload', 'index.cjs'), 'utf8');
    const exposeInMainWorld = vi.fn();
    const electron = { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() } };
    const module = { exports: {} };
    const sandboxRequire = (name: string): unknown => {
      if (name === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot require ${name}`);
    };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]?.[0]).toBe(BRIDGE_GLOBAL);
    expect(Object.keys(exposeInMainWorld.mock.calls[0]?.[1] as object).sort()).toEqual(['invoke', 'on']);
  });

  it('builds the cold open\'s list worker where the main bundle and the CLI look for it', async () => {
    // electron-vite's ?modulePath: `join(import.meta.dirname, "./listWorker-<hash>.js")` in a chunk both entries import.
    const mainDir = join(outDir, 'main');
    const files = (await readdir(mainDir, { recursive: true })).filter((f) => f.endsWith('.js'));
    const references: string[] = [];
    for (const file of files) {
      const code = await readFile(join(mainDir, file), 'utf8');
      for (const m of code.matchAll(/join(?:\$\d+)?\(import\.meta\.dirname, "(\.\/listWorker-[^"]+\.js)"\)/g)) references.push(join(mainDir, dirname(file), m[1] as string));
    }
    expect(references).toHaveLength(1);
    const worker = await readFile(references[0] as string, 'utf8');
    expect(worker).toContain('parentPort');
    // No electron in a worker thread, and both entries register it.
    expect(worker).not.toMatch(/from\s+["']electron["']/);
    for (const entry of ['index.js', 'cli.js']) expect(await readFile(join(mainDir, entry), 'utf8')).toMatch(/setListWorkerScript\(/);
  });

  it('builds the main bundle as an ES module that leaves electron to the runtime', async () => {
    const code = await readFile(join(outDir, 'main', 'index.js'), 'utf8');
    expect(code).toMatch(/from\s+["']electron["']/);
    expect(code).not.toMatch(/require\s*\(\s*["']electron["']\s*\)/);
  });
});
