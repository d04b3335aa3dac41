/**
 * The clean process behind the main-side memory figure: it loads only the store (what the
 * Electron main process holds for a workspace), opens the workspace given as its argument,
 * and prints its RSS in bytes once the list is read and the search index built.
 *   node --expose-gc out/bench/memoryChild.mjs <workspace>
 */
import { mainMemory } from './nodeMemory';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: memoryChild <workspace>');
  process.exit(2);
}
mainMemory(dir).then(
  (rss) => process.stdout.write(`${rss}\n`),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
