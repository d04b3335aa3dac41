/**
 * Node module hook for the Playwright processes: lets `import data from './x.json'` work without
 * `with { type: 'json' }`, as it does under Vite, vitest and TypeScript's bundler resolution.
 * Node's ESM loader refuses such an import (ERR_IMPORT_ATTRIBUTE_MISSING) and Playwright's own
 * loader does not add the attribute, so the e2e harness could not import the real services.
 * The JSON becomes a module whose default export is the parsed value; nothing else is touched.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file://') && url.endsWith('.json') && !context.importAttributes?.type) {
    const text = await readFile(fileURLToPath(url), 'utf8');
    JSON.parse(text); // a broken file fails here, with its own error, not as bad JavaScript
    return { format: 'module', source: `export default ${text};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
