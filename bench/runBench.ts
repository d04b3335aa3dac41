/**
 * The benchmark, as a library: `runNodeBench` (save, open, search, export, import, main memory)
 * and, in browserBench.ts, the Chromium measurements. `npm run bench` runs both at full scale
 * (scripts/bench.mjs → bench/cli.ts); the test suite runs them at small scale as a smoke test.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Comparison } from '../src/shared/model/comparison';
import type { Person } from '../src/shared/model/person';
import {
  mainMemory,
  measureExchange,
  measureOpen,
  measureSaves,
  measureSearch,
  openRows,
  saveRows,
  type SaveFigures,
  searchQueries,
  searchRows,
  searchBuildLine,
} from './nodeBench';
import type { SaveTurns } from './saveTurns';
import { row, type BenchRow } from './stats';
import { longArticle, synthWorkspace } from './synth';
import { writeWorkspace } from './workspace';

export interface Scale {
  name: 'full' | 'small';
  /** Articles in the large workspace (open, search, export, import, first screen, memory). */
  articles: number;
  /** Articles in the small workspace of the save comparison. */
  smallArticles: number;
  /**
   * Saves timed in each workspace (after 5 not timed). A p95 of 40 was the second-worst of 40
   * fsynced writes and swung from 0.6× to 3.9× the floor between runs of the same code: 400.
   */
  saves: number;
  /** Warm and cold opens (each next to its floor); the median is reported. */
  openRepeats: number;
  searchPhrases: number;
  /** Items of each list in the typing article (50 → 200 parts). */
  longEach: number;
  typedChars: number;
  people: number;
  /** Articles, and snapshot files per article, of the long-history export (measureLongHistories). */
  historyArticles: number;
  historySnapshots: number;
}

export const FULL: Scale = { name: 'full', articles: 10_000, smallArticles: 100, saves: 400, openRepeats: 5, searchPhrases: 60, longEach: 50, typedChars: 200, people: 50, historyArticles: 300, historySnapshots: 100 };
export const SMALL: Scale = { name: 'small', articles: 200, smallArticles: 20, saves: 6, openRepeats: 1, searchPhrases: 4, longEach: 5, typedChars: 20, people: 10, historyArticles: 16, historySnapshots: 55 };

export interface Workspaces {
  /** The large workspace: `articles` comparisons, the long article among them (the small one has it too). */
  large: string;
  small: string;
  people: Person[];
  comparisons: Comparison[];
  long: Comparison;
}

/** Generates and writes both workspaces under `workDir` (removed first). */
export async function prepareWorkspaces(scale: Scale, workDir: string, log: (line: string) => void): Promise<Workspaces> {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  let t0 = performance.now();
  const synth = synthWorkspace({ articles: scale.articles - 1, people: scale.people });
  const long = longArticle(scale.longEach, synth.people);
  const comparisons = [...synth.comparisons, long];
  const bytes = comparisons.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c, null, 2)), 0);
  log(`generated ${comparisons.length} articles (${(bytes / comparisons.length / 1024).toFixed(1)} KB each on average) and ${synth.people.length} people in ${Math.round(performance.now() - t0)} ms`);
  t0 = performance.now();
  const large = join(workDir, 'large');
  const small = join(workDir, 'small');
  await writeWorkspace(large, synth.people, comparisons);
  // The small workspace holds the long article too: the typing benchmark runs there.
  await writeWorkspace(small, synth.people, [...synth.comparisons.slice(0, scale.smallArticles - 1), long]);
  log(`wrote the workspaces in ${Math.round(performance.now() - t0)} ms`);
  return { large, small, people: synth.people, comparisons, long };
}

export interface NodeBenchOptions {
  scale: Scale;
  workDir: string;
  workspaces: Workspaces;
  log: (line: string) => void;
  /** Measures main-side RSS with the workspace open; default: in this process (the CLI uses a clean child process). */
  memory?: (dir: string) => Promise<number>;
  /** Runs one workspace's timed saves; default: in this process (the CLI uses a child process per workspace). */
  saveTurns?: (dir: string) => Promise<SaveTurns>;
  /** Measurements that failed are added here (and logged); the others' rows are still returned. */
  failures?: string[];
}

export async function runNodeBench(opts: NodeBenchOptions): Promise<BenchRow[]> {
  const { scale, workspaces: ws, log } = opts;
  const rows: BenchRow[] = [];
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    log(`${label}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  const push = (...more: BenchRow[]) => {
    for (const r of more) log(`  ${r.name}: ${r.figure} ${r.unit}${r.floor === null ? '' : ` (floor ${r.floor}, ${r.ratio}×)`} ${r.met ? 'met' : 'NOT met'}`);
    rows.push(...more);
  };

  // Each measurement on its own: one that fails is logged and the others still run.
  const measure = async <T>(label: string, work: () => Promise<T>, toRows: (value: T) => BenchRow[]) => {
    try {
      push(...toRows(await step(label, work)));
    } catch (error) {
      failed.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      log(`${label} FAILED: ${error instanceof Error ? error.stack : String(error)}`);
    }
  };
  const failed: string[] = [];
  await measure('open', () => measureOpen(ws.large, scale.openRepeats), (open) => openRows(open, scale.articles));
  await measure('search', () => measureSearch(ws.large, searchQueries(ws.comparisons, scale.searchPhrases)), (search) => {
    log(searchBuildLine(search, scale.articles));
    return searchRows(search, scale.articles);
  });
  await measure('main memory', () => (opts.memory ?? mainMemory)(ws.large), (rss) => [
    row({ name: `main-side memory (RSS), ${scale.articles.toLocaleString('en-US')} articles open`, figure: rss / 2 ** 20, unit: 'MB', max: 300, note: 'a Node process with the workspace open, its list read and its search index built, after GC' }),
  ]);
  await measure(
    'saves',
    () => measureSaves([ws.small, ws.large], scale.saves, opts.saveTurns),
    ([small, large]) => saveRows(small as SaveFigures, large as SaveFigures, scale.smallArticles, scale.articles),
  );
  await measure(
    'export and import',
    () => measureExchange(ws.large, join(opts.workDir, 'bundle'), { articles: scale.historyArticles, snapshots: scale.historySnapshots, rounds: scale.name === 'full' ? 2 : 1 }, log),
    (exchangeRows) => exchangeRows,
  );
  opts.failures?.push(...failed);
  return rows;
}
