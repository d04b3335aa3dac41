/**
 * The child of the crash loop: opens the workspace and saves comparisons as fast as it can
 * until the parent kills it with SIGKILL. It reports each save over IPC only after
 * `saveComparison` (or `createComparison`) resolved: an acknowledged save.
 *
 * It is forked ahead of time and loads its modules while the parent checks the previous
 * cycle; it touches the workspace only once told to `go`.
 */
import { ulid } from 'ulid';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { COMPARISON_FORMAT, defaultTitle, emptyDoc, type Comparison } from '../../../src/shared/model/comparison';
import { hashOfRecord, pickSize, seededRandom, withContent } from './articleContent';
import type { GoMessage, WorkerMessage } from './crashMessages';
const ARTICLES = 4;
const LANES = 2;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function main({ dir, seed, big: bigFirst }: GoMessage): Promise<void> {
  const random = seededRandom(seed);
  // A short index delay so crashes also land in index-cache writes.
  const store = await WorkspaceStore.open(dir, { indexDelayMs: 20 + Math.floor(random() * 180) });
  send({ type: 'ready', pid: process.pid });
  while (store.listComparisons().length < ARTICLES) {
    const n = store.listComparisons().length + 1;
    const created = await store.createComparison([`Alpha ${n}`, `Beta ${n}`]);
    send({ type: 'ack', id: created.id, revision: created.revision, hash: hashOfRecord(created), bytes: 0 });
  }
  const ids = store.listComparisons().map((s) => s.id).sort();
  let bigPending = bigFirst;
  // Two lanes, each owning its own articles, so saves queue up in the store as in the app.
  const lane = async (which: number): Promise<never> => {
    const mine = ids.filter((_, i) => i % LANES === which);
    let shrink: string | null = null;
    for (;;) {
      // A big article is overwritten by a small one next, so few cycles carry megabytes around.
      const id: string = shrink ?? mine[Math.floor(random() * mine.length)];
      const current = await store.getComparison(id);
      const big = bigPending && which === 0;
      bigPending = bigPending && !big;
      shrink = big ? id : null;
      const bytes = pickSize(random, big);
      const saved = await store.saveComparison(withContent(current, bytes, random), current.revision);
      send({ type: 'ack', id: saved.id, revision: saved.revision, hash: hashOfRecord(saved), bytes });
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
}

/** Runs the validation and serialization once, as a running app would have, so the first save after `go` isn't cold. */
function warmUp(): void {
  const stamp = new Date().toISOString();
  const sample: Comparison = {
    format: COMPARISON_FORMAT,
    id: ulid(),
    revision: 1,
    createdAt: stamp,
    updatedAt: stamp,
    terms: [
      { key: 'a', name: 'Warm' },
      { key: 'b', name: 'Up' },
    ],
    title: defaultTitle(['Warm', 'Up']),
    titleEdited: false,
    slug: 'warm-vs-up',
    slugEdited: false,
    summary: emptyDoc(),
    keyDifferences: [],
    chart: { headerLabel: '', rows: [] },
    definitions: [],
    faqs: [],
    byline: { authorId: null, editorId: null, updated: null },
    related: [],
  };
  const random = seededRandom(1);
  hashOfRecord(withContent(sample, 5_000, random));
}

process.once('message', (go: GoMessage) => {
  main(go).catch((error: unknown) => {
    const message: WorkerMessage = { type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    // Exit once the report is out, so the parent sees why instead of a bare exit code.
    process.send?.(message, undefined, undefined, () => process.exit(1));
  });
});
warmUp();
send({ type: 'loaded' });
