#!/usr/bin/env node
/**
 * `npm test`: typecheck and lint (side by side, each printed whole when done), then the build, then
 * vitest and Playwright side by side (one Playwright worker; each printed whole when both are done).
 * A failing step doesn't stop the later ones. The very last line is the summary the CI
 * reads: `N passed, N failed` (plus `, N skipped` when Playwright or vitest skipped tests).
 *
 * Counting: one check per tsconfig, one for lint, one for lint:security, one for the build, then every vitest test and
 * every Playwright test. `--only unit` runs vitest alone, `--only e2e` the build and Playwright,
 * `--only static` typecheck, lint and lint:security.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.test-output');
const vitestJson = join(outDir, 'vitest.json');
const playwrightJson = join(outDir, 'playwright.json');

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
if (only !== undefined && !['unit', 'e2e', 'static'].includes(only)) {
  console.error(`Unknown --only value "${only}": use unit, e2e or static.`);
  process.exit(2);
}
const wants = (group) => only === undefined || only === group;

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function bin(name) {
  return join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
}

function heading(text) {
  console.log(process.stdout.isTTY ? `\n\x1b[1m=== ${text} ===\x1b[0m` : `\n=== ${text} ===`);
}

/** Runs one tool with its output streamed to ours; returns its exit status (null when it could not start). */
function run(title, command, args, env = {}) {
  heading(title);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  if (result.error) console.error(`Could not run ${command}: ${result.error.message}`);
  console.log(`--- ${title}: exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.error ? null : result.status;
}

function record(title, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${title}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

/** A check that counts as one: it passed when the tool exited 0. */
function check(title, command, args, env) {
  const status = run(title, command, args, env);
  record(title, status === 0 ? 1 : 0, status === 0 ? 0 : 1);
  return status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const VITEST_ARGS = ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`];

function runVitest() {
  rmSync(vitestJson, { force: true });
  recordVitest(run('vitest', bin('vitest'), VITEST_ARGS));
}

function recordVitest(status) {
  const report = readJson(vitestJson);
  if (!report) {
    record('vitest (no report)', 0, 1);
    return;
  }
  // A file that fails to load has no test results of its own but is a failure all the same.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  let failed = (report.numFailedTests ?? 0) + brokenFiles;
  if (status !== 0 && failed === 0) failed = 1; // e.g. an unhandled error outside any test
  record('vitest', report.numPassedTests ?? 0, failed, (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0));
}

/** Where Playwright would look for a browser; installs its own only when there is none. */
function ensureBrowser() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) console.error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
    return;
  }
  if (existsSync('/usr/bin/chromium')) return;
  let ownBrowser;
  try {
    const require = createRequire(join(root, 'package.json'));
    ownBrowser = require('playwright-core').chromium.executablePath();
  } catch {
    ownBrowser = undefined;
  }
  if (ownBrowser && existsSync(ownBrowser)) return;
  const status = run('install Playwright Chromium', bin('playwright'), ['install', 'chromium']);
  if (status !== 0) {
    console.error(
      '\nNo browser for the e2e tests: CHROMIUM_PATH is unset, /usr/bin/chromium does not exist, and\n' +
        '`npx playwright install chromium` failed (no network?). Install Chromium (Debian: `apt-get install chromium`)\n' +
        'or set CHROMIUM_PATH to a Chromium binary. The e2e tests below will fail to launch.\n',
    );
  }
}

const PLAYWRIGHT_ARGS = ['test', '--reporter=list,json'];
const PLAYWRIGHT_ENV = { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, E2E_SKIP_BUILD: '1' /* built just before */ };

function runPlaywright() {
  ensureBrowser();
  rmSync(playwrightJson, { force: true });
  recordPlaywright(run('playwright', bin('playwright'), PLAYWRIGHT_ARGS, PLAYWRIGHT_ENV));
}

function recordPlaywright(status) {
  const report = readJson(playwrightJson);
  if (!report?.stats) {
    record('playwright (no report)', 0, 1);
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  // Errors outside tests (global setup, a file that doesn't load) fail the run too.
  let failed = unexpected + (report.errors ?? []).length;
  if (status !== 0 && failed === 0) failed = 1;
  record('playwright', expected + flaky, failed, skipped);
}

mkdirSync(outDir, { recursive: true });

/**
 * The static checks read files and write nothing, so they run side by side (about half their
 * time in sequence); each one's output is printed whole when it ends, in the usual order.
 */
/** Runs one tool with its output kept (printed whole by the caller); resolves with its exit status. */
function runCaptured(title, command, args, env = {}) {
  const started = Date.now();
  return new Promise((done) => {
    const chunks = [];
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, shell: process.platform === 'win32' });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (error) => done({ title, status: null, output: `Could not run ${command}: ${error.message}\n`, ms: Date.now() - started }));
    child.on('close', (status) => done({ title, status, output: Buffer.concat(chunks).toString(), ms: Date.now() - started }));
  });
}

function printCaptured({ title, status, output, ms }, how) {
  heading(title);
  process.stdout.write(output);
  console.log(`--- ${title}: exit ${status} in ${((ms ?? 0) / 1000).toFixed(1)} s (${how})`);
}

async function checksInParallel(checks) {
  const results = await Promise.all(checks.map(([title, command, args]) => runCaptured(title, command, args)));
  for (const result of results) {
    printCaptured(result, 'run alongside the other static checks');
    record(result.title, result.status === 0 ? 1 : 0, result.status === 0 ? 0 : 1);
  }
}

if (wants('static')) {
  await checksInParallel([
    ['typecheck (tsconfig.node.json)', bin('tsc'), ['-p', 'tsconfig.node.json']],
    ['typecheck (tsconfig.web.json)', bin('tsc'), ['-p', 'tsconfig.web.json']],
    ['lint', bin('eslint'), ['.']],
    ['lint:security (electronegativity)', process.execPath, [join(root, 'scripts', 'lint-security.mjs')]],
  ]);
}
if (only === undefined) {
  // The whole suite: vitest and the e2e tests run side by side (neither uses both cores on its
  // own: the crash loop and the journeys wait on fsync, timers and the browser), Playwright with
  // one worker so the two together stay within 2 cores. Each one's output is printed whole when
  // both are done. Nothing in vitest writes to out/, which the e2e tests serve.
  if (check('build (electron-vite build)', bin('electron-vite'), ['build'])) {
    ensureBrowser();
    rmSync(vitestJson, { force: true });
    rmSync(playwrightJson, { force: true });
    heading('vitest and playwright, side by side (each printed whole when both are done)');
    const [unit, e2e] = await Promise.all([
      runCaptured('vitest', bin('vitest'), VITEST_ARGS),
      runCaptured('playwright', bin('playwright'), PLAYWRIGHT_ARGS, { ...PLAYWRIGHT_ENV, E2E_WORKERS: process.env.E2E_WORKERS ?? '1' }),
    ]);
    printCaptured(unit, 'run alongside playwright');
    recordVitest(unit.status);
    printCaptured(e2e, 'run alongside vitest');
    recordPlaywright(e2e.status);
  } else {
    console.error('The build failed, so the e2e tests were not run.');
    runVitest();
  }
} else {
  if (wants('unit')) runVitest();
  if (wants('e2e')) {
    if (check('build (electron-vite build)', bin('electron-vite'), ['build'])) runPlaywright();
    else console.error('The build failed, so the e2e tests were not run.');
  }
}

heading('summary');
for (const line of lines) console.log(`  ${line}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
