/**
 * Runs the real `electron-vite build` (into a temp folder, so it never races a build in out/)
 * and checks the files the app loads at run time are where main looks for them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('builds the main bundle as an ES module that leaves electron to the runtime', async () => {
    const code = await readFile(join(outDir, 'main', 'index.js'), 'utf8');
    expect(code).toMatch(/from\s+["']electron["']/);
    expect(code).not.toMatch(/require\s*\(\s*["']electron["']\s*\)/);
  });
});
