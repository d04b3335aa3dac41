/**
 * The crash loop shared by `npm test` (200 cycles) and `npm run stress` (1,000): a worker
 * process saves continuously, is killed with SIGKILL at a random moment, then the workspace is
 * opened here and checked: every acknowledged save survived with its bytes, every file is
 * readable and valid, the dead worker's lock is taken over, leftover temp files are gone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { parseRecord } from '../../../src/main/store/DurableAdapter';
import { isTempFileName } from '../../../src/main/store/durableWrite';
import { WorkspaceStore } from '../../../src/main/store/WorkspaceStore';
import { comparisonSchema } from '../../../src/shared/model/comparison';
import type { RecordKind } from '../../../src/shared/model/migrate';
import { personSchema } from '../../../src/shared/model/person';
import { workspaceSettingsSchema } from '../../../src/shared/model/workspace';
import { hashOfText, seededRandom } from './articleContent';
import type { GoMessage, WorkerMessage } from './crashMessages';

export interface CrashLoopOptions {
  cycles: number;
  seed: number;
  /** The bundled worker (see buildCrashWorker). */
  workerFile: string;
  /** The workspace folder (created with the sample article). */
  dir: string;
  log?: (line: string) => void;
  /** Log a progress line every this many cycles (default 100). */
  logEvery?: number;
}

export interface CrashLoopResult {
  cycles: number;
  /** Saves the worker acknowledged (received here before it died). */
  acked: number;
  /** Acknowledged saves found after the crash: the same revision with the same bytes, or a later revision. */
  found: number;
  /** Files the store quarantined on opening after a crash, or that failed the independent parse (must be 0). */
  corrupt: number;
  /** Acknowledged saves of 1 MB or more. */
  bigAcked: number;
  /** Cycles where the worker was killed while opening the workspace. */
  killedWhileOpening: number;
  /** Temp files found after a kill (each removed by the next open). */
  tempFilesSeen: number;
  failures: string[];
  ms: number;
}

interface Stored {
  revision: number;
  hash: string;
}

const BIG = 1_000_000;
const MAX_FAILURES = 20;

/** Bundles the worker into one plain .mjs, so it needs no TypeScript loader and starts fast. */
export async function buildCrashWorker(source: string, outFile: string): Promise<void> {
  const { build } = await import('rolldown');
  await build({ input: source, platform: 'node', logLevel: 'silent', output: { file: outFile, format: 'esm' } });
}

