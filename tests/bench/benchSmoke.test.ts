/**
 * `npm run bench` at small scale (200 articles, a 20-part article), main side: every
 * measurement runs and gives a number. No timing is asserted (figures depend on the machine);
 * the Chromium measurements have their own smoke test in tests/e2e/benchSmoke.spec.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareWorkspaces, runNodeBench, SMALL } from '../../bench/runBench';
import { machineInfo, rowNotesOf, tableLines, writePerformanceDoc } from '../../bench/report';

describe('the benchmark at small scale', () => {
  let workDir = '';
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('measures save, open, search, export, import and memory, each with a figure (and its floor where it has one)', async () => {
    workDir = await mkdtemp(join(tmpdir(), 'versus-desk-bench-smoke-'));
    const log: string[] = [];
    const workspaces = await prepareWorkspaces(SMALL, workDir, (line) => log.push(line));
    expect(workspaces.comparisons).toHaveLength(200);
    const long = workspaces.long;
    expect(long.keyDifferences.length + long.chart.rows.length + long.definitions.length + long.faqs.length).toBe(20);

    const failures: string[] = [];
    const rows = await runNodeBench({ scale: SMALL, workDir, workspaces, log: (line) => log.push(line), failures });
    expect(failures).toEqual([]);
    const names = rows.map((r) => r.name);
    for (const prefix of ['save p50, 20', 'save p95, 20', 'save p50, 200', 'save p95, 200', 'save p50, 200 vs 20', 'bytes written per save', 'open warm', 'open cold', 'search p95', 'export throughput', 'export time vs zipping', 'import throughput', 'main-side memory']) {
      expect(names.some((n) => n.startsWith(prefix)), `a row starting "${prefix}" in ${names.join(' | ')}`).toBe(true);
    }
    for (const r of rows) {
      expect(Number.isFinite(r.figure) && r.figure >= 0, `${r.name}: ${r.figure}`).toBe(true);
      if (r.floor !== null) expect(r.floor > 0 && Number.isFinite(r.ratio ?? NaN), `${r.name}: floor ${r.floor}`).toBe(true);
      expect(typeof r.met).toBe('boolean');
      expect(r.target).not.toBe('');
    }
    // The long-history export ran, next to the same articles with one snapshot each.
    expect(rows.find((r) => r.name.startsWith('export throughput'))?.note).toMatch(/with 55 snapshots per article \(16 articles\): [\d,]+ articles\/s, against [\d,]+\/s .* \([\d.]+× the time\)/);
    // The export and its zip floor took turns three times; the row is their medians.
    expect(rows.find((r) => r.name.startsWith('export time vs zipping'))?.note).toMatch(/^medians of 3 rounds taking turns: export [\d,]+, [\d,]+, [\d,]+ ms; zip [\d,]+, [\d,]+, [\d,]+ ms$/);
    expect(rows.find((r) => r.name.startsWith('import throughput'))?.note).toMatch(/planning the same bundle again .*: [\d,]+ articles\/s$/);
    // The import's steps, and its writes alone written again by the same code (the write floor).
    expect(rows.find((r) => r.name.startsWith('import throughput'))?.note).toMatch(/^read \+ validate \+ plan \+ apply \([\d,]+ \+ [\d,]+ \+ [\d,]+ ms\); the import's writes alone .*: [\d,]+ ms, [\d,]+ articles\/s;/);
    // The printed table has a line per row.
    expect(tableLines(rows, false)).toHaveLength(rows.length + 2);
    // The doc lists each row's note, and a merge reads them back (results.json keeps none).
    const doc = join(workDir, 'performance.md');
    await writePerformanceDoc(doc, rows, machineInfo(null, loadavg()), ['## Notes', '', 'text']);
    const noted = rows.filter((r) => r.note);
    expect(noted.length).toBeGreaterThan(3);
    expect(rowNotesOf(await readFile(doc, 'utf8'))).toEqual(new Map(noted.map((r) => [r.name, r.note])));
  }, 120_000);
});
