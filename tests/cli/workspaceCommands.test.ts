import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../src/main/store/WorkspaceStore';
import { buildCliKit, snapshotTree, type CliKit } from './cliKit';
import { partHash, personContentHashOf, personParts } from '../../src/shared/review/parts';

let kit: CliKit;

beforeAll(async () => {
  kit = await buildCliKit();
}, 90_000);

afterAll(async () => {
  await kit?.dispose();
});

async function sampleWorkspace(): Promise<string> {
  const dir = join(await kit.tempDir(), 'ws');
  const result = await kit.run(['init', dir, '--sample']);
  expect(result.code).toBe(0);
  return dir;
}

/** Edits the one article of a workspace in-process, as the app would. */
async function editArticle(dir: string, edit: (c: Awaited<ReturnType<WorkspaceStore['getComparison']>>) => void): Promise<void> {
  const store = await WorkspaceStore.open(dir);
  try {
    const [summary] = store.listComparisons();
    const c = structuredClone(await store.getComparison(summary!.id));
    edit(c);
    await store.saveComparison(c, c.revision);
  } finally {
    await store.close();
  }
}

/** The sample workspace with both bios signed off (each by the other person), as review leaves them. */
async function reviewedWorkspace(): Promise<string> {
  const dir = await sampleWorkspace();
  const store = await WorkspaceStore.open(dir);
  try {
    const people = store.listPeople();
    for (const [i, p] of people.entries()) {
      const by = people[(i + 1) % people.length]!.id;
      const at = '2025-01-01T00:00:00.000Z';
      await store.savePerson({ ...p, review: { parts: { bio: { state: 'approved', by, at, hash: partHash(personParts(p)[0]!) } }, signOff: { by, at, hash: personContentHashOf(p) }, comments: [] } }, p.revision, { withReview: true });
    }
  } finally {
    await store.close();
  }
  return dir;
}