export async function runCrashLoop(opts: CrashLoopOptions): Promise<CrashLoopResult> {
  const started = Date.now();
  const random = seededRandom(opts.seed);
  const result: CrashLoopResult = { cycles: 0, acked: 0, found: 0, corrupt: 0, bigAcked: 0, killedWhileOpening: 0, tempFilesSeen: 0, failures: [], ms: 0 };
  const lastAcked = new Map<string, Stored>();
  const plan = planCycles(opts.cycles, random);
  const checker = new WorkspaceChecker(opts.dir);
  const setup = await WorkspaceStore.open(opts.dir, { create: true, seed: true });
  await setup.close();
  // The next worker loads its modules while this cycle runs and is checked.
  let next = spawnWorker(opts.workerFile);
  try {
    for (let cycle = 1; cycle <= opts.cycles && result.failures.length < MAX_FAILURES; cycle++) {
      const fail = (what: string) => result.failures.push(`cycle ${cycle} (seed ${opts.seed}): ${what}`);
      const worker = next;
      next = spawnWorker(opts.workerFile);
      const run = await runCycle(worker, opts.dir, plan[cycle - 1], random, fail);
      result.cycles = cycle;
      if (!run.ready) result.killedWhileOpening++;
      for (const m of run.acks) {
        const prev = lastAcked.get(m.id);
        if (prev && prev.revision >= m.revision) fail(`revision ${m.revision} of ${m.id} acknowledged after revision ${prev.revision}`);
        lastAcked.set(m.id, { revision: m.revision, hash: m.hash });
        if (m.bytes >= BIG) result.bigAcked++;
      }
      result.acked += run.acks.length;
      const check = await checker.check(run.ready ? run.pid : null, lastAcked, fail);
      result.corrupt += check.corrupt;
      result.tempFilesSeen += check.tempFiles;
      for (const ack of run.acks) {
        const now = check.stored.get(ack.id);
        if (now && (now.revision > ack.revision || (now.revision === ack.revision && now.hash === ack.hash))) result.found++;
      }
      if (cycle % (opts.logEvery ?? 100) === 0) {
        opts.log?.(`crash loop: ${cycle} cycles, ${result.acked} acknowledged, ${result.found} found, ${result.corrupt} corrupt (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
  } finally {
    next.child.kill('SIGKILL');
    await next.closed;
  }
  result.ms = Date.now() - started;
  return result;
}

interface Worker {
  child: ChildProcess;
  loaded: Promise<boolean>;
  /** The signal that ended it (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
  closed: Promise<void>;
  stderr: () => string;
}

function spawnWorker(workerFile: string): Worker {
  const child = fork(workerFile, [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Listened for from the start, so an early death is never missed.
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const loaded = new Promise<boolean>((resolve) => {
    child.once('message', (m: WorkerMessage) => resolve(m.type === 'loaded'));
    void closed.then(() => resolve(false));
  });
  return { child, loaded, exited, closed, stderr: () => stderr };
}

interface CycleRun {
  ready: boolean;
  pid: number | null;
  acks: Array<Extract<WorkerMessage, { type: 'ack' }>>;
}

type CycleKind = 'opening' | 'big-ack' | 'big-midway' | 'small';

/**
 * What each cycle kills, in blocks of 50 shuffled by the seed: 3 kills while opening (before or
 * after the worker holds the lock); 2 where the first save is 1–5 MB and the kill follows its
 * acknowledgement, 1 where the kill lands in the middle of it; the rest kill 5–60 ms after the
 * worker opened (1 in 4) or after its first acknowledged save. A fixed mix, not a draw per
 * cycle, so no seed runs 200 cycles without a big save (one draw did: 3 big cycles, none
 * acknowledged).
 */
export function planCycles(cycles: number, random: () => number): CycleKind[] {
  const plan: CycleKind[] = [];
  while (plan.length < cycles) {
    const block: CycleKind[] = ['opening', 'opening', 'opening', 'big-ack', 'big-ack', 'big-midway'];
    while (block.length < 50) block.push('small');
    for (let i = block.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [block[i], block[j]] = [block[j], block[i]];
    }
    plan.push(...block);
  }
  const out = plan.slice(0, cycles);
  // A short run (CRASH_CYCLES under 50) still acknowledges a big save.
  if (cycles > 0 && !out.includes('big-ack')) out[Math.floor(random() * cycles)] = 'big-ack';
  return out;
}

/** One cycle: the worker opens the workspace and saves, and is killed with SIGKILL at a random moment. */
async function runCycle(worker: Worker, dir: string, kind: CycleKind, random: () => number, fail: (what: string) => void): Promise<CycleRun> {
  const { child } = worker;
  const run: CycleRun = { ready: false, pid: child.pid ?? null, acks: [] };
  if (!(await worker.loaded)) {
    fail(`the worker did not start: ${worker.stderr().trim()}`);
    child.kill('SIGKILL');
    await worker.closed;
    return run;
  }
  const opening = kind === 'opening';
  const big = kind === 'big-ack' || kind === 'big-midway';
  const from: 'go' | 'ready' | 'first-ack' | 'big-ack' = opening ? 'go' : kind === 'big-ack' ? 'big-ack' : big || random() < 0.25 ? 'ready' : 'first-ack';
  const delay = opening ? Math.floor(random() * 60) : kind === 'big-midway' ? 20 + Math.floor(random() * 400) : 5 + Math.floor(random() * 56);
  let timer: NodeJS.Timeout | undefined;
  const killIn = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => child.kill('SIGKILL'), ms);
  };
  // Never wait forever on a worker that stopped making progress (reported below).
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.on('message', (m: WorkerMessage) => {
    if (m.type === 'ready') {
      run.ready = true;
      if (from === 'ready') killIn(delay);
    } else if (m.type === 'ack') {
      run.acks.push(m);
      if ((from === 'first-ack' && run.acks.length === 1) || (from === 'big-ack' && m.bytes >= BIG)) killIn(delay);
    } else if (m.type === 'error') {
      fail(`the worker failed: ${m.message}`);
    }
  });
  const go: GoMessage = { type: 'go', dir, seed: Math.floor(random() * 2 ** 31), big };
  child.send(go);
  if (from === 'go') killIn(delay);
  const signal = await worker.exited;
  await worker.closed;
  clearTimeout(timer);
  clearTimeout(watchdog);
  child.removeAllListeners('message');
  if (signal !== 'SIGKILL') fail(`the worker ended by itself: ${worker.stderr().trim()}`);
  return run;
}

const RECORD_DIRS: Array<[string, z.ZodType<unknown>, RecordKind]> = [
  ['comparisons', comparisonSchema, 'comparison'],
  ['people', personSchema, 'person'],
];

interface CheckResult {
  corrupt: number;
  tempFiles: number;
  /** What each comparison file holds now, by id. */
  stored: Map<string, Stored>;
}

/**
 * Opens the workspace as the next app start would and checks what a user relies on. Files are
 * parsed independently of the store; one unchanged since the last check (same size and mtime)
 * is not parsed again, so megabyte articles don't slow every cycle.
 */
class WorkspaceChecker {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; stored: Stored | null }>();

  constructor(private readonly dir: string) {}

  async check(deadPid: number | null, acked: Map<string, Stored>, fail: (what: string) => void): Promise<CheckResult> {
    const { dir } = this;
    const folders = [dir, join(dir, 'comparisons'), join(dir, 'people'), join(dir, '.versus-desk')];
    const temps = async () => (await Promise.all(folders.map(async (f) => (await readdir(f).catch(() => [])).filter(isTempFileName)))).flat();
    const out: CheckResult = { corrupt: 0, tempFiles: (await temps()).length, stored: new Map() };
    let store: WorkspaceStore;
    try {
      store = await WorkspaceStore.open(dir, { indexDelayMs: 60_000 });
      // Files the crash left different from the index cache are re-read (or quarantined) by the background check.
      await store.whenIndexChecked();
    } catch (error) {
      fail(`the workspace did not open after the crash: ${error instanceof Error ? error.message : String(error)}`);
      return out;
    }
    try {
      const notices = store.info().notices;
      // A file the store found unreadable counts as corrupt, like one that fails the check below.
      for (const n of notices.filter((x) => x.kind === 'quarantine')) {
        out.corrupt++;
        fail(`a file went to quarantine after a crash: ${n.message}`);
      }
      if (deadPid !== null && !notices.some((n) => n.kind === 'recovered' && n.message.includes(`process ${deadPid}`))) {
        fail(`the lock of the killed worker (process ${deadPid}) was not reported as taken over`);
      }
      const left = await temps();
      if (left.length > 0) fail(`temp files left after opening: ${left.join(', ')}`);
      const files: Array<[string, z.ZodType<unknown>, RecordKind, string | null]> = [[join(dir, 'versus-desk.json'), workspaceSettingsSchema, 'workspace', null]];
      for (const [sub, schema, kind] of RECORD_DIRS) {
        for (const name of (await readdir(join(dir, sub))).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
          files.push([join(dir, sub, name), schema, kind, kind === 'comparison' ? name.slice(0, -'.json'.length) : null]);
        }
      }
      for (const [file, schema, kind, id] of files) {
        const stored = await this.read(file, schema, kind, fail);
        if (stored === undefined) out.corrupt++;
        else if (stored && id) out.stored.set(id, stored);
      }
      const listed = new Map(store.listComparisons().map((s) => [s.id, s.revision]));
      for (const [id, ack] of acked) {
        const now = out.stored.get(id);
        if (!now) fail(`acknowledged ${id} revision ${ack.revision} is missing or unreadable`);
        else if (now.revision < ack.revision) fail(`${id}: revision ${now.revision} on disk, but revision ${ack.revision} was acknowledged`);
        else if (now.revision === ack.revision && now.hash !== ack.hash) fail(`${id}: revision ${now.revision} on disk is not the acknowledged content`);
        if (now && listed.get(id) !== now.revision) fail(`${id}: the list shows revision ${listed.get(id)}, the file holds ${now.revision}`);
      }
    } finally {
      await store.close();
    }
    return out;
  }

  /** The file's revision and hash (null for settings and people), or undefined when it is damaged. */
  private async read(file: string, schema: z.ZodType<unknown>, kind: RecordKind, fail: (what: string) => void): Promise<Stored | null | undefined> {
    const st = await stat(file);
    const cached = this.seen.get(file);
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) return cached.stored;
    const bytes = await readFile(file);
    try {
      const record = parseRecord(bytes.toString('utf8'), schema, kind) as { revision?: number };
      const stored = kind === 'comparison' ? { revision: record.revision ?? 0, hash: hashOfText(bytes) } : null;
      this.seen.set(file, { size: st.size, mtimeMs: st.mtimeMs, stored });
      return stored;
    } catch (error) {
      fail(`${file} is damaged: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
