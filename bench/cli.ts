/**
 * `npm run bench` runs this file's build (out/bench/cli.mjs, made by scripts/bench.mjs):
 *   node out/bench/cli.mjs [--small] [--no-browser] [--work <dir>]
 * The main-side memory figure comes from a clean child process (memoryChild.ts).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo, rowNotesOf, tableLines, writePerformanceDoc, writeResults } from './report';
import { FULL, SMALL, prepareWorkspaces, runNodeBench } from './runBench';
import { chromiumPath, reuseWorkspaces, runBrowserBench } from './browserBench';
import { PERFORMANCE_NOTES } from './notes';
import { measureExchange, measureOpen, measureSaves, measureSearch, openRows, saveRows, type SaveFigures, searchBuildLine, searchQueries, searchRows } from './nodeBench';
import { WorkspaceStore } from '../src/main/store/WorkspaceStore';
import { setListWorkerScript } from '../src/main/store/listInWorkers';
import type { BenchRow } from './stats';
import { childSaveTurns, type SaveTurns } from './saveTurns';

// As the app's entry points do: a cold open lists on worker threads, here this build's listWorker.mjs (scripts/bench.mjs).
setListWorkerScript(new URL('./listWorker.mjs', import.meta.url));

const { values } = parseArgs({
  options: {
    small: { type: 'boolean' },
    'no-browser': { type: 'boolean' },
    /** Only the Chromium rows; at full scale they replace those in bench/results.json. */
    'only-browser': { type: 'boolean' },
    /** Where --only-browser writes its rows (default: merged into bench/results.json). */
    out: { type: 'string' },
    /** Merge the rows of this results file into bench/results.json (same name: replaced) and rewrite docs/performance.md; measures nothing. */
    merge: { type: 'string' },
    /** Measure only search, on this existing workspace (with --out). */
    'search-only': { type: 'string' },
    /** Measure only export and import, from this existing workspace (with --out). */
    'exchange-only': { type: 'string' },
    /** Measure only open (warm, cold) and save on this existing workspace (a copy: it is written to), with --out. */
    'store-only': { type: 'string' },
    /** Measure only the save rows, in <dir>/small and <dir>/large taking turns (copies: they are written to), with --out. */
    'saves-only': { type: 'string' },
    work: { type: 'string' },
    root: { type: 'string' },
    /** The built renderer the Chromium rows load (default: <root>/out/renderer), so a pass can use its own build. */
    renderer: { type: 'string' },
    /** With --only-browser: reuse the workspaces an earlier run left in --work (not regenerated; the app's saves stay in them). */
    reuse: { type: 'boolean' },
    /** With --only-browser: only the typing and renderer heap rows (no first screen). */
    'typing-only': { type: 'boolean' },
    /** With --only-browser: only the first-screen row (no typing, no heap). */
    'first-screen-only': { type: 'boolean' },
  },
});

/** How many articles a workspace lists. */
async function articleCount(dir: string): Promise<number> {
  const store = await WorkspaceStore.open(dir);
  const n = store.listComparisons().length;
  await store.close();
  return n;
}

/** One workspace's timed saves in a child process of its own (saveChild.ts). */
function childSaves(dir: string): Promise<SaveTurns> {
  return childSaveTurns(join(dirname(process.argv[1] as string), 'saveChild.mjs'), dir);
}

