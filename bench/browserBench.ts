/**
 * The Chromium measurements: typing (app vs a bare TipTap editor), first screen, renderer heap.
 * The app runs as in the e2e tests: the built renderer (out/renderer) served on 127.0.0.1, the
 * bridge the preload defines, and the REAL main services on the benchmark workspace behind it,
 * through the same harness modules (tests/e2e/harness).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BRIDGE_GLOBAL, CHANNELS, EVENTS } from '../src/shared/api/channels';
import { installBridge } from '../tests/e2e/harness/bridgeInit';
import { startMainSide, type MainSide } from '../tests/e2e/harness/mainSide';
import { startStaticServer } from '../tests/e2e/harness/staticServer';
import type { Comparison } from '../src/shared/model/comparison';
import type { Scale, Workspaces } from './runBench';
import { median, percentile, row, type BenchRow } from './stats';

export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * In-page probe, installed before any page script: per keydown, the time from the event to the
 * end of the first task after the next animation frame (performance.now() at keydown; rAF;
 * then one posted task); long tasks; and the moment the sidebar list first shows items.
 * Plain JavaScript in a string: it runs in the page, not here.
 */
const PROBE = `(() => {
  const keys = [];
  const waiters = [];
  const longTasks = [];
  const calls = [];
  window.__bench = { keys, longTasks, firstScreen: null, fullList: null, calls };
  // Bridge call timings (diagnostics for the first screen).
  try {
    const invoke = window.__vdInvoke;
    if (typeof invoke === 'function') {
      window.__vdInvoke = async (channel, input) => {
        const start = performance.now();
        try { return await invoke(channel, input); } finally { calls.push({ channel, start, end: performance.now() }); }
      };
    }
  } catch {}
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('keydown', (event) => {
    const t0 = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        keys.push({ key: event.key, ms: performance.now() - t0 });
        for (const w of waiters.splice(0)) w();
      };
      channel.port2.postMessage(0);
    });
  }, true);
  window.__benchWaitKeys = (n) => new Promise((done) => {
    const check = () => (keys.length >= n ? done(keys.length) : waiters.push(check));
    check();
  });
  // First screen: the first frame whose list shows rows (the first page of a long list, still
  // aria-busy while the rest loads); full list: the first frame where it is no longer busy.
  const shown = () => {
    const list = document.querySelector('ul[aria-label="Comparisons"]');
    const rows = list && list.querySelector('li');
    if (rows && window.__bench.firstScreen === null) window.__bench.firstScreen = performance.now();
    if (rows && list.getAttribute('aria-busy') === 'false') {
      window.__bench.fullList = performance.now();
      return;
    }
    requestAnimationFrame(shown);
  };
  requestAnimationFrame(shown);
})();`;

/** The page side of the JSON transport: what the bridge calls (`__vdInvoke`), over `__vdInvokeJson`. */
const JSON_TRANSPORT = `window.__vdInvoke = async (channel, input) => JSON.parse(await window.__vdInvokeJson(channel, JSON.stringify(input ?? {})));`;

/**
 * The workspaces an earlier run wrote under `workDir` (`large`, `small`), for re-running the
 * Chromium rows without generating them again: the long article is the small workspace's article
 * with the most FAQs, as stored now.
 */
export async function reuseWorkspaces(workDir: string): Promise<Workspaces> {
  const large = join(workDir, 'large');
  const small = join(workDir, 'small');
  const folder = join(small, 'comparisons');
  let long: Comparison | null = null;
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.json')) continue;
    const c = JSON.parse(await readFile(join(folder, name), 'utf8')) as Comparison;
    if (!long || c.faqs.length > long.faqs.length) long = c;
  }
  if (!long || !existsSync(large)) throw new Error(`no benchmark workspaces to reuse in ${workDir}`);
  // The typing runs in the large workspace: its copy (as earlier runs left it) is what the floor holds.
  const inLarge = join(large, 'comparisons', `${long.id}.json`);
  if (existsSync(inLarge)) long = JSON.parse(await readFile(inLarge, 'utf8')) as Comparison;
  return { large, small, people: [], comparisons: [], long };
}

export interface BrowserBenchOptions {
  scale: Scale;
  workspaces: Workspaces;
  log: (line: string) => void;
  rendererDir: string;
  bareEditorDir: string;
  /** A browser to use (the Playwright smoke test passes its own); else Chromium is launched here. */
  browser?: Browser;
  /** Where to save screenshots of the first screen and of the typed-into article (optional). */
  screenshotDir?: string;
  /** Skip the first-screen rows (a typing-only pass); default false. */
  typingOnly?: boolean;
  /** Only the first-screen row (no typing, no heap): a quick before/after of startup; default false. */
  firstScreenOnly?: boolean;
  /** Where the typing row runs: the large (10,000-article) workspace (default), or the small one. */
  typingWorkspace?: 'large' | 'small';
}

