/** The main-side measurements: save, open, search, export, import and main-process memory. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Comparison } from '../src/shared/model/comparison';
import type { Person } from '../src/shared/model/person';
import { stableStringify } from '../src/main/store/durableWrite';
import { WorkspaceStore } from '../src/main/store/WorkspaceStore';
import { INDEX_BYTES_PER_CHANGE } from '../src/main/store/ComparisonIndex';
import { exportBundle, writeZip } from '../src/main/bundle/exportBundle';
import { readZipEntries } from '../src/main/bundle/import/zipEntries';
import { resolveLimits } from '../src/main/bundle/import/bundleLimits';
import { applyImport, planImport, readBundle } from '../src/main/bundle/import';
import { HistoryStore, snapshotHeader, snapshotText, type HistoryReason, type SnapshotInput, type SnapshotWrite } from '../src/main/history/HistoryStore';
import { writeFilesDurable } from '../src/main/store/batchWrite';
import { nodeFs } from '../src/main/store/fsLayer';
import { contentHash } from '../src/main/bundle/contentHash';
import { CountingFs } from './workspace';
import { edited, openSaveTurns, pickArticle, type SaveTurns } from './saveTurns';
import { median, percentile, row, type BenchRow } from './stats';

export interface SaveFigures {
  p50: number;
  p95: number;
  floorP50: number;
  floorP95: number;
  bytesPerSave: number;
  fileBytes: number;
  /** The index cache's size and the share of its rewrite each save carries (INDEX_BYTES_PER_CHANGE policy). */
  indexFileBytes: number;
  indexSharePerSave: number;
}

/**
 * Saves `count` articles in each workspace (a one-word edit each, as an autosave), each next to
 * a bare durable write of the same bytes. The workspaces take turns, one save each (saveTurns.ts),
 * so that all see the same disk and the same load; `openTurns` runs a workspace's saves (the CLI:
 * in a child process each). Figures in the order of `dirs`.
 */
export async function measureSaves(dirs: readonly string[], count: number, openTurns: (dir: string) => Promise<SaveTurns> = openSaveTurns): Promise<SaveFigures[]> {
  const warmup = 5;
  const timed = dirs.map(() => ({ times: [] as number[], floors: [] as number[] }));
  const runners: SaveTurns[] = [];
  try {
    for (const dir of dirs) runners.push(await openTurns(dir));
    for (let i = 0; i < count + warmup; i++) {
      // Counterbalanced: which workspace goes first alternates every round, and whether the floor
      // or the save goes first every two rounds, so neither order favours a figure or its floor.
      const order = i % 2 === 0 ? [...runners.keys()] : [...runners.keys()].reverse();
      const floorFirst = Math.floor(i / 2) % 2 === 1;
      for (const k of order) {
        const runner = runners[k] as SaveTurns;
        const { save, floor } = await runner.turn(i, floorFirst);
        if (i < warmup) continue;
        timed[k]?.times.push(save);
        timed[k]?.floors.push(floor);
      }
    }
  } finally {
    for (const runner of runners) await runner.close();
  }
  const figures: SaveFigures[] = [];
  for (const [k, dir] of dirs.entries()) {
    const { times, floors } = timed[k] as { times: number[]; floors: number[] };
    figures.push({ p50: median(times), p95: percentile(times, 95), floorP50: median(floors), floorP95: percentile(floors, 95), ...(await measureSaveBytes(dir, count)) });
  }
  return figures;
}

/**
 * Bytes: a writer pauses between autosaves, so the index cache gets its chance to be written
 * after every save (delay 1 ms). Everything the store writes counts, except the index cache,
 * which is rewritten whole once every ceil(size / INDEX_BYTES_PER_CHANGE) changes: its share
 * per save is added from that policy (a 20-save sample would catch it 0 or 1 times).
 */
