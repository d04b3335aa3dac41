/**
 * The `versus-desk` command line (bin/versus-desk.js loads the built out/main/cli.js).
 * Plain Node: it reaches the same services as the app, and nothing under ../electron.
 */
import { processIo } from './CliIo';
import { runCli } from './runCli';
import { setListWorkerScript } from '../store/listInWorkers';
import listWorker from '../store/listWorker?modulePath';

// Opening a workspace without its index cache lists the files on worker threads (listInWorkers.ts).
setListWorkerScript(listWorker);

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`versus-desk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
