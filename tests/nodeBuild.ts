import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Builds one TypeScript entry of the project as a Node ES module (`<name>.mjs`), as the app's
 * and the benchmark's builds do, for a test that runs it in a worker or a child process. The
 * folder is inside the project (out/), so the bundle finds its packages in node_modules; the
 * caller removes it. Returns the folder and the built file.
 */
export async function buildNodeEntry(name: string, entry: string): Promise<{ dir: string; file: string }> {
  await mkdir(join(process.cwd(), 'out'), { recursive: true });
  const dir = await mkdtemp(join(process.cwd(), 'out', `test-${name}-`));
  await build({
    configFile: false,
    root: process.cwd(),
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: dir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: { input: { [name]: join(process.cwd(), entry) }, output: { entryFileNames: '[name].mjs', format: 'es' } },
    },
  });
  return { dir, file: join(dir, `${name}.mjs`) };
}