async function measureSaveBytes(dir: string, count: number): Promise<Pick<SaveFigures, 'bytesPerSave' | 'fileBytes' | 'indexFileBytes' | 'indexSharePerSave'>> {
  const counting = new CountingFs();
  const bytesStore = await WorkspaceStore.open(dir, { fs: counting.fs, indexDelayMs: 1 });
  const ids = bytesStore.listComparisons().map((s) => s.id);
  let fileBytes = 0;
  const bytesSaves = Math.min(count, 20);
  try {
    await counting.settle(50);
    counting.bytes = 0;
    counting.indexBytes = 0;
    for (let i = 0; i < bytesSaves; i++) {
      const c = edited(await bytesStore.getComparison(pickArticle(ids, i + 1000)), i);
      const saved = await bytesStore.saveComparison(c, c.revision);
      fileBytes += Buffer.byteLength(stableStringify(saved));
      await counting.settle(30);
    }
  } finally {
    await bytesStore.close();
  }
  const indexFileBytes = (await stat(join(dir, '.versus-desk', 'index.json'))).size;
  const indexSharePerSave = indexFileBytes / Math.max(1, Math.ceil(indexFileBytes / INDEX_BYTES_PER_CHANGE));
  return {
    bytesPerSave: (counting.bytes - counting.indexBytes) / bytesSaves + indexSharePerSave,
    fileBytes: fileBytes / bytesSaves,
    indexFileBytes,
    indexSharePerSave,
  };
}

export function saveRows(small: SaveFigures, large: SaveFigures, smallN: number, largeN: number): BenchRow[] {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    row({ name: `save p50, ${n(smallN)} articles`, figure: small.p50, floor: small.floorP50, unit: 'ms', maxRatio: 1.5, note: 'call to durable acknowledgement vs temp+fsync+rename+fsync folder of the same bytes' }),
    row({ name: `save p95, ${n(smallN)} articles`, figure: small.p95, floor: small.floorP95, unit: 'ms', maxRatio: 1.5 }),
    row({ name: `save p50, ${n(largeN)} articles`, figure: large.p50, floor: large.floorP50, unit: 'ms', maxRatio: 1.5 }),
    row({ name: `save p95, ${n(largeN)} articles`, figure: large.p95, floor: large.floorP95, unit: 'ms', maxRatio: 1.5 }),
    row({ name: `save p50, ${n(largeN)} vs ${n(smallN)} articles`, figure: large.p50, floor: small.p50, unit: 'ms', maxRatio: 1.2, note: 'floor here is the save p50 in the small workspace; the two take turns, one save each' }),
    row({ name: `bytes written per save, ${n(largeN)} articles`, figure: large.bytesPerSave, floor: large.fileBytes, unit: 'bytes', maxRatio: 2, note: `every byte the store wrote per save with an idle pause after each (the record file, plus ${Math.round(large.indexSharePerSave)} bytes: the share of the ${(large.indexFileBytes / 1e6).toFixed(1)} MB index cache rewrite, done once enough changes piled up); floor: the article file` }),
  ];
}

export interface OpenFigures {
  warm: number;
  warmFloor: number;
  cold: number;
  coldFloor: number;
}

