import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, secureWebPreferences } from '../../src/main/electron/createMainWindow';
import { FakeBrowserWindow } from './electronMock';

vi.mock('electron', async () => (await import('./electronMock')).electronModule());

const preload = '/opt/versus-desk/out/preload/index.cjs';
const entry = { kind: 'file', path: '/opt/versus-desk/out/renderer/index.html' } as const;

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
});

describe('the main window', () => {
  it('is created with exactly the secure web preferences', () => {
    const window = createMainWindow({ preload, entry }) as unknown as FakeBrowserWindow;
    expect(window.options.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
      preload,
    });
    expect(secureWebPreferences(preload)).toStrictEqual(window.options.webPreferences);
  });

  it('stays hidden until its first paint is ready, then shows', () => {
    const window = createMainWindow({ preload, entry }) as unknown as FakeBrowserWindow;
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the built page from disk, or the dev server in development', () => {
    const built = createMainWindow({ preload, entry }) as unknown as FakeBrowserWindow;
    expect(built.loaded).toEqual({ kind: 'file', target: entry.path });
    const dev = createMainWindow({ preload, entry: { kind: 'url', url: 'http://localhost:5173/' } }) as unknown as FakeBrowserWindow;
    expect(dev.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173/' });
  });

  it('reopens at the remembered place and size, maximized if it was', () => {
    const state = { x: 40, y: 30, width: 1111, height: 777, maximized: true };
    const window = createMainWindow({ preload, entry, state }) as unknown as FakeBrowserWindow;
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1111, height: 777 });
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
  });
});