describe.concurrent('versus-desk usage', { timeout: 120_000 }, () => {
  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const result = await kit.run(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('lists every command in the top-level help', async () => {
    const result = await kit.run(['--help']);
    expect(result.code).toBe(0);
    for (const name of ['init', 'import', 'export', 'validate', 'check', 'list']) expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each(['init', 'import', 'export', 'validate', 'check', 'list'])('explains %s with --help and exits 0', async (name) => {
    const result = await kit.run([name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: versus-desk ${name} `));
    expect(result.stderr).toBe('');
  });

  it('refuses no command, an unknown command and an unknown flag with exit 2 and one line on stderr', async () => {
    const none = await kit.run([]);
    expect(none.code).toBe(2);
    const unknown = await kit.run(['publish']);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: `versus-desk: unknown command "publish". See 'versus-desk --help'.\n` });
    const flag = await kit.run(['list', '/tmp', '--verbose']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^versus-desk list: Unknown option '--verbose'\. See 'versus-desk list --help'\.\n$/);
    const missing = await kit.run(['list']);
    expect(missing).toMatchObject({ code: 2, stderr: "versus-desk list: missing <workspace>. See 'versus-desk list --help'.\n" });
  });

  it('builds a CLI that never loads electron', async () => {
    const mainOut = join(kit.root, 'out', 'main');
    const files = [join(mainOut, 'cli.js'), ...(await readdir(join(mainOut, 'chunks')).catch(() => [])).map((f) => join(mainOut, 'chunks', f))];
    const cli = await readFile(join(mainOut, 'cli.js'), 'utf8');
    const reached = files.filter((f) => f.endsWith('cli.js') || cli.includes(`./chunks/${f.split('/').pop()}`));
    for (const file of reached) expect(await readFile(file, 'utf8')).not.toMatch(/from\s+["']electron["']|require\(\s*["']electron["']\s*\)/);
  });
});

describe.concurrent('versus-desk init', { timeout: 120_000 }, () => {
  it('creates an empty workspace, or one with the sample article', async () => {
    const parent = await kit.tempDir();
    const empty = await kit.run(['init', join(parent, 'empty')]);
    expect(empty).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(parent, 'empty', 'versus-desk.json'))).toBe(true);
    expect(JSON.parse((await kit.run(['list', join(parent, 'empty'), '--json'])).stdout)).toEqual([]);

    const sample = await kit.run(['init', join(parent, 'sample'), '--sample']);
    expect(sample.stdout).toContain('1 sample article and 2 people');
    const list = JSON.parse((await kit.run(['list', join(parent, 'sample'), '--json'])).stdout) as Array<{ slug: string }>;
    expect(list.map((i) => i.slug)).toEqual(['social-media-vs-social-networking']);
  });

  it('refuses a folder holding other files, and leaves it untouched', async () => {
    const dir = await kit.tempDir();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const before = await snapshotTree(dir);
    const result = await kit.run(['init', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not empty and not a workspace/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('refuses to init a workspace twice', async () => {
    const dir = await sampleWorkspace();
    const result = await kit.run(['init', dir]);
    expect(result).toMatchObject({ code: 2, stderr: `${dir} is already a Versus Desk workspace.\n` });
  });
});

describe.concurrent('versus-desk list', { timeout: 120_000 }, () => {
  it('prints slug, title, status and update, or JSON', async () => {
    const dir = await sampleWorkspace();
    const text = await kit.run(['list', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^SLUG\s+TITLE\s+STATUS\s+UPDATED\n/);
    expect(text.stdout).toMatch(/social-media-vs-social-networking\s+Social Media vs\. Social Networking: What's the Difference\?\s+draft\s+\d{4}-/);
    const json = JSON.parse((await kit.run(['list', dir, '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ slug: 'social-media-vs-social-networking', status: 'draft', revision: 1, terms: ['Social Media', 'Social Networking'] });
  });

  it('refuses a folder that is not a workspace', async () => {
    const dir = await kit.tempDir();
    await mkdir(join(dir, 'x'));
    const result = await kit.run(['list', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a Versus Desk workspace/);
  });

  it('refuses a workspace that is open in the app, and leaves its lock alone', async () => {
    const dir = await sampleWorkspace();
    const app = await WorkspaceStore.open(dir);
    try {
      const lock = await readFile(join(dir, '.versus-desk', 'lock'), 'utf8');
      const result = await kit.run(['list', dir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is locked: .*already open in another Versus Desk.*Close it in Versus Desk and try again\.\n$/);
      expect(await readFile(join(dir, '.versus-desk', 'lock'), 'utf8')).toBe(lock);
    } finally {
      await app.close();
    }
    expect((await kit.run(['list', dir])).code).toBe(0);
    expect(existsSync(join(dir, '.versus-desk', 'lock'))).toBe(false);
  });
});

describe.concurrent('versus-desk check', { timeout: 120_000 }, () => {
  it('passes the sample article once its bios are signed off', async () => {
    const dir = await reviewedWorkspace();
    const text = await kit.run(['check', dir]);
    expect(text).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings in 1 article.\n' });
    const json = await kit.run(['check', dir, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('exits 1 while the author\'s and editor\'s bios are not signed off', async () => {
    const dir = await sampleWorkspace();
    const json = await kit.run(['check', dir, '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as Array<{ rule: string; path: string }>).map((f) => [f.rule, f.path])).toEqual([
      ['bios-signed-off', 'byline.authorId'],
      ['bios-signed-off', 'byline.editorId'],
    ]);
  });

  it('exits 1 and names each failing rule, part and article', async () => {
    const dir = await reviewedWorkspace();
    await editArticle(dir, (c) => {
      c.faqs[0]!.question = 'Is this a question';
      c.byline.updated = '2999-01-01';
      c.keyDifferences = c.keyDifferences.slice(0, 2);
    });
    const json = await kit.run(['check', dir, '--json']);
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.stdout) as Array<Record<string, string>>;
    expect(findings).toEqual(
      expect.arrayContaining([
        { slug: 'social-media-vs-social-networking', rule: 'faq-questions', severity: 'error', message: 'FAQ "Is this a question" does not end with "?".', path: 'faqs[0].question' },
        expect.objectContaining({ rule: 'updated-date', severity: 'error', path: 'byline.updated' }),
        expect.objectContaining({ rule: 'minimum-items', severity: 'warning', path: 'keyDifferences' }),
      ]),
    );
    expect(findings).toHaveLength(3);
    const text = await kit.run(['check', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^social-media-vs-social-networking\n {2}error +faq-questions /);
    expect(text.stdout).toMatch(/2 errors, 1 warning in 1 article\.\n$/);
  });

  it('exits 0 when there are only warnings', async () => {
    const dir = await reviewedWorkspace();
    await editArticle(dir, (c) => {
      c.faqs = c.faqs.slice(0, 1);
    });
    const result = await kit.run(['check', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 errors, 1 warning in 1 article.');
  });
});

describe.concurrent('versus-desk export', { timeout: 120_000 }, () => {
  it('gives byte-identical zips when exporting the same workspace twice', async () => {
    const dir = await sampleWorkspace();
    const out = await kit.tempDir();
    const first = await kit.run(['export', dir, '--out', join(out, 'a.zip'), '--status', 'any']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Exported 1 article to .*a\.zip \(\d+ bytes\)\.\n$/);
    await new Promise((r) => setTimeout(r, 1100));
    const second = await kit.run(['export', dir, '--out', join(out, 'b.zip'), '--status', 'any']);
    expect(second.code).toBe(0);
    expect(Buffer.compare(await readFile(join(out, 'a.zip')), await readFile(join(out, 'b.zip')))).toBe(0);
  });

  it('exports a folder of the chosen slugs', async () => {
    const dir = await sampleWorkspace();
    const out = join(await kit.tempDir(), 'bundle');
    const result = await kit.run(['export', dir, '--out', out, '--format', 'folder', '--status', 'any', '--only', 'social-media-vs-social-networking']);
    expect(result.code).toBe(0);
    expect((await readdir(join(out, 'comparisons'))).sort()).toEqual(['social-media-vs-social-networking.json', 'social-media-vs-social-networking.md']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { items: unknown[]; appVersion: string };
    expect(manifest.items).toHaveLength(1);
  });

  it('exports only signed-off articles by default, and says so when there are none', async () => {
    const dir = await sampleWorkspace();
    const out = join(await kit.tempDir(), 'pub.zip');
    const result = await kit.run(['export', dir, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exported 0 articles');
    expect(result.stdout).toContain('pass --status any');
  });

  it('leaves out an article its index cache lists as signed off when its file is a draft, and says so on stderr', async () => {
    const dir = await sampleWorkspace();
    const indexFile = join(dir, '.versus-desk', 'index.json');
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as { comparisons: Record<string, { summary: { status: string } }> };
    const [entry] = Object.values(index.comparisons);
    expect(entry!.summary.status).toBe('draft');
    entry!.summary.status = 'signed_off';
    await writeFile(indexFile, JSON.stringify(index));
    // The CLI's own list believes the cache (the file's size and mtime are unchanged)…
    expect((await kit.run(['list', dir])).stdout).toMatch(/signed off/i);
    const out = join(await kit.tempDir(), 'pub.zip');
    const result = await kit.run(['export', dir, '--out', out]);
    // …the export does not: it checks each record it exports.
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported 0 articles to /);
    expect(result.stderr).toBe(
      "versus-desk export: 1 article listed as signed off was left out (“Social Media vs. Social Networking: What's the Difference?”: its file says draft). The list was out of date and now shows it as it is.\n",
    );
    expect((await kit.run(['list', dir])).stdout).not.toMatch(/signed off/i);
  });

  it('refuses bad usage and an unknown slug without writing anything', async () => {
    const dir = await sampleWorkspace();
    const outDir = await kit.tempDir();
    const noOut = await kit.run(['export', dir]);
    expect(noOut).toMatchObject({ code: 2, stderr: "versus-desk export: --out <path> is required. See 'versus-desk export --help'.\n" });
    const badFormat = await kit.run(['export', dir, '--out', join(outDir, 'x'), '--format', 'tar']);
    expect(badFormat).toMatchObject({ code: 2, stderr: 'versus-desk export: --format must be one of zip, folder (got "tar").\n' });
    const unknown = await kit.run(['export', dir, '--out', join(outDir, 'x.zip'), '--status', 'any', '--only', 'nope']);
    expect(unknown).toMatchObject({ code: 2, stderr: 'No article with the slug "nope" in this workspace.\n' });
    expect(await readdir(outDir)).toEqual([]);
  });
});