/** Opening until the list is ready, warm (index cache present) and cold (none), against reading + parsing the same bytes. */
export async function measureOpen(dir: string, repeats: number): Promise<OpenFigures> {
  const indexFile = join(dir, '.versus-desk', 'index.json');
  const comparisonsDir = join(dir, 'comparisons');
  const warm: number[] = [];
  const warmFloor: number[] = [];
  const cold: number[] = [];
  const coldFloor: number[] = [];
  const openList = async () => {
    const t0 = performance.now();
    const store = await WorkspaceStore.open(dir);
    const list = store.listComparisons();
    const t = performance.now() - t0;
    if (list.length === 0) throw new Error('the workspace opened empty');
    await store.close();
    return t;
  };
  // Make sure an index exists, then alternate figure and floor so both see the same machine.
  await (await WorkspaceStore.open(dir)).close();
  for (let i = 0; i < repeats; i++) {
    let t0 = performance.now();
    JSON.parse(await readFile(indexFile, 'utf8'));
    warmFloor.push(performance.now() - t0);
    warm.push(await openList());

    t0 = performance.now();
    const names = (await readdir(comparisonsDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    // In batches of 64, as the store reads them.
    for (let b = 0; b < names.length; b += 64) {
      await Promise.all(names.slice(b, b + 64).map(async (name) => JSON.parse(await readFile(join(comparisonsDir, name), 'utf8'))));
    }
    coldFloor.push(performance.now() - t0);
    await rm(indexFile, { force: true });
    cold.push(await openList());
  }
  return { warm: median(warm), warmFloor: median(warmFloor), cold: median(cold), coldFloor: median(coldFloor) };
}

export function openRows(f: OpenFigures, n: number): BenchRow[] {
  const label = n.toLocaleString('en-US');
  return [
    row({ name: `open warm (index present), ${label} articles`, figure: f.warm, floor: f.warmFloor, unit: 'ms', maxRatio: 1.5, note: 'WorkspaceStore.open + list vs readFile + JSON.parse of the index cache; median' }),
    row({ name: `open cold (no index), ${label} articles`, figure: f.cold, floor: f.coldFloor, unit: 'ms', maxRatio: 1.5, note: 'WorkspaceStore.open + list (files listed on worker threads) vs readFile + JSON.parse of every article file on the main thread, 64 at a time; median' }),
  ];
}

/** As-you-type queries: every prefix of words and phrases taken from the articles. */
export function searchQueries(comparisons: readonly Comparison[], count: number): string[] {
  const phrases: string[] = [];
  for (let i = 0; phrases.length < count; i++) {
    const c = comparisons[(i * 104729) % comparisons.length] as Comparison;
    const body = c.keyDifferences[i % c.keyDifferences.length]?.text.content[0]?.content?.map((n) => (n.type === 'text' ? n.text : '')).join('') ?? '';
    const words = body.split(/\s+/).filter((w) => w.length > 3);
    const kind = i % 4;
    if (kind === 0) phrases.push(c.terms[0]?.name ?? 'x');
    else if (kind === 1) phrases.push(words[i % Math.max(1, words.length)] ?? 'media');
    else if (kind === 2) phrases.push(`${c.terms[1]?.name.split(' ')[0] ?? ''} ${words[0] ?? ''}`.trim());
    else phrases.push(words.slice(2, 4).join(' ') || 'social');
  }
  const queries: string[] = [];
  for (const phrase of phrases) for (let k = 1; k <= phrase.length; k++) queries.push(phrase.slice(0, k).toLowerCase());
  return queries;
}

export interface SearchFigures {
  p50: number;
  p95: number;
  queries: number;
  indexMs: number;
  /** The background fill's own figures (SearchIndex.fillStats): start to end, and its longest slice between yields. */
  buildMs: number;
  buildSliceMs: number;
  buildSlices: number;
  /** The longest the event loop was held (monitorEventLoopDelay max) from the end of open until the index was built. */
  longestBlockMs: number;
}

/** p95 of `comparisons.list` with a query (what the sidebar filter calls), once the search index is built; and what building it cost main. */
export async function measureSearch(dir: string, queries: readonly string[]): Promise<SearchFigures> {
  const store = await WorkspaceStore.open(dir);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  try {
    const t0 = performance.now();
    await store.searchReady();
    const indexMs = performance.now() - t0;
    loop.disable();
    const stats = store.searchFillStats();
    for (const q of queries.slice(0, 50)) store.listComparisons(q);
    const times: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      store.listComparisons(q);
      times.push(performance.now() - s);
    }
    return {
      p50: median(times),
      p95: percentile(times, 95),
      queries: queries.length,
      indexMs,
      buildMs: stats?.ms ?? Number.NaN,
      buildSliceMs: stats?.longestSliceMs ?? Number.NaN,
      buildSlices: stats?.slices ?? 0,
      longestBlockMs: loop.max / 1e6,
    };
  } finally {
    await store.close();
  }
}

export function searchRows(f: SearchFigures, n: number): BenchRow[] {
  return [
    row({ name: `search p95 per query, ${n.toLocaleString('en-US')} articles`, figure: f.p95, unit: 'ms', max: 8, note: `${f.queries} as-you-type queries (every prefix) on title, terms and body; p50 ${f.p50.toFixed(2)} ms; ${searchBuildLine(f, n)}` }),
  ];
}

/** The build's figures, for the log and the search row's note (figures only: the issue sets no target for them, so they are not rows). */
export function searchBuildLine(f: SearchFigures, n: number): string {
  return (
    `search index build, ${n.toLocaleString('en-US')} articles: ${Math.round(f.buildMs)} ms in the background after open (${f.buildSlices} slices); ` +
    `longest main-thread block from the end of open until built: ${f.longestBlockMs.toFixed(1)} ms (monitorEventLoopDelay max: GC pauses, the open's background checks and CPU contention included; ` +
    `the fill's own longest slice between yields: ${f.buildSliceMs.toFixed(1)} ms)`
  );
}

export interface ExportImportFigures {
  /** Medians of EXPORT_ROUNDS exports and zip floors, taking turns (each round's in exportRounds, zipFloorRounds). */
  exportMs: number;
  zipFloorMs: number;
  exportRounds: number[];
  zipFloorRounds: number[];
  articles: number;
  importMs: number;
  /** The import's steps: reading and checking the bundle, planning, applying. */
  importSteps: { readMs: number; planMs: number; applyMs: number };
  /**
   * The import's writes alone: the same files (each article's record and its import snapshot, and
   * the people) written durably again by the same code into an empty folder, no reading, checking
   * or indexing (importWriteFloor).
   */
  writeFloorMs: number;
  /** Planning the same bundle again against the workspace it was imported into (every article unchanged). */
  replanMs: number;
  bundleBytes: number;
}

/**
 * Exports and zip floors timed, taking turns (export, floor, export, floor, ...). One of each
 * (until 2026-12-01) made the ratio swing with the host: the same code's floor took 2.0–3.75 s
 * between runs minutes apart. The first export is the one a user runs after opening (code not yet
 * optimized by the engine); it is one of the three, not dropped.
 */
export const EXPORT_ROUNDS = 3;

/** Export every article to a zip as the CLI does (with history lineage), then import it into an empty workspace. */
export async function measureExportImport(dir: string, scratch: string): Promise<ExportImportFigures> {
  const zip = join(scratch, 'bundle.zip');
  const floorZip = join(scratch, 'floor.zip');
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const store = await WorkspaceStore.open(dir);
  const exportRounds: number[] = [];
  const zipFloorRounds: number[] = [];
  let articles = 0;
  try {
    const opts = { status: 'signed-off' as const, createdBy: 'bench', appVersion: 'bench', now: new Date(Date.UTC(2024, 5, 1)) };
    // The word index fills in the background after open (every article read once): let it finish,
    // so the export is timed as a user runs it in an open workspace, not racing that one-off fill.
    await store.searchReady();
    let first: Buffer | null = null;
    for (let round = 0; round < EXPORT_ROUNDS; round++) {
      await rm(zip, { force: true });
      await rm(floorZip, { force: true });
      const t0 = performance.now();
      const result = await exportBundle(store, { ...opts, out: zip, format: 'zip', history: HistoryStore.forStore(store) });
      exportRounds.push(performance.now() - t0);
      articles = result.items;
      // A bench that exported fewer articles than it set out to would time the wrong work.
      if (articles === 0 || result.leftOut.length > 0) {
        throw new Error(`the export took ${articles} articles and left out ${result.leftOut.length}: the synthetic workspace is not signed off as it should be`);
      }
      // Every round must give the same bundle (the export is deterministic).
      const bytes = await readFile(zip);
      if (first === null) first = bytes;
      else if (!first.equals(bytes)) throw new Error(`export round ${round + 1} gave a different zip`);
      // The same already-rendered files, taken back out of the bundle (re-rendering 10,000 articles
      // would only repeat the export's own work), zipped again with the same function (our zip
      // writer on node:zlib, src/main/bundle/zipWriter.ts: the export's "library").
      const files = await readZipEntries(zip, resolveLimits());
      const t1 = performance.now();
      await writeZip(floorZip, files);
      zipFloorRounds.push(performance.now() - t1);
    }
  } finally {
    await store.close();
  }
  const target = join(scratch, 'imported');
  await rm(target, { recursive: true, force: true });
  const into = await WorkspaceStore.open(target, { create: true, seed: false });
  let importMs: number;
  let importSteps: ExportImportFigures['importSteps'];
  let replanMs: number;
  try {
    const t0 = performance.now();
    // With the default limits, as the app and the CLI import.
    const contents = await readBundle(zip);
    const t1 = performance.now();
    const history = HistoryStore.forStore(into);
    const plan = await planImport(into, contents, history);
    const t2 = performance.now();
    await applyImport(into, contents, plan, {}, { now: new Date(Date.UTC(2024, 5, 2)), by: 'bench', history });
    importMs = performance.now() - t0;
    importSteps = { readMs: t1 - t0, planMs: t2 - t1, applyMs: performance.now() - t2 };
    if (into.listComparisons().length !== articles) throw new Error(`imported ${into.listComparisons().length} of ${articles} articles`);
    // The same bundle planned again, against the workspace that now holds it: every article read and compared.
    const t3 = performance.now();
    const again = await planImport(into, contents, history);
    replanMs = performance.now() - t3;
    const unchanged = again.items.filter((i) => i.kind === 'comparison' && i.action === 'unchanged').length;
    if (unchanged !== articles) throw new Error(`planned again: ${unchanged} of ${articles} articles unchanged`);
  } finally {
    await into.close();
  }
  const writeFloorMs = await importWriteFloor(target, join(scratch, 'write-floor'));
  const bundleBytes = (await stat(zip)).size;
  return { exportMs: median(exportRounds), zipFloorMs: median(zipFloorRounds), exportRounds, zipFloorRounds, articles, importMs, importSteps, writeFloorMs, replanMs, bundleBytes };
}

/** Articles a batch of the write floor, as applyImport writes them (its ARTICLE_BATCH). */
const WRITE_FLOOR_BATCH = 512;

/**
 * The files an import wrote into `imported` (people, article records, each article's import
 * snapshot), written again into an empty workspace folder `out` with the import's own writers:
 * writeFilesDurable for the records (new files, linked into place) and HistoryStore.snapshotMany
 * for the snapshots (a folder each), a batch's snapshots written while the next batch's records
 * are, as applyImport does. Every text is read and parsed before the clock starts; each snapshot
 * written must equal the import's, byte for byte. Returns the time of the writes alone.
 */
export async function importWriteFloor(imported: string, out: string): Promise<number> {
  await rm(out, { recursive: true, force: true });
  for (const folder of ['comparisons', 'people', 'history']) await mkdir(join(out, folder), { recursive: true });
  const filesOf = async (folder: string) => {
    const names = (await readdir(join(imported, folder))).filter((n) => n.endsWith('.json')).sort();
    return Promise.all(names.map(async (name) => ({ path: join(out, folder, name), data: await readFile(join(imported, folder, name), 'utf8'), create: true })));
  };
  const people = await filesOf('people');
  const records = await filesOf('comparisons');
  const textOf = new Map([...people, ...records].map((f) => [f.path, f.data]));
  const snapshots: SnapshotInput[] = [];
  const expected = new Map<string, string>();
  for (const id of (await readdir(join(imported, 'history'))).sort()) {
    const names = await readdir(join(imported, 'history', id));
    if (names.length !== 1) throw new Error(`write floor: ${id} has ${names.length} snapshots after the import, not 1`);
    const text = await readFile(join(imported, 'history', id, names[0] as string), 'utf8');
    const header = snapshotHeader(text);
    if (!header) throw new Error(`write floor: the snapshot of ${id} has no header`);
    const recordText = textOf.get(join(out, header.kind === 'comparison' ? 'comparisons' : 'people', `${id}.json`));
    if (recordText === undefined) throw new Error(`write floor: no record file for the snapshot of ${id}`);
    expected.set(join(out, 'history', id, names[0] as string), text);
    const record = JSON.parse(recordText) as Comparison | Person;
    const input = { reason: header.reason as HistoryReason, by: header.by, at: new Date(header.at), contentHash: header.contentHash, ...(header.lineage ? { lineage: header.lineage } : {}), recordText };
    snapshots.push(header.kind === 'comparison' ? { ...input, kind: 'comparison', record: record as Comparison } : { ...input, kind: 'person', record: record as Person });
  }
  // People first, one at a time with their snapshots (as applyImport places them), then the articles.
  const personSnapshots = snapshots.filter((x) => x.kind === 'person');
  const articleSnapshots = snapshots.filter((x) => x.kind === 'comparison');
  const snapshotOf = new Map(articleSnapshots.map((x) => [x.record.id, x]));
  const ordered = records.map((f) => snapshotOf.get((JSON.parse(f.data) as Comparison).id) as SnapshotInput);
  const history = new HistoryStore(out);
  const written: SnapshotWrite[] = [];
  const t0 = performance.now();
  for (const person of people) await writeFilesDurable([person], nodeFs);
  await history.snapshotMany(personSnapshots, written);
  let snapshotting: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < records.length; start += WRITE_FLOOR_BATCH) {
    await Promise.all([writeFilesDurable(records.slice(start, start + WRITE_FLOOR_BATCH), nodeFs), snapshotting]);
    snapshotting = history.snapshotMany(ordered.slice(start, start + WRITE_FLOOR_BATCH), written);
  }
  await snapshotting;
  const ms = performance.now() - t0;
  if (written.length !== expected.size) throw new Error(`write floor: ${written.length} snapshots written, ${expected.size} expected`);
  for (const w of [...written.slice(0, 25), ...written.slice(-25)]) {
    if ((await readFile(w.path, 'utf8')) !== expected.get(w.path)) throw new Error(`write floor: ${w.path} differs from the import's snapshot`);
  }
  await rm(out, { recursive: true, force: true });
  return ms;
}