async function childMemory(dir: string): Promise<number> {
  const script = join(dirname(process.argv[1] as string), 'memoryChild.mjs');
  const child = spawn(process.execPath, ['--expose-gc', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const rss = Number(out.trim().split('\n').pop());
  if (code !== 0 || !Number.isFinite(rss)) throw new Error(`the memory child failed (exit ${code}): ${out}`);
  return rss;
}

/** Each row's note, under the table (a partial pass's --out file keeps none, as results.json keeps none). */
function printNotes(rows: BenchRow[]): void {
  for (const r of rows) if (r.note) console.log(`- ${r.name}: ${r.note}`);
}

async function main(): Promise<void> {
  const root = resolve(values.root ?? process.cwd());
  const browserRow = (name: string) => ['typing', 'first screen', 'renderer'].some((p) => name.startsWith(p));
  if (values['search-only']) {
    const dir = resolve(values['search-only']);
    const store = await WorkspaceStore.open(dir);
    const ids = store.listComparisons().map((s) => s.id);
    const sample = [];
    for (let i = 0; i < 300; i++) sample.push(await store.getComparison(ids[(i * 7919) % ids.length] as string));
    await store.close();
    const figures = await measureSearch(dir, searchQueries(sample, FULL.searchPhrases));
    const rows = searchRows(figures, ids.length);
    console.log(tableLines(rows, false).join('\n'));
    printNotes(rows);
    console.log(searchBuildLine(figures, ids.length));
    if (values.out) await writeResults(resolve(values.out), rows);
    return;
  }
  if (values['saves-only']) {
    const dir = resolve(values['saves-only']);
    const [small, large] = (await measureSaves([join(dir, 'small'), join(dir, 'large')], FULL.saves, childSaves)) as [SaveFigures, SaveFigures];
    const rows = saveRows(small, large, await articleCount(join(dir, 'small')), await articleCount(join(dir, 'large')));
    console.log(tableLines(rows, false).join('\n'));
    printNotes(rows);
    if (values.out) await writeResults(resolve(values.out), rows);
    return;
  }
  if (values['store-only']) {
    const dir = resolve(values['store-only']);
    const open = await measureOpen(dir, FULL.openRepeats);
    const [saves] = (await measureSaves([dir], FULL.saves, childSaves)) as [SaveFigures];
    const n = await articleCount(dir);
    // saveRows pairs a small and a large workspace: keep the large rows (p50, p95, bytes).
    const [, , p50, p95, , bytes] = saveRows(saves, saves, n, n);
    const rows = [...openRows(open, n), ...[p50, p95, bytes].filter((r): r is BenchRow => r !== undefined)];
    console.log(tableLines(rows, false).join('\n'));
    printNotes(rows);
    if (values.out) await writeResults(resolve(values.out), rows);
    return;
  }
  if (values['exchange-only']) {
    const history = { articles: FULL.historyArticles, snapshots: FULL.historySnapshots, rounds: 2 };
    const rows = await measureExchange(resolve(values['exchange-only']), join(resolve(values.work ?? tmpdir()), 'bench-exchange'), history, (line) => console.log(line));
    console.log(tableLines(rows, false).join('\n'));
    printNotes(rows);
    if (values.out) await writeResults(resolve(values.out), rows);
    return;
  }
  if (values.merge) {
    const readRows = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as BenchRow[];
    const incoming = await readRows(values.merge);
    const current = await readRows(join(root, 'bench', 'results.json'));
    const docFile = join(root, 'docs', 'performance.md');
    const doc = await readFile(docFile, 'utf8').catch(() => '');
    // Rows kept from the full run keep their notes (results.json has none).
    const notes = rowNotesOf(doc);
    const kept = (r: BenchRow): BenchRow => (notes.has(r.name) ? { ...r, note: notes.get(r.name) as string } : r);
    const merged = [...current.map((r) => incoming.find((x) => x.name === r.name) ?? kept(r)), ...incoming.filter((x) => !current.some((r) => r.name === x.name))];
    await writeResults(join(root, 'bench', 'results.json'), merged);
    // The full run's date stays (a merge measures nothing); the merge's own time is added to it.
    const info = machineInfo(chromiumPath() ?? null, loadavg());
    const ran = /^Latest run: (\S+)/m.exec(doc)?.[1];
    if (ran) info.date = `${ran} (rows merged and notes rewritten ${info.date})`;
    await writePerformanceDoc(docFile, merged, info, PERFORMANCE_NOTES);
    console.log(tableLines(merged, false).join('\n'));
    return;
  }
  const scale = values.small ? SMALL : FULL;
  const workDir = resolve(values.work ?? join(tmpdir(), 'versus-desk-bench'));
  const log = (line: string) => console.error(`[bench] ${line}`);
  const loadBefore = loadavg();
  log(`scale ${scale.name}: ${scale.articles} articles; work folder ${workDir}`);
  const workspaces = values.reuse && values['only-browser'] ? await reuseWorkspaces(workDir) : await prepareWorkspaces(scale, workDir, log);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  // A part that fails is reported as such, and the rest still runs.
  const section = async (label: string, work: () => Promise<BenchRow[]>) => {
    try {
      rows.push(...(await work()));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      failures.push(`- ${label} failed: ${message}`);
      log(`${label} FAILED: ${message}`);
      process.exitCode = 1;
    }
  };
  if (!values['no-browser']) {
    await section('Chromium measurements', () =>
      runBrowserBench({
        scale,
        workspaces,
        log,
        rendererDir: values.renderer ? resolve(values.renderer) : join(root, 'out', 'renderer'),
        bareEditorDir: join(dirname(process.argv[1] as string), 'bare-editor'),
        screenshotDir: join(root, 'test-results', 'screenshots'),
        typingOnly: values['typing-only'] === true,
        firstScreenOnly: values['first-screen-only'] === true,
        typingWorkspace: process.env.BENCH_TYPING_WS === 'small' ? 'small' : 'large',
      }),
    );
  }
  if (!values['only-browser']) {
    await section('main-side measurements', () => runNodeBench({ scale, workDir, workspaces, log, memory: childMemory, saveTurns: childSaves, failures }));
  } else if (scale.name === 'full' && !values.out) {
    // Keep the main-side rows of the last full run.
    const previous = JSON.parse(await readFile(join(root, 'bench', 'results.json'), 'utf8').catch(() => '[]')) as BenchRow[];
    rows.push(...previous.filter((r) => !browserRow(r.name)));
    log(`kept ${previous.filter((r) => !browserRow(r.name)).length} main-side rows from bench/results.json`);
  }
  const order = ['save', 'bytes', 'open', 'search', 'export', 'import', 'typing', 'first screen', 'main-side memory', 'renderer'];
  const rank = (r: BenchRow) => {
    const i = order.findIndex((prefix) => r.name.startsWith(prefix));
    return i < 0 ? order.length : i;
  };
  rows.sort((a, b) => rank(a) - rank(b));
  console.log(tableLines(rows, false).join('\n'));
  const met = rows.filter((r) => r.met).length;
  console.log(`\n${met} of ${rows.length} targets met`);
  for (const failure of failures) console.log(`FAILED: ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
  if (values.out) {
    await writeResults(resolve(values.out), rows);
  } else if (scale.name === 'full') {
    await writeResults(join(root, 'bench', 'results.json'), rows);
    const notes = failures.length > 0 ? ['## Failures in this run', '', ...failures.map((f) => (f.startsWith('- ') ? f : `- ${f}`)), '', ...PERFORMANCE_NOTES] : PERFORMANCE_NOTES;
    await writePerformanceDoc(join(root, 'docs', 'performance.md'), rows, machineInfo(chromiumPath() ?? null, loadBefore), notes);
    log('wrote bench/results.json and docs/performance.md');
  } else {
    await writeResults(join(workDir, 'results.json'), rows);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
