/**
 * The Electron entry. Everything lives in ./electron (the shell) and ./services (the app);
 * this file only finds its own folder, which is where the preload and renderer are found from.
 */
import { fileURLToPath } from 'node:url';
import { startApp } from './electron/startApp';
import { setListWorkerScript } from './store/listInWorkers';
import listWorker from './store/listWorker?modulePath';

// Opening a workspace without its index cache lists the files on worker threads (listInWorkers.ts).
setListWorkerScript(listWorker);

const mainDir = fileURLToPath(new URL('.', import.meta.url));

startApp(mainDir).catch((error: unknown) => {
  console.error('Versus Desk could not start', error);
  process.exit(1);
});
