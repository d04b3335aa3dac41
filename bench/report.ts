/** The printed table, bench/results.json and docs/performance.md. */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname } from 'node:path';
import type { BenchRow } from './stats';

const fmt = (n: number | null) => (n === null ? '—' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(n));

export function tableLines(rows: readonly BenchRow[], markdown: boolean): string[] {
  const head = ['what', 'figure', 'floor', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.name, `${fmt(r.figure)} ${r.unit}`, r.floor === null ? '—' : `${fmt(r.floor)} ${r.unit}`, r.ratio === null ? '—' : `${r.ratio}×`, r.target, r.met ? 'yes' : 'NO']);
  if (markdown) {
    return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...cells.map((c) => `| ${c.join(' | ')} |`)];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] as number)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string | null;
  loadBefore: number[];
  loadAfter: number[];
  date: string;
}

export function machineInfo(chromium: string | null, loadBefore: number[]): MachineInfo {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    chromium,
    loadBefore,
    loadAfter: loadavg(),
    date: new Date().toISOString(),
  };
}

export async function writeResults(file: string, rows: readonly BenchRow[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const plain = rows.map(({ name, figure, floor, ratio, target, met, unit }) => ({ name, figure, floor, ratio, target, met, unit }));
  await writeFile(file, `${JSON.stringify(plain, null, 2)}\n`);
}

export async function writePerformanceDoc(file: string, rows: readonly BenchRow[], machine: MachineInfo, notes: readonly string[]): Promise<void> {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
  const text = [
    '# Performance',
    '',
    'Written by `npm run bench` (scripts/bench.mjs → bench/). Do not edit the table by hand: run the benchmark again.',
    '',
    `Latest run: ${machine.date}`,
    '',
    '## Results',
    '',
    ...tableLines(rows, true),
    '',
    'Each figure stands next to its **floor**: the bare cost of the same work on the same bytes, measured in the same run, interleaved with the figure where it can be, so the ratio holds on a noisy machine.',
    '',
    ...(rows.some((r) => r.note) ? ['### What each row measures', '', ...rows.filter((r) => r.note).map((r) => `- **${r.name}**: ${r.note}`), ''] : []),
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGb} GB (${machine.memoryGb > 0 ? `${Math.round(freemem() / 2 ** 30)} GB free at the end` : ''})`,
    `- OS: ${machine.os}; Node ${machine.node}; Chromium: ${machine.chromium ?? 'not found'}`,
    `- Load average (1, 5, 15 min) at the start of the pass that wrote this file: ${load(machine.loadBefore)}; at its end: ${load(machine.loadAfter)}`,
    '',
    ...notes,
    '',
  ].join('\n');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/**
 * The row notes of a performance doc ("What each row measures"), by row name: results.json keeps
 * no notes, so a merge takes those of the rows it does not replace from the doc it rewrites.
 */
export function rowNotesOf(doc: string): Map<string, string> {
  const notes = new Map<string, string>();
  const start = doc.indexOf('\n### What each row measures\n\n');
  if (start < 0) return notes;
  // The list runs to the first blank line.
  for (const line of doc.slice(start).split('\n').slice(3)) {
    const m = /^- \*\*(.+?)\*\*: (.*)$/.exec(line);
    if (!m) break;
    notes.set(m[1] as string, m[2] as string);
  }
  return notes;
}

export function freeGbNote(): string {
  return `${(freemem() / 2 ** 30).toFixed(1)} GB free`;
}