const VIEWPORT = { width: 1400, height: 900 };
/** Characters typed into the app before the floor takes its turn with the same ones (and so on). */
const TYPING_BLOCK = 20;

/** The text typed: 200 (or `n`) characters of ordinary prose. */
export function typedText(n: number): string {
  const base = 'Writers compare two terms with care, and editors check every part before it ships. ';
  return base.repeat(Math.ceil(n / base.length)).slice(0, n);
}

/** Per page, the time main's dispatcher took for each call, and the JSON encoding of its answer (Node side). */
const mainTimes = new WeakMap<Page, Array<{ channel: string; main: number; json: number }>>();

async function openAppPage(browser: Browser, side: MainSide, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // Calls cross as one JSON string each way: Playwright's own value serializer takes seconds for
  // the 10,000-summary list, where Electron's IPC (structured clone) costs about what JSON does.
  const served: Array<{ channel: string; main: number; json: number }> = [];
  mainTimes.set(page, served);
  await page.exposeFunction('__vdInvokeJson', async (channel: string, input: string) => {
    const t0 = performance.now();
    const answer = await side.dispatch(channel, JSON.parse(input), { url: page.url() });
    const t1 = performance.now();
    const text = JSON.stringify(answer);
    served.push({ channel, main: t1 - t0, json: performance.now() - t1 });
    return text;
  });
  await page.addInitScript(installBridge, { global: BRIDGE_GLOBAL, channels: [...CHANNELS], events: [...EVENTS] });
  await page.addInitScript({ content: JSON_TRANSPORT });
  await page.addInitScript({ content: PROBE });
  await page.goto(url);
  return page;
}

interface TypingRun {
  samples: number[];
  longTasks: number;
  longestTask: number;
}

/**
 * Types `text` one character at a time into the focused editor, each after the previous one
 * appeared; `typedSoFar` (what the editor must end with afterwards) defaults to `text`.
 */
async function typeMeasured(page: Page, text: string, typedSoFar = text): Promise<TypingRun> {
  const start = await page.evaluate(() => performance.now());
  const before = await page.evaluate(() => (globalThis as unknown as { __bench: { keys: unknown[] } }).__bench.keys.length);
  for (let i = 0; i < text.length; i++) {
    await page.keyboard.type(text[i] as string);
    await page.evaluate((n) => (globalThis as unknown as { __benchWaitKeys: (n: number) => Promise<number> }).__benchWaitKeys(n), before + i + 1);
  }
  const result = await page.evaluate(
    ({ from, since, typed }) => {
      const g = globalThis as unknown as {
        __bench: { keys: Array<{ ms: number }>; longTasks: Array<{ start: number; duration: number }> };
        document: { activeElement: { textContent: string | null } | null };
      };
      const shown = (g.document.activeElement?.textContent ?? '').replace(/\u00a0/g, ' ');
      const tasks = g.__bench.longTasks.filter((t) => t.start >= since);
      return {
        samples: g.__bench.keys.slice(from).map((k) => k.ms),
        longTasks: tasks.length,
        longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
        landed: shown.trimEnd().endsWith(typed.trimEnd()),
        tail: shown.slice(-80),
      };
    },
    { from: before, since: start, typed: typedSoFar },
  );
  if (!result.landed) throw new Error(`the typed text did not appear in the focused editor (it ends with "${result.tail}")`);
  return result;
}

