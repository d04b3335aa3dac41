import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppSettingsStore, readAppSettings } from '../../src/main/electron/appSettings';

let dir: string;
let file: string;
const log = { warn: vi.fn() };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'versus-settings-'));
  file = join(dir, 'settings.json');
  log.warn.mockClear();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('app settings', () => {
  it('starts from defaults on first run, without a warning', async () => {
    expect(await readAppSettings(file, log)).toEqual({});
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('remembers the last workspace and window across restarts', async () => {
    const store = await AppSettingsStore.open(file, log);
    void store.update({ lastWorkspace: '/home/ann/Versus Desk' });
    await store.update({ window: { x: 5, y: 6, width: 1000, height: 700, maximized: true } });
    const reopened = await AppSettingsStore.open(file, log);
    expect(reopened.get()).toEqual({
      lastWorkspace: '/home/ann/Versus Desk',
      window: { x: 5, y: 6, width: 1000, height: 700, maximized: true },
    });
    expect((await readdir(dir)).sort()).toEqual(['settings.json']);
  });

  it.each([
    ['truncated JSON', '{"lastWorkspace": "/x'],
    ['NUL bytes', '\0\0\0\0'],
    ['wrong types', '{"lastWorkspace": 42}'],
    ['unknown keys', '{"lastWorkspace": "/x", "__proto__": {"polluted": true}}'],
    ['an off-the-chart window', '{"window": {"x": 0, "y": 0, "width": -5, "height": 10, "maximized": false}}'],
  ])('falls back to defaults, with a warning, on a file with %s', async (_name, text) => {
    await writeFile(file, text);
    expect(await readAppSettings(file, log)).toEqual({});
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps running when the settings cannot be written', async () => {
    const store = await AppSettingsStore.open(join(dir, 'missing-folder', 'settings.json'), log);
    await store.update({ lastWorkspace: '/x' });
    expect(store.get().lastWorkspace).toBe('/x');
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('writes readable JSON', async () => {
    const store = await AppSettingsStore.open(file, log);
    await store.update({ lastWorkspace: '/w' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ lastWorkspace: '/w' });
  });
});
