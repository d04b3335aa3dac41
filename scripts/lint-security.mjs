#!/usr/bin/env node
/**
 * `npm run lint:security`: runs @doyensec/electronegativity over src/ and fails (exit 1) on
 * any HIGH or MEDIUM finding that is not in REVIEWED below; LOW findings are printed.
 *
 * The scanner cannot look up Electron releases offline, so the Electron version is passed from
 * package.json (`-e`), which lets it apply that version's defaults.
 *
 * REVIEWED holds findings the scanner marks for manual review (it flags every openExternal call
 * whose argument is not a string literal, and every preload). Each entry names the check, the file and the code it
 * matched, and why it is safe; a new call site, or a changed line, fails until reviewed again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const REVIEWED = [
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/electron/security.ts',
    sample: 'await shell.openExternal(url);',
    reason: 'openExternalSafely: runs only after isExternalUrlAllowed(url) accepted an https: or mailto: URL.',
  },
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/services/Services.ts',
    sample: 'await this.deps.openExternal(url);',
    reason: 'shell.openExternal channel: the URL passed isAllowedHref and the https/mailto protocol check just above.',
  },
  {
    issue: 'PRELOAD_JS_CHECK',
    file: 'src/main/electron/createMainWindow.ts',
    sample: 'preload,',
    reason: 'src/preload/index.ts exposes only the contract channels and events through contextBridge, nothing raw (tests/electron/preload.test.ts).',
  },
];

/** Parses electronegativity's CSV (quoted fields may hold commas). */
export function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell.trim());
        cell = '';
      } else cell += ch;
    }
    cells.push(cell.trim());
    rows.push(cells);
  }
  const [header, ...body] = rows;
  if (!header || header[0] !== 'issue') throw new Error('electronegativity wrote no CSV header');
  return body.map(([issue, severity, confidence, filename, location, sample, description, url]) => ({
    issue,
    severity,
    confidence,
    file: relative(root, filename).split('\\').join('/'),
    location,
    sample,
    description,
    url,
  }));
}

/** Splits findings into failing (HIGH/MEDIUM not reviewed), reviewed and low. */
export function classify(findings) {
  const failing = [];
  const reviewed = [];
  const low = [];
  for (const f of findings) {
    const review = REVIEWED.find((r) => r.issue === f.issue && r.file === f.file && r.sample === f.sample);
    if (f.severity === 'HIGH' || f.severity === 'MEDIUM') (review ? reviewed : failing).push({ ...f, reason: review?.reason });
    else low.push(f);
  }
  return { failing, reviewed, low };
}

function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
  const version = /\d+\.\d+\.\d+/.exec(range)?.[0];
  if (!version) throw new Error('package.json names no Electron version');
  return version;
}

function main() {
  const out = mkdtempSync(join(tmpdir(), 'vd-electronegativity-'));
  const csv = join(out, 'findings.csv');
  const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const started = Date.now();
  try {
    const run = spawnSync(process.execPath, [bin, '-i', join(root, 'src'), '-e', electronVersion(), '-o', csv], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      process.stderr.write(run.stdout + run.stderr);
      console.error(`lint:security: electronegativity exited with ${run.status}`);
      return 1;
    }
    const { failing, reviewed, low } = classify(parseCsv(readFileSync(csv, 'utf8')));
    const line = (f) => `  ${f.severity} ${f.issue} ${f.file}:${f.location} ${f.sample === 'N/A' ? '' : f.sample}`.trimEnd();
    for (const f of low) console.log(`${line(f)}\n    ${f.description} (${f.url})`);
    for (const f of reviewed) console.log(`${line(f)}\n    reviewed: ${f.reason}`);
    for (const f of failing) console.error(`${line(f)}\n    ${f.description} (${f.url})`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `lint:security: ${failing.length} high/medium, ${reviewed.length} reviewed, ${low.length} low (electronegativity over src/, ${seconds} s)`,
    );
    return failing.length > 0 ? 1 : 0;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());