export interface LongHistoryFigures {
  articles: number;
  snapshots: number;
  /** Median export time with `snapshots` snapshot files per article, and with only the newest one. */
  deepMs: number;
  shallowMs: number;
}

/**
 * Export with long histories: `articles` of the workspace's articles copied twice, once with
 * `snapshots` snapshot files each (the newest holding the article's content, the older ones each a
 * different hash, as autosaves every few minutes of editing leave them) and once with only the
 * newest; each exported (every status) `rounds` times, alternating. The lineage needs at most 50 hashes, so
 * an export should not cost in proportion to a history's length.
 */
export async function measureLongHistories(dir: string, scratch: string, articles: number, snapshots: number, rounds = 2): Promise<LongHistoryFigures> {
  await rm(scratch, { recursive: true, force: true });
  const deep = join(scratch, 'deep');
  const shallow = join(scratch, 'shallow');
  const names = (await readdir(join(dir, 'comparisons'))).filter((n) => n.endsWith('.json')).sort().slice(0, articles);
  for (const ws of [deep, shallow]) {
    await mkdir(join(ws, 'comparisons'), { recursive: true });
    await cp(join(dir, 'people'), join(ws, 'people'), { recursive: true });
    await cp(join(dir, 'versus-desk.json'), join(ws, 'versus-desk.json'));
  }
  for (const name of names) {
    const text = await readFile(join(dir, 'comparisons', name), 'utf8');
    const record = JSON.parse(text) as Comparison;
    const real = contentHash(record);
    for (const [ws, from] of [[deep, 1], [shallow, snapshots]] as const) {
      await writeFile(join(ws, 'comparisons', name), text);
      const folder = join(ws, 'history', record.id);
      await mkdir(folder, { recursive: true });
      for (let revision = from; revision <= snapshots; revision++) {
        const hash = revision === snapshots ? real : createHash('sha256').update(`${record.id} ${revision}`).digest('hex');
        const meta = { at: new Date(Date.UTC(2024, 0, 1, 0, revision * 5)).toISOString(), by: record.byline.authorId ?? 'bench', reason: revision === snapshots ? 'sign-off' : 'autosave', kind: 'comparison', contentHash: hash };
        await writeFile(join(folder, `${revision}.json`), snapshotText(meta, text));
      }
    }
  }
  const timeExport = async (ws: string, out: string): Promise<number> => {
    const store = await WorkspaceStore.open(ws);
    try {
      await store.searchReady();
      const t0 = performance.now();
      const result = await exportBundle(store, { status: 'any', createdBy: 'bench', appVersion: 'bench', now: new Date(Date.UTC(2024, 5, 1)), out, format: 'zip', history: HistoryStore.forStore(store) });
      const ms = performance.now() - t0;
      if (result.items !== names.length) throw new Error(`exported ${result.items} of ${names.length} articles`);
      return ms;
    } finally {
      await store.close();
      await rm(out, { force: true });
    }
  };
  const deepTimes: number[] = [];
  const shallowTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    shallowTimes.push(await timeExport(shallow, join(scratch, 'shallow.zip')));
    deepTimes.push(await timeExport(deep, join(scratch, 'deep.zip')));
  }
  return { articles: names.length, snapshots, deepMs: median(deepTimes), shallowMs: median(shallowTimes) };
}