export async function runBrowserBench(opts: BrowserBenchOptions): Promise<BenchRow[]> {
  const { scale, workspaces: ws, log } = opts;
  const browser = opts.browser ?? (await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }));
  const app = await startStaticServer(opts.rendererDir);
  const bare = await startStaticServer(opts.bareEditorDir);
  const startSide = (workspaceDir: string) => startMainSide({
    workspaceDir,
    seed: false,
    trustedOrigin: new URL(app.url).origin,
    chooseFolder: async () => null,
    openExternal: async () => undefined,
    emit: () => undefined,
    onFlushed: () => undefined,
    chooseExportTarget: async () => null,
    chooseImportSource: async () => null,
    revealPath: async () => undefined,
    exportPace: async () => undefined,
    importPace: async () => undefined,
  });
  const side = opts.typingOnly ? null : await startSide(ws.large);
  let typingSide: MainSide | null = null;
  const rows: BenchRow[] = [];
  try {
    // The main side idle, as after the first seconds in the app: the word index, filled in the
    // background after opening, is complete (in this process it would also slow Playwright).
    await side?.services.store.searchReady();
    // First screen: a fresh page each time, navigation start to the first frame with list items.
    const firstScreens: number[] = [];
    let page: Page | null = null;
    for (let i = 0; i < (opts.typingOnly ? 0 : scale.name === 'full' ? 3 : 1); i++) {
      await page?.context().close();
      page = await openAppPage(browser, side as MainSide, app.url);
      // Until the whole list is in (the first screen shows its first page before that).
      await page.waitForFunction(() => (globalThis as unknown as { __bench: { fullList: number | null } }).__bench.fullList !== null, null, { timeout: 60_000 });
      firstScreens.push(await page.evaluate(() => (globalThis as unknown as { __bench: { firstScreen: number } }).__bench.firstScreen));
      const detail = await page.evaluate(() => {
        const g = globalThis as unknown as {
          __bench: { fullList: number; calls: Array<{ channel: string; start: number; end: number }> };
          performance: { getEntriesByType(type: string): Array<{ domContentLoadedEventEnd?: number; responseEnd?: number }> };
        };
        const nav = g.performance.getEntriesByType('navigation')[0];
        return { dcl: nav?.domContentLoadedEventEnd ?? -1, full: g.__bench.fullList, calls: g.__bench.calls.map((c) => `${c.channel} ${Math.round(c.start)}→${Math.round(c.end)}`) };
      });
      const served = (mainTimes.get(page) ?? []).map((c) => `${c.channel} ${Math.round(c.main)} ms + JSON ${Math.round(c.json)} ms`);
      log(`first screen detail: DOMContentLoaded ${Math.round(detail.dcl)} ms; full list in ${Math.round(detail.full)} ms; calls (page side) ${detail.calls.join(', ')}; in main ${served.join(', ')}`);
    }
    if (!opts.typingOnly) log(`first screen: ${firstScreens.map((t) => Math.round(t)).join(', ')} ms`);
    if (!opts.typingOnly) rows.push(row({ name: `first screen, ${scale.articles.toLocaleString('en-US')} articles`, figure: median(firstScreens), unit: 'ms', max: 1000, note: 'Chromium: navigation start to the first frame whose sidebar list shows items (its first page of 100 rows; the whole list follows, see the log\'s "full list in"; median of fresh page loads); the bridge crosses Playwright\'s exposeFunction as one JSON string per call, a stand-in for Electron IPC' }));

    // A screenshot is a diagnostic: one that times out (a busy machine) does not fail the measurements.
    if (opts.screenshotDir && page) await page.screenshot({ path: `${opts.screenshotDir}/bench-first-screen.png` }).catch((error: unknown) => log(`first-screen screenshot skipped: ${String(error).split('\n')[0]}`));
    await page?.context().close();
    if (opts.firstScreenOnly) return rows;

    // Typing, in the large workspace (a long article open in a big one) unless told otherwise:
    // open the long article through the filter, click its last FAQ answer, type.
    const typingSideNow = opts.typingWorkspace === 'small' ? await startSide(ws.small) : side ?? (await startSide(ws.large));
    if (typingSideNow !== side) typingSide = typingSideNow;
    await typingSideNow.services.store.searchReady();
    const p = await openAppPage(browser, typingSideNow, app.url);
    const title = ws.long.title;
    await p.getByRole('searchbox', { name: 'Filter comparisons' }).fill('Benchmark Alpha');
    await p.getByRole('list', { name: 'Comparisons' }).getByRole('button', { name: new RegExp(title.slice(0, 30)) }).click();
    await p.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 60_000 });
    const faqs = ws.long.faqs.length;
    const answer = p.getByRole('textbox', { name: `FAQ ${faqs} answer`, exact: true });
    await answer.waitFor({ timeout: 60_000 });
    await p.waitForTimeout(500);
    await answer.scrollIntoViewIfNeeded();
    await answer.click();
    await p.keyboard.press('Control+End');
    await p.waitForTimeout(300);
    const text = typedText(scale.typedChars);

    // Floor: the same content and the same keystrokes in one bare TipTap editor, in its own page.
    const bareContext = await browser.newContext({ viewport: VIEWPORT });
    const barePage = await bareContext.newPage();
    const doc = ws.long.faqs[faqs - 1]?.answer;
    await barePage.addInitScript((d) => ((globalThis as unknown as { __benchDoc: unknown }).__benchDoc = d), doc);
    await barePage.addInitScript({ content: PROBE });
    await barePage.goto(bare.url);
    await barePage.waitForFunction(() => (globalThis as unknown as { __benchEditorReady?: boolean }).__benchEditorReady === true);
    await barePage.getByRole('textbox', { name: 'Bare editor' }).click();
    await barePage.keyboard.press('Control+End');
    await barePage.waitForTimeout(300);

    // BENCH_PROFILE=<file>: a CPU profile of the app page while typing (diagnostics).
    const profiler = process.env.BENCH_PROFILE ? await p.context().newCDPSession(p) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    // App and floor take turns, TYPING_BLOCK characters each, so both see the same machine load.
    const appRun: TypingRun = { samples: [], longTasks: 0, longestTask: 0 };
    const bareRun: TypingRun = { samples: [], longTasks: 0, longestTask: 0 };
    const plainRun: TypingRun = { samples: [], longTasks: 0, longestTask: 0 };
    const add = (into: TypingRun, run: TypingRun) => {
      into.samples.push(...run.samples);
      into.longTasks += run.longTasks;
      into.longestTask = Math.max(into.longestTask, run.longestTask);
    };
    for (let at = 0; at < text.length; at += TYPING_BLOCK) {
      const block = text.slice(at, at + TYPING_BLOCK);
      const soFar = text.slice(0, at + block.length);
      // No bringToFront: Playwright keeps every page focused, and switching tabs would hide one.
      add(appRun, await typeMeasured(p, block, soFar));
      add(bareRun, await typeMeasured(barePage, block, soFar));
    }
    await bareContext.close();
    // Calibration, not a floor: the same keys into a plain contenteditable with no script at all
    // (what it measures is the wait for the next frame alone: up to one 16.7 ms interval at 60 Hz).
    // Opened and typed only now: a third page during the turns above would lengthen the app's
    // pauses past the 700 ms autosave delay and compete for the 2 cores, changing the app row.
    const plainContext = await browser.newContext({ viewport: VIEWPORT });
    const plainPage = await plainContext.newPage();
    await plainPage.setContent('<div contenteditable="true" role="textbox" aria-label="Plain" style="min-height:4rem;border:1px solid #999"></div>');
    await plainPage.evaluate(PROBE);
    await plainPage.getByRole('textbox', { name: 'Plain' }).click();
    add(plainRun, await typeMeasured(plainPage, text));
    await plainContext.close();
    if (opts.screenshotDir) await p.screenshot({ path: `${opts.screenshotDir}/bench-typed.png` }).catch((error: unknown) => log(`typing screenshot skipped: ${String(error).split('\n')[0]}`));
    if (profiler) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown };
      const { writeFile } = await import('node:fs/promises');
      await writeFile(process.env.BENCH_PROFILE as string, JSON.stringify(profile));
    }
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

    const parts = ws.long.keyDifferences.length + ws.long.chart.rows.length + ws.long.definitions.length + faqs;
    const typingCount = typingSideNow.services.store.listComparisons().length.toLocaleString('en-US');
    const plainP95 = percentile(plainRun.samples, 95);
    log(`typing: app p95 ${percentile(appRun.samples, 95).toFixed(1)} ms, bare p95 ${percentile(bareRun.samples, 95).toFixed(1)} ms, plain contenteditable p95 ${plainP95.toFixed(1)} ms`);
    rows.push(
      row({ name: `typing p95, ${parts}-part article (${typingCount}-article workspace)`, figure: percentile(appRun.samples, 95), floor: percentile(bareRun.samples, 95), unit: 'ms', max: 16, maxRatio: 1.5, note: `keydown → next frame + one task, ${text.length} characters into the last FAQ answer, each after the previous appeared; floor: the same keys in one bare TipTap editor holding the same text, the two taking turns every ${TYPING_BLOCK} characters; p50 ${median(appRun.samples).toFixed(1)} ms vs ${median(bareRun.samples).toFixed(1)} ms; a plain contenteditable with no script at all (the frame wait alone), typed afterwards: p95 ${plainP95.toFixed(1)} ms, p50 ${median(plainRun.samples).toFixed(1)} ms` }),
      row({ name: 'typing: long tasks over 50 ms', figure: appRun.longTasks, floor: bareRun.longTasks, unit: 'tasks', max: 0, note: `longest ${Math.round(appRun.longestTask)} ms (bare editor: ${Math.round(bareRun.longestTask)} ms); ratio not meaningful at 0` }),
      row({ name: `renderer JS heap, ${parts}-part article open`, figure: heap.usedSize / 2 ** 20, unit: 'MB', max: 150, note: `after GC, in the ${typingCount}-article workspace` }),
    );
    await p.context().close();
  } finally {
    await typingSide?.close();
    await side?.close();
    await app.close();
    await bare.close();
    if (!opts.browser) await browser.close();
  }
  return rows;
}
