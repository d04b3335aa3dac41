#!/usr/bin/env node
// The `versus-desk` command line. The code is built by `npm run build` into out/main/cli.js
// (from src/main/cli); this file only finds it and says so plainly when it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`versus-desk: ${cli} is missing; run 'npm run build' first.\n`);
  process.exit(2);
}
await import(pathToFileURL(cli).href);
