/**
 * `npm run bench` at small scale, Chromium side: the typing, first-screen and renderer-heap
 * measurements run against the built renderer with the real services and give numbers. No
 * timing is asserted. The bare TipTap page of the typing floor is built here with Vite (it is
 * never part of the app's build).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { runBrowserBench } from '../../bench/browserBench';
import { prepareWorkspaces, SMALL } from '../../bench/runBench';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

test('the typing, first-screen and renderer-memory measurements run at small scale', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const workDir = await mkdtemp(join(tmpdir(), 'versus-desk-bench-e2e-'));
  try {
    const bareEditorDir = join(workDir, 'bare-editor');
    await build({ configFile: false, root: join(root, 'bench', 'bare-editor'), base: './', logLevel: 'warn', build: { outDir: bareEditorDir, emptyOutDir: true } });
    const workspaces = await prepareWorkspaces(SMALL, join(workDir, 'ws'), () => undefined);
    const rows = await runBrowserBench({ scale: SMALL, workspaces, log: () => undefined, rendererDir: join(root, 'out', 'renderer'), bareEditorDir, browser, screenshotDir: testInfo.outputPath() });
    await testInfo.attach('first screen', { path: testInfo.outputPath('bench-first-screen.png'), contentType: 'image/png' });
    expect(rows.map((r) => r.name)).toEqual([
      'first screen, 200 articles',
      'typing p95, 20-part article (200-article workspace)',
      'typing: long tasks over 50 ms',
      'renderer JS heap, 20-part article open',
    ]);
    for (const r of rows) expect(Number.isFinite(r.figure) && r.figure >= 0, `${r.name}: ${r.figure}`).toBe(true);
    const typing = rows[1];
    expect(typing?.floor ?? 0).toBeGreaterThan(0);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});
