import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliKit, snapshotTree, type CliKit } from './cliKit';
import { readSummary, setSummary } from './summaryKit';

let kit: CliKit;

beforeAll(async () => {
  kit = await buildCliKit();
}, 90_000);

afterAll(async () => {
  await kit?.dispose();
});

/** A sample workspace and its bundle, exported by the CLI itself. */
async function exportedSample(format: 'zip' | 'folder'): Promise<{ workspace: string; bundle: string }> {
  const parent = await kit.tempDir();
  const workspace = join(parent, 'ws');
  expect((await kit.run(['init', workspace, '--sample'])).code).toBe(0);
  const bundle = join(parent, format === 'zip' ? 'bundle.zip' : 'bundle');
  const exported = await kit.run(['export', workspace, '--out', bundle, '--format', format, '--status', 'any']);
  expect(exported.code).toBe(0);
  return { workspace, bundle };
}

describe.concurrent('versus-desk validate', { timeout: 120_000 }, () => {
  it('accepts a bundle the CLI exported, zip or folder', async () => {
    const zip = await exportedSample('zip');
    const zipResult = await kit.run(['validate', zip.bundle]);
    expect(zipResult).toMatchObject({ code: 0, stderr: '', stdout: `${zip.bundle} is a valid bundle: 1 article, 2 people.\n` });
    const folder = await exportedSample('folder');
    expect((await kit.run(['validate', folder.bundle])).code).toBe(0);
  });

  it('refuses a tampered bundle with exit 2, naming the entry', async () => {
    const { bundle } = await exportedSample('folder');
    const md = join(bundle, 'comparisons', 'social-media-vs-social-networking.md');
    await writeFile(md, (await readFile(md, 'utf8')).replace('Social media', 'Social medya'));
    const result = await kit.run(['validate', bundle]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^Invalid bundle ${bundle}: comparisons/social-media-vs-social-networking\\.md: .*\\n$`));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file that is not a zip, and a missing path', async () => {
    const dir = await kit.tempDir();
    await writeFile(join(dir, 'fake.zip'), 'not a zip at all');
    const fake = await kit.run(['validate', join(dir, 'fake.zip')]);
    expect(fake.code).toBe(2);
    expect(fake.stderr).toMatch(/^Invalid bundle .*fake\.zip: /);
    const missing = await kit.run(['validate', join(dir, 'nothing.zip')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing\.zip: the bundle does not exist/);
    expect(await readdir(dir)).toEqual(['fake.zip']);
  });

  it('needs exactly one bundle', async () => {
    expect(await kit.run(['validate'])).toMatchObject({ code: 2, stderr: "versus-desk validate: missing <bundle>. See 'versus-desk validate --help'.\n" });
    const two = await kit.run(['validate', 'a.zip', 'b.zip']);
    expect(two).toMatchObject({ code: 2, stderr: `versus-desk validate: unexpected argument "b.zip". See 'versus-desk validate --help'.\n` });
  });
});

describe.concurrent('versus-desk import', { timeout: 120_000 }, () => {
  it('prints the plan and writes nothing with --dry-run', async () => {
    const { bundle } = await exportedSample('zip');
    const target = join(await kit.tempDir(), 'target');
    expect((await kit.run(['init', target])).code).toBe(0);
    const before = await snapshotTree(target);
    const result = await kit.run(['import', target, bundle, '--dry-run']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ {2}new +article social-media-vs-social-networking \(Social Media vs\. Social Networking: What's the Difference\?\)$/m);
    expect(result.stdout).toMatch(/^ {2}new +person +Harlon Moss$/m);
    expect(result.stdout).toContain('3 new, 0 updated, 0 unchanged, 0 conflicting.');
    expect(result.stdout).toMatch(/Dry run: nothing was written\.\n$/);
    expect(await snapshotTree(target)).toEqual(before);
  });

  it('imports a Markdown article written elsewhere, creating its named people', async () => {
    const target = join(await kit.tempDir(), 'target');
    expect((await kit.run(['init', target])).code).toBe(0);
    const md = fileURLToPath(new URL('../fixtures/social-media-vs-social-networking.md', import.meta.url));
    const result = await kit.run(['import', target, md]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ {2}new +article social-media-vs-social-networking /m);
    const list = await kit.run(['list', target, '--json']);
    const items = JSON.parse(list.stdout) as Array<{ slug: string; title: string }>;
    expect(items.map((i) => i.slug)).toEqual(['social-media-vs-social-networking']);
    const people = await readdir(join(target, 'people'));
    expect(people).toHaveLength(2);
  });

  it('imports a bundle, then finds it unchanged the second time', async () => {
    const { bundle } = await exportedSample('folder');
    const target = join(await kit.tempDir(), 'target');
    expect((await kit.run(['init', target])).code).toBe(0);
    const first = await kit.run(['import', target, bundle]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`Imported ${bundle}: 3 written, 0 kept as they were.`);
    const list = JSON.parse((await kit.run(['list', target, '--json'])).stdout) as Array<{ slug: string }>;
    expect(list.map((i) => i.slug)).toEqual(['social-media-vs-social-networking']);
    const again = await kit.run(['import', target, bundle]);
    expect(again.stdout).toContain('0 new, 0 updated, 3 unchanged, 0 conflicting.');
  });

  it('refuses to guess on a conflict without a terminal, then takes the side named by --on-conflict', async () => {
    const writer = await exportedSample('zip');
    const editor = join(await kit.tempDir(), 'editor');
    expect((await kit.run(['init', editor])).code).toBe(0);
    expect((await kit.run(['import', editor, writer.bundle])).code).toBe(0);
    await setSummary(writer.workspace, "The writer's Social Media and Social Networking summary.");
    await setSummary(editor, "The editor's Social Media and Social Networking summary.");
    const second = join(await kit.tempDir(), 'second.zip');
    expect((await kit.run(['export', writer.workspace, '--out', second, '--status', 'any'])).code).toBe(0);

    const before = await snapshotTree(editor);
    const asked = await kit.run(['import', editor, second]);
    expect(asked.code).toBe(2);
    expect(asked.stdout).toMatch(/^ {2}conflicting +article social-media-vs-social-networking .*Summary/m);
    expect(asked.stderr).toBe('1 conflicting item and no terminal to ask on: pass --on-conflict theirs, mine or both.\n');
    expect(await snapshotTree(editor)).toEqual(before);

    const mine = await kit.run(['import', editor, second, '--on-conflict', 'mine']);
    expect(mine.code).toBe(0);
    expect(await readSummary(editor)).toBe("The editor's Social Media and Social Networking summary.");

    const theirs = await kit.run(['import', editor, second, '--on-conflict', 'theirs']);
    expect(theirs.code).toBe(0);
    expect(await readSummary(editor)).toBe("The writer's Social Media and Social Networking summary.");
  });

  it('refuses a tampered bundle before writing anything', async () => {
    const { bundle } = await exportedSample('folder');
    const manifest = join(bundle, 'manifest.json');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"format": 1', '"format": 99'));
    const target = join(await kit.tempDir(), 'target');
    expect((await kit.run(['init', target])).code).toBe(0);
    const before = await snapshotTree(target);
    const result = await kit.run(['import', target, bundle]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^manifest\.json: /);
    expect(await snapshotTree(target)).toEqual(before);
  });

  it('refuses bad usage: no source, an unknown --on-conflict', async () => {
    const target = join(await kit.tempDir(), 'target');
    expect(await kit.run(['import', target])).toMatchObject({ code: 2, stderr: "versus-desk import: missing <bundle>. See 'versus-desk import --help'.\n" });
    const bad = await kit.run(['import', target, 'x.zip', '--on-conflict', 'merge']);
    expect(bad).toMatchObject({ code: 2, stderr: 'versus-desk import: --on-conflict must be one of ask, theirs, mine, both (got "merge").\n' });
  });
});
