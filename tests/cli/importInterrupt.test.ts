/**
 * Ctrl+C during `versus-desk import`: the reading stops with nothing written, and a bundle being
 * written is taken back whole (every file as it was), exit 130. In-process through runCli, with
 * the interrupt handler the command registers called where a person would press Ctrl+C.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/CliIo';
import { runCli } from '../../src/main/cli/runCli';
import { writtenDigest } from '../../src/main/bundle/import/importUndoLog';
import { bundleOf, opened, treeHash } from '../main/import/importKit';
import { tempDir } from '../main/storeTestKit';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A terminal whose Ctrl+C is pressed once stderr shows `at` (the progress line). */
function terminal(at: RegExp): CliIo & { errors: string[]; pressed: () => boolean; listening: () => number } {
  const errors: string[] = [];
  let handler: (() => void) | null = null;
  let pressed = false;
  let registered = 0;
  return {
    errors,
    pressed: () => pressed,
    listening: () => registered,
    out: () => undefined,
    err: (text) => {
      errors.push(text);
      if (!pressed && handler && at.test(text)) {
        pressed = true;
        handler();
      }
    },
    stdinIsTTY: false,
    stderrIsTTY: true,
    columns: 80,
    now: () => new Date(),
    env: {},
    onInterrupt: (h) => {
      handler = h;
      registered++;
      return () => {
        handler = null;
        registered--;
      };
    },
  };
}

/** A new workspace made by `versus-desk init`, and the hash of its files as made. */
async function freshWorkspace(): Promise<{ workspace: string; before: string }> {
  const workspace = join(await tempDir(), 'ws');
  expect(await runCli(['init', workspace], terminal(/^$/))).toBe(0);
  return { workspace, before: await treeHash(workspace) };
}

describe('Ctrl+C during versus-desk import', () => {
  it('while writing, takes the bundle back whole: the workspace is byte-identical, exit 130', async () => {
    // 600 articles: two batches of the import's 512. Ctrl+C once the second batch's records are
    // written (its snapshots still being written): seen before the import ends, all of it is taken back.
    const bundle = await bundleOf(600);
    const { workspace, before } = await freshWorkspace();
    const io = terminal(/Importing many\.zip 512\/600/);
    expect(await runCli(['import', workspace, bundle], io)).toBe(130);
    expect(io.pressed()).toBe(true);
    expect(io.errors.join('')).toMatch(/Interrupted: many\.zip was taken back whole; nothing of it was written\./);
    expect(await treeHash(workspace)).toBe(before);
    expect(io.listening()).toBe(0);
    // The same import, uninterrupted, goes through.
    expect(await runCli(['import', workspace, bundle], terminal(/^never$/))).toBe(0);
    expect(await treeHash(workspace)).not.toBe(before);
  }, 120_000);

  it('while reading, stops with nothing written, exit 130', async () => {
    const bundle = await bundleOf(300);
    const { workspace, before } = await freshWorkspace();
    const io = terminal(/Reading many\.zip 0\/300/);
    expect(await runCli(['import', workspace, bundle], io)).toBe(130);
    expect(io.errors.join('')).toMatch(/Interrupted before writing: nothing more was written\./);
    expect(io.errors.join('')).not.toMatch(/Reading many\.zip 300\/300/);
    expect(await treeHash(workspace)).toBe(before);
  }, 60_000);
});

describe('the real terminal', () => {
  it('calls the handler on the first Ctrl+C only, leaving the next to quit as Node does, and takes it back', async () => {
    const { processIo } = await import('../../src/main/cli/CliIo');
    const io = processIo();
    const listeners = process.listenerCount('SIGINT');
    let calls = 0;
    io.onInterrupt?.(() => calls++);
    expect(process.listenerCount('SIGINT')).toBe(listeners + 1);
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toBe(1);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    const stop = io.onInterrupt?.(() => calls++);
    stop?.();
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });
});

describe('an import a dead process left half written', () => {
  it('is taken back by the next command, which says so on stderr first', async () => {
    const workspace = join(await tempDir(), 'ws');
    expect(await runCli(['init', workspace, '--sample'], terminal(/^$/))).toBe(0);
    const before = await treeHash(workspace);
    // What a killed import leaves: its undo log, and a record it had created already.
    const { readdir, readFile, writeFile, mkdir } = await import('node:fs/promises');
    const [name] = (await readdir(join(workspace, 'comparisons'))).filter((n) => n.endsWith('.json'));
    const record = JSON.parse(await readFile(join(workspace, 'comparisons', name!), 'utf8')) as { id: string; slug: string; revision: number };
    const id = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const text = `${JSON.stringify({ ...record, id, slug: `${record.slug}-imported` }, null, 2)}\n`;
    await writeFile(join(workspace, 'comparisons', `${id}.json`), text);
    await mkdir(join(workspace, '.versus-desk', 'import-undo'));
    const entries = [{ kind: 'comparison', id, original: null, written: { sha256: writtenDigest(text), revision: record.revision } }];
    await writeFile(join(workspace, '.versus-desk', 'import-undo', '000000.json'), JSON.stringify({ format: 1, entries }));
    expect(await treeHash(workspace)).not.toBe(before);

    const io = terminal(/^$/);
    const out: string[] = [];
    expect(await runCli(['list', workspace], { ...io, out: (t) => out.push(t) })).toBe(0);
    expect(io.errors.join('')).toBe(
      'versus-desk: An import was cut short last time (Versus Desk or the command line stopped while writing it). It was taken back: 1 record put back as it was before it. Import the bundle again to bring it in.\n',
    );
    expect(out.join('')).not.toContain('-imported');
    expect(await treeHash(workspace)).toBe(before);
  });
});
