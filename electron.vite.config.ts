import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * out/main/index.js     ESM main bundle ("type": "module"); electron and node builtins external.
 * out/main/cli.js       the `versus-desk` command line (bin/versus-desk.js), same services, no electron.
 * out/preload/index.cjs one CommonJS file with every import inlined: a sandboxed preload can
 *                       require nothing but 'electron'.
 * out/renderer/         the page (index.html + assets: the first screen's chunk, the editor and other views on demand).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // The headless command line: runs on plain Node, so it must reach nothing under src/main/electron.
          cli: resolve(root, 'src/main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Minified (electron-vite leaves the renderer unminified by default): the first screen parses
      // and runs less code. The views it does not need are separate chunks (src/renderer/app/lazyViews.tsx).
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