/** The long-history figures in words (printed, and in the export row's note). */
export function longHistoryLine(f: LongHistoryFigures): string {
  const perSec = (ms: number) => Math.round((f.articles / ms) * 1000).toLocaleString('en-US');
  return `with ${f.snapshots} snapshots per article (${f.articles} articles): ${perSec(f.deepMs)} articles/s, against ${perSec(f.shallowMs)}/s for the same articles with one (${(f.deepMs / f.shallowMs).toFixed(2)}× the time)`;
}

/** Export and import (measureExportImport), then the long-history export (in the export row's note, and logged). */
export async function measureExchange(dir: string, scratch: string, history: { articles: number; snapshots: number; rounds: number }, log: (line: string) => void): Promise<BenchRow[]> {
  const figures = await measureExportImport(dir, scratch);
  log(`export rounds (taking turns with the zip floor): export ${figures.exportRounds.map((ms) => Math.round(ms)).join(', ')} ms; zip ${figures.zipFloorRounds.map((ms) => Math.round(ms)).join(', ')} ms`);
  const long = await measureLongHistories(dir, join(scratch, 'long-histories'), history.articles, history.snapshots, history.rounds);
  log(`export ${longHistoryLine(long)}`);
  return exportImportRows(figures, long);
}

export function exportImportRows(f: ExportImportFigures, history?: LongHistoryFigures): BenchRow[] {
  const perSec = (ms: number) => (f.articles / ms) * 1000;
  return [
    row({ name: `export throughput, ${f.articles.toLocaleString('en-US')} articles to zip`, figure: perSec(f.exportMs), unit: 'articles/s', min: 2000, note: `bundle ${(f.bundleBytes / 1e6).toFixed(1)} MB${history ? `; export ${longHistoryLine(history)}` : ''}` }),
    row({
      name: 'export time vs zipping the rendered files',
      figure: f.exportMs,
      floor: f.zipFloorMs,
      unit: 'ms',
      maxRatio: 2,
      note: `medians of ${f.exportRounds.length} rounds taking turns: export ${f.exportRounds.map((ms) => Math.round(ms).toLocaleString('en-US')).join(', ')} ms; zip ${f.zipFloorRounds.map((ms) => Math.round(ms).toLocaleString('en-US')).join(', ')} ms`,
    }),
    row({ name: `import throughput, ${f.articles.toLocaleString('en-US')} articles into an empty workspace`, figure: perSec(f.importMs), unit: 'articles/s', min: 1000, note: `read + validate + plan + apply (${[f.importSteps.readMs, f.importSteps.planMs, f.importSteps.applyMs].map((ms) => Math.round(ms).toLocaleString('en-US')).join(' + ')} ms); the import's writes alone (each article's record and its import snapshot, and the people, written durably again by the same code into an empty folder, nothing read or checked): ${Math.round(f.writeFloorMs).toLocaleString('en-US')} ms, ${Math.round(perSec(f.writeFloorMs)).toLocaleString('en-US')} articles/s; planning the same bundle again against that workspace (every article read and found unchanged): ${Math.round(perSec(f.replanMs)).toLocaleString('en-US')} articles/s` }),
  ];
}

export { mainMemory } from './nodeMemory';
