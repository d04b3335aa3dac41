/**
 * `versus-desk import` asking about a conflict on a terminal: what is answered is what is
 * written, an answer it does not know is asked again, and Ctrl+C at the question (which readline
 * takes itself on a terminal) stops the run with nothing written, exit 130. In-process through
 * runCli, the terminal stood in for by streams (CliIo.prompt, `terminal: true`).
 */
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/CliIo';
import { runCli } from '../../src/main/cli/runCli';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { docToText } from '../../src/shared/model/richText';
import { treeHash } from '../main/import/importKit';
import { tempDir } from '../main/storeTestKit';
import { readSummary, setSummary } from './summaryKit';

const QUESTION = 'Take [t]heirs, keep [m]ine, or keep [b]oth? ';

/** A terminal that types `answers` one by one, each once the question is shown (again). */
function terminal(answers: string[]): CliIo & { shown: () => string; listening: () => number } {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  let asked = 0;
  let registered = 0;
  const onText = (text: string) => {
    shown += text;
    // Each question shown gets the next answer, typed as a person would: after it appears.
    const questions = shown.split(QUESTION).length - 1;
    while (asked < questions && answers.length > 0) {
      asked++;
      const answer = answers.shift() as string;
      setImmediate(() => input.write(answer));
    }
  };
  output.on('data', (chunk: Buffer) => onText(chunk.toString('utf8')));
  return {
    shown: () => shown,
    listening: () => registered,
    out: () => undefined,
    err: onText,
    stdinIsTTY: true,
    stderrIsTTY: false,
    columns: 80,
    now: () => new Date(),
    env: {},
    onInterrupt: () => {
      registered++;
      return () => void registered--;
    },
    prompt: { input, output, terminal: true },
  };
}

const quiet: CliIo = { out: () => undefined, err: () => undefined, stdinIsTTY: false, stderrIsTTY: false, columns: 80, now: () => new Date(), env: {} };

/** An editor's workspace and a bundle from the writer whose summary conflicts with the editor's. */
async function conflict(): Promise<{ editor: string; bundle: string }> {
  const parent = await tempDir();
  const writer = join(parent, 'writer');
  const editor = join(parent, 'editor');
  expect(await runCli(['init', writer, '--sample'], quiet)).toBe(0);
  const first = join(parent, 'first.zip');
  expect(await runCli(['export', writer, '--out', first, '--status', 'any'], quiet)).toBe(0);
  expect(await runCli(['init', editor], quiet)).toBe(0);
  expect(await runCli(['import', editor, first], quiet)).toBe(0);
  await setSummary(writer, "The writer's summary.");
  await setSummary(editor, "The editor's summary.");
  const bundle = join(parent, 'second.zip');
  expect(await runCli(['export', writer, '--out', bundle, '--status', 'any'], quiet)).toBe(0);
  return { editor, bundle };
}

describe('versus-desk import asking on a terminal', () => {
  it('asks again after an answer it does not know, then writes the side answered', async () => {
    const { editor, bundle } = await conflict();
    const io = terminal(['x\n', 'b\n']);
    expect(await runCli(['import', editor, bundle], io)).toBe(0);
    expect(io.shown()).toMatch(/Article social-media-vs-social-networking — changed on both sides: Summary/);
    expect(io.shown().split(QUESTION)).toHaveLength(3);
    // Both: mine stays, theirs is added as a copy with a slug of its own.
    const store = await WorkspaceStore.open(editor);
    try {
      const summaries = await Promise.all(store.listComparisons().map(async (s) => docToText((await store.getComparison(s.id)).summary)));
      expect(summaries.sort()).toEqual(["The editor's summary.", "The writer's summary."]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('stops on Ctrl+C at the question with nothing written, exit 130', async () => {
    const { editor, bundle } = await conflict();
    const before = await treeHash(editor);
    const io = terminal(['\x03']);
    expect(await runCli(['import', editor, bundle], io)).toBe(130);
    expect(io.shown()).toMatch(/Stopping…/);
    expect(io.shown()).toMatch(/Interrupted before writing: nothing more was written\./);
    expect(await treeHash(editor)).toBe(before);
    expect(await readSummary(editor)).toBe("The editor's summary.");
    expect(io.listening()).toBe(0);
  }, 60_000);
});
