/**
 * Export, import and preview through the real dispatcher and services (the channels the app's
 * dialogs call): progress counted, cancel leaving nothing behind, plans and applies with bad
 * input refused in words with the workspace byte-identical, and a preview that is the export.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { readBundle } from '../../../src/main/bundle/import/readBundle';
import { Services, type ServicesOptions } from '../../../src/main/services/Services';
import type { ExportRunOutput, ImportPlanView } from '../../../src/shared/api/publishContract';
import type { ApiResult } from '../../../src/shared/api/errors';
import { tempDir } from '../storeTestKit';
import { entriesOf, replaceFile, validFiles, writeTemp, zipBuffer } from '../import/hostileBundles';

const SENDER = { url: 'app://versus-desk/index.html' };
const opened: Services[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

interface Rig {
  services: Services;
  dir: string;
  call: (channel: string, input: unknown) => Promise<ApiResult<unknown>>;
  events: Array<{ event: string; payload: unknown }>;
  revealed: string[];
  answers: { exportTo: string | null; importFrom: string | null };
}

async function rig(opts: { seed?: boolean; extra?: Partial<ServicesOptions> } = {}): Promise<Rig> {
  const dir = join(await tempDir(), 'ws');
  const events: Rig['events'] = [];
  const revealed: string[] = [];
  const answers: Rig['answers'] = { exportTo: null, importFrom: null };
  const services = await Services.create({
    workspaceDir: dir,
    create: true,
    seed: opts.seed ?? true,
    chooseFolder: async () => null,
    openExternal: async () => undefined,
    emit: (event, payload) => void events.push({ event, payload }),
    chooseExportTarget: async () => answers.exportTo,
    chooseImportSource: async () => answers.importFrom,
    revealPath: async (path) => void revealed.push(path),
    ...opts.extra,
  });
  opened.push(services);
  const dispatch = createDispatcher(services, { isTrustedSender: (s) => s.url.startsWith('app://versus-desk/') });
  return { services, dir, call: (channel, input) => dispatch(channel, input, SENDER), events, revealed, answers };
}

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Every file under `dir` with a hash of its bytes. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path).split(sep).join('/')] = createHash('sha1').update(await readFile(path)).digest('hex');
  }
  return out;
}

/** Two more articles beside the seed one. */
async function threeArticles(r: Rig): Promise<void> {
  for (const terms of [['Tea', 'Coffee'], ['Cats', 'Dogs']]) value(await r.call('comparisons.create', { terms }));
}

describe('export.run and export.cancel', () => {
  it('exports all articles with one progress event per article, then shows the bundle in its folder', async () => {
    const r = await rig();
    await threeArticles(r);
    const out = join(await tempDir(), 'all.zip');
    r.answers.exportTo = out;
    const result = value<ExportRunOutput>(await r.call('export.run', { selection: 'all', format: 'zip' }));
    expect(result).toMatchObject({ outcome: 'exported', path: out, items: 3 });
    const progress = r.events.filter((e) => e.event === 'export.progress').map((e) => e.payload);
    expect(progress).toEqual([0, 1, 2, 3].map((done) => ({ done, total: 3 })));
    expect(r.revealed).toEqual([out]);
    const contents = await readBundle(out);
    expect(contents.articles.map((a) => a.record.slug).sort()).toEqual(['cats-vs-dogs', 'social-media-vs-social-networking', 'tea-vs-coffee']);
  });

  it('exports signed-off articles by default (none yet: an empty bundle), or only the chosen ids', async () => {
    const r = await rig();
    await threeArticles(r);
    const [first] = r.services.store.listComparisons().filter((s) => s.slug === 'tea-vs-coffee');
    const out = join(await tempDir(), 'folder-bundle');
    r.answers.exportTo = out;
    expect(value<ExportRunOutput>(await r.call('export.run', { selection: 'chosen', ids: [first.id], format: 'folder' }))).toMatchObject({ items: 1 });
    expect((await readdir(join(out, 'comparisons'))).sort()).toEqual(['tea-vs-coffee.json', 'tea-vs-coffee.md']);
    const zip = join(await tempDir(), 'published');
    r.answers.exportTo = zip;
    // A zip name without the extension gets it.
    expect(value<ExportRunOutput>(await r.call('export.run', { selection: 'signed-off', format: 'zip' }))).toMatchObject({ items: 0, path: `${zip}.zip` });
  });

  it('asks for nothing and writes nothing when the save dialog is closed', async () => {
    const r = await rig();
    const before = await tree(r.dir);
    expect(value(await r.call('export.run', { selection: 'all', format: 'zip' }))).toBeNull();
    expect(r.events.filter((e) => e.event === 'export.progress')).toEqual([]);
    expect(await tree(r.dir)).toEqual(before);
  });

  it('cancelling a running export leaves no file and no temp file behind', async () => {
    let release: () => void = () => undefined;
    let held: () => void = () => undefined;
    let holding = true;
    const reached = new Promise<void>((done) => (held = done));
    const r = await rig({
      extra: {
        // The first export is held before its second article (once); later ones run through.
        exportPace: (index) => {
          if (index < 1 || !holding) return Promise.resolve();
          holding = false;
          held();
          return new Promise<void>((go) => (release = go));
        },
      },
    });
    await threeArticles(r);
    const parent = await tempDir();
    r.answers.exportTo = join(parent, 'cancelled.zip');
    const running = r.call('export.run', { selection: 'all', format: 'zip' });
    await reached;
    // Articles are read ahead of the rendering: the first is rendered (progress 1) while the second is held.
    await vi.waitFor(() => expect(r.events.some((e) => e.event === 'export.progress' && (e.payload as { done: number }).done === 1)).toBe(true));
    // A second export while one runs is refused in words.
    expect(await r.call('export.run', { selection: 'all', format: 'zip' })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(value(await r.call('export.cancel', {}))).toEqual({ cancelled: true });
    expect(value<ExportRunOutput>(await running)).toEqual({ outcome: 'cancelled' });
    release();
    expect(await readdir(parent)).toEqual([]);
    expect(r.revealed).toEqual([]);
    expect(r.events.filter((e) => e.event === 'export.progress').map((e) => e.payload)).toEqual([
      { done: 0, total: 3 },
      { done: 1, total: 3 },
    ]);
    // Nothing is running any more: cancel says so, and the next export works.
    expect(value(await r.call('export.cancel', {}))).toEqual({ cancelled: false });
    r.answers.exportTo = join(parent, 'again.zip');
    expect(value<ExportRunOutput>(await r.call('export.run', { selection: 'all', format: 'zip' }))).toMatchObject({ outcome: 'exported', items: 3 });
    expect(await readdir(parent)).toEqual(['again.zip']);
  });

  it('refuses chosen ids that do not exist, and "chosen" without ids, before asking where', async () => {
    const r = await rig();
    const ask = vi.fn(async () => null);
    const r2 = await rig({ extra: { chooseExportTarget: ask } });
    expect(await r.call('export.run', { selection: 'chosen', ids: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'], format: 'zip' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/no longer exists/) },
    });
    expect(await r2.call('export.run', { selection: 'chosen', format: 'zip' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Choose at least one article/) },
    });
    expect(ask).not.toHaveBeenCalled();
  });

  it('says in words when the services have no save dialog', async () => {
    const r = await rig({ extra: { chooseExportTarget: undefined } });
    expect(await r.call('export.run', { selection: 'all', format: 'zip' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not available/) } });
  });
});

describe('import.progress', () => {
  /** A bundle of `count` new articles, exported through the channel from a workspace of its own. */
  async function bundleOf(count: number): Promise<string> {
    const writer = await rig({ seed: false });
    for (let i = 0; i < count; i++) value(await writer.call('comparisons.create', { terms: [`Term ${i}`, `Other ${i}`] }));
    writer.answers.exportTo = join(await tempDir(), 'bundle.zip');
    return value<{ path: string }>(await writer.call('export.run', { selection: 'all', format: 'zip' })).path;
  }

  it('reports many articles at most every 50 ms, each step ending with its full count, and waits on the pace between articles', async () => {
    const bundle = await bundleOf(40);
    const paced: Array<[string, number]> = [];
    // Each article's reading takes 5 ms here: 200 ms in all, so the events come about every 50 ms, not 40 times.
    const importPace = async (step: 'reading' | 'writing', done: number) => {
      paced.push([step, done]);
      if (step === 'reading') await new Promise((go) => setTimeout(go, 5));
    };
    const sent: Array<{ at: number; payload: { step: string; done: number } }> = [];
    const editor = await rig({ seed: false, extra: { importPace, emit: (event, payload) => void (event === 'import.progress' && sent.push({ at: performance.now(), payload: payload as { step: string; done: number } })) } });
    editor.answers.importFrom = bundle;
    const plan = value<ImportPlanView>(await editor.call('import.plan', { source: 'file' }));
    value(await editor.call('import.apply', { planId: plan.planId, choices: {} }));
    const readingEvents = sent.filter((e) => e.payload.step === 'reading');
    const reading = readingEvents.map((e) => e.payload.done);
    expect(reading[0]).toBe(0);
    expect(reading.at(-1)).toBe(40);
    // Reading took 200 ms or more: the first count, at least one between, and the last.
    expect(reading.length).toBeGreaterThanOrEqual(3);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
    // Between the first and the last, no two within 50 ms (sent every 5 ms, one per article, they would be
    // 5-6 ms apart). The times are taken here, a moment after each send: 10 ms of slack for the machine.
    const gaps = readingEvents.slice(1, -1).map((e, i) => e.at - (readingEvents[i] as { at: number }).at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(40);
    // The pace is asked at every count, reading (0 to 40) and writing (0, then all 40: one batch).
    expect(paced.filter(([s]) => s === 'reading').map(([, d]) => d)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(paced.filter(([s]) => s === 'writing').map(([, d]) => d)).toEqual([0, 40]);
  });

  it('sends no count once reading has failed (a count held back is dropped)', async () => {
    const bundle = await bundleOf(30);
    const sent: number[] = [];
    // Reading takes 3 ms an article, and fails at the 25th: a count is held back then (the last went out under 50 ms before).
    const importPace = async (_step: 'reading' | 'writing', done: number) => {
      if (done === 25) throw new Error('the disk went away');
      await new Promise((go) => setTimeout(go, 3));
    };
    const editor = await rig({ seed: false, extra: { importPace, emit: (event) => void (event === 'import.progress' && sent.push(performance.now())) } });
    editor.answers.importFrom = bundle;
    const result = await editor.call('import.plan', { source: 'file' });
    const failedAt = performance.now();
    expect(result).toMatchObject({ ok: false, error: { code: 'IO', message: /the disk went away/ } });
    await new Promise((go) => setTimeout(go, 120));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((at) => at > failedAt)).toEqual([]);
  });
});

describe('import.cancel', () => {
  /** An `importPace` that holds `step` at `at` for ever while `held()`; `reached` resolves once it holds. */
  function holdAt(step: 'reading' | 'writing', at: number) {
    let reachedIt: () => void = () => undefined;
    const reached = new Promise<void>((go) => (reachedIt = go));
    const gate = { held: true, reached };
    const importPace = async (s: 'reading' | 'writing', done: number) => {
      if (s !== step || done !== at || !gate.held) return;
      reachedIt();
      await new Promise<void>(() => undefined);
    };
    return { gate, importPace };
  }

  it('stops a bundle being read: the plan answers null, no count follows, nothing is written, and the next plan reads it whole', async () => {
    const writer = await rig({ seed: false });
    for (let i = 0; i < 12; i++) value(await writer.call('comparisons.create', { terms: [`Term ${i}`, `Other ${i}`] }));
    writer.answers.exportTo = join(await tempDir(), 'bundle.zip');
    const bundle = value<{ path: string }>(await writer.call('export.run', { selection: 'all', format: 'zip' })).path;
    // The reading is held after the third article for ever: the cancel must not wait for it.
    const { gate, importPace } = holdAt('reading', 3);
    const sent: Array<{ step: string; done: number }> = [];
    const editor = await rig({ seed: false, extra: { importPace, emit: (event, payload) => void (event === 'import.progress' && sent.push(payload as { step: string; done: number })) } });
    editor.answers.importFrom = bundle;
    const before = await tree(editor.dir);
    const planning = editor.call('import.plan', { source: 'file' });
    await gate.reached;
    expect(value(await editor.call('import.cancel', {}))).toEqual({ cancelled: true });
    expect(value(await planning)).toBeNull();
    const countsAtCancel = sent.length;
    await new Promise((go) => setTimeout(go, 120));
    expect(sent.length).toBe(countsAtCancel);
    expect(sent.at(-1)?.done).toBeLessThanOrEqual(3);
    expect(await tree(editor.dir)).toEqual(before);
    // Nothing left to cancel.
    expect(value(await editor.call('import.cancel', {}))).toEqual({ cancelled: false });
    // Choosing again reads the whole bundle.
    gate.held = false;
    const plan = value<ImportPlanView>(await editor.call('import.plan', { source: 'file' }));
    expect(plan.items.filter((i) => i.kind === 'comparison')).toHaveLength(12);
  });

  it('stops an import being written and takes back all it wrote; the plan stays, to be applied again', async () => {
    const writer = await rig();
    writer.answers.exportTo = join(await tempDir(), 'bundle.zip');
    const bundle = value<{ path: string }>(await writer.call('export.run', { selection: 'all', format: 'zip' })).path;
    // Held before the first batch of articles, once the people are written (and snapshotted).
    const { gate, importPace } = holdAt('writing', 0);
    const editor = await rig({ seed: false, extra: { importPace } });
    editor.answers.importFrom = bundle;
    const before = await tree(editor.dir);
    const plan = value<ImportPlanView>(await editor.call('import.plan', { source: 'file' }));
    const applying = editor.call('import.apply', { planId: plan.planId, choices: {} });
    await gate.reached;
    expect(readdirSync(join(editor.dir, 'people')).length).toBeGreaterThan(0);
    // A second apply of the same plan meanwhile is refused in words.
    expect(await editor.call('import.apply', { planId: plan.planId, choices: {} })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    // The dialog's Stop: only the import being written.
    expect(value(await editor.call('import.cancel', { writing: true }))).toEqual({ cancelled: true });
    expect(await applying).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The import was stopped and taken back: nothing was changed.', details: { stopped: true } } });
    // With nothing being written, that Stop changes nothing: the plan is still waiting.
    expect(value(await editor.call('import.cancel', { writing: true }))).toEqual({ cancelled: false });
    expect(await tree(editor.dir)).toEqual(before);
    expect(editor.services.store.listPeople()).toEqual([]);
    // Applied again, whole.
    gate.held = false;
    expect(value<{ written: unknown[] }>(await editor.call('import.apply', { planId: plan.planId, choices: {} })).written).toHaveLength(3);
    expect(editor.services.store.listComparisons()).toHaveLength(1);
  });

  it('lets go of a plan not applied: applying it afterwards is refused and writes nothing', async () => {
    const writer = await rig();
    writer.answers.exportTo = join(await tempDir(), 'bundle.zip');
    const bundle = value<{ path: string }>(await writer.call('export.run', { selection: 'all', format: 'zip' })).path;
    const editor = await rig({ seed: false });
    editor.answers.importFrom = bundle;
    const before = await tree(editor.dir);
    const plan = value<ImportPlanView>(await editor.call('import.plan', { source: 'file' }));
    expect(value(await editor.call('import.cancel', {}))).toEqual({ cancelled: true });
    expect(await editor.call('import.apply', { planId: plan.planId, choices: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await tree(editor.dir)).toEqual(before);
  });
});

describe('import.plan and import.apply', () => {
  async function exported(r: Rig): Promise<string> {
    r.answers.exportTo = join(await tempDir(), 'bundle.zip');
    return value<{ path: string }>(await r.call('export.run', { selection: 'all', format: 'zip' })).path;
  }

  it('plans a bundle into an empty workspace as new items, then applies it', async () => {
    const writer = await rig();
    const bundle = await exported(writer);
    const editor = await rig({ seed: false });
    editor.answers.importFrom = bundle;
    const before = await tree(editor.dir);
    const plan = value<ImportPlanView>(await editor.call('import.plan', { source: 'file' }));
    expect(plan.items.map((i) => [i.kind, i.action])).toEqual([
      ['person', 'new'],
      ['person', 'new'],
      ['comparison', 'new'],
    ]);
    // Planning wrote nothing.
    expect(await tree(editor.dir)).toEqual(before);
    const result = value<{ written: Array<{ outcome: string }> }>(await editor.call('import.apply', { planId: plan.planId, choices: {} }));
    expect(result.written.map((w) => w.outcome)).toEqual(['created', 'created', 'created']);
    expect(editor.services.store.listComparisons().map((s) => s.slug)).toEqual(['social-media-vs-social-networking']);
    // The dialog was told how far each step got: from none to all, reading, then writing.
    expect(editor.events.filter((e) => e.event === 'import.progress').map((e) => e.payload)).toEqual([
      { step: 'reading', done: 0, total: 1 },
      { step: 'reading', done: 1, total: 1 },
      { step: 'writing', done: 0, total: 1 },
      { step: 'writing', done: 1, total: 1 },
    ]);
    // The plan is used up.
    expect(await editor.call('import.apply', { planId: plan.planId, choices: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows both sides of a part changed on both sides, refuses to apply without a pick, and keeps the pick', async () => {
    const writer = await rig();
    const bundle = await exported(writer);
    const editor = await rig({ seed: false });
    editor.answers.importFrom = bundle;
    value(await editor.call('import.apply', { planId: value<ImportPlanView>(await editor.call('import.plan', { source: 'file' })).planId, choices: {} }));
    // Each side changes FAQ 1's question; the editor's comes back in a bundle.
    const edit = async (r: Rig, question: string) => {
      const id = r.services.store.listComparisons()[0].id;
      const c = await r.services.store.getComparison(id);
      value(await r.call('comparisons.save', { comparison: { ...c, faqs: c.faqs.map((f, i) => (i === 0 ? { ...f, question } : f)) }, baseRevision: c.revision }));
    };
    await edit(editor, 'Theirs?');
    const back = await exported(editor);
    await edit(writer, 'Mine?');
    writer.answers.importFrom = back;
    const plan = value<ImportPlanView>(await writer.call('import.plan', { source: 'file' }));
    const article = plan.items.find((i) => i.kind === 'comparison');
    expect(article?.action).toBe('conflicting');
    const faq = article?.parts.find((p) => p.state === 'both');
    expect(faq).toMatchObject({ label: 'FAQ 1', mine: expect.stringMatching(/^Mine\?\n\n/), theirs: expect.stringMatching(/^Theirs\?\n\n/) });

    const before = await tree(writer.dir);
    const refused = await writer.call('import.apply', { planId: plan.planId, choices: { [article!.id]: { parts: {} } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/choose for: FAQ 1/) } });
    expect(await tree(writer.dir)).toEqual(before);

    value(await writer.call('import.apply', { planId: plan.planId, choices: { [article!.id]: { parts: { [faq!.partId]: 'theirs' } } } }));
    const stored = await writer.services.store.getComparison(article!.id);
    expect(stored.faqs[0].question).toBe('Theirs?');
  });

  it('refuses a hostile bundle with its reason naming the entry, and writes nothing', async () => {
    const r = await rig();
    const files = await validFiles();
    const bad = replaceFile(files, 'manifest.json', files.get('manifest.json')!);
    // A checksum that does not match: change an article after the manifest was written.
    const slugJson = [...bad.keys()].find((k) => k.startsWith('comparisons/') && k.endsWith('.json'))!;
    bad.set(slugJson, Buffer.from(bad.get(slugJson)!.toString('utf8').replace('Social', 'Sociable')));
    const dir = await tempDir();
    r.answers.importFrom = await writeTemp(dir, 'bad.zip', await zipBuffer(entriesOf(bad)));
    const before = await tree(r.dir);
    const result = await r.call('import.plan', { source: 'file' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(slugJson) } });
    expect(await tree(r.dir)).toEqual(before);
    // A file that is not a zip at all.
    r.answers.importFrom = await writeTemp(dir, 'not-a-zip.zip', Buffer.from('hello'));
    expect(await r.call('import.plan', { source: 'file' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await tree(r.dir)).toEqual(before);
  });

  it('refuses bad apply input in words, with the workspace byte-identical', async () => {
    const writer = await rig();
    const bundle = await exported(writer);
    const r = await rig({ seed: false });
    r.answers.importFrom = bundle;
    const plan = value<ImportPlanView>(await r.call('import.plan', { source: 'file' }));
    const before = await tree(r.dir);
    const cases: Array<[unknown, string]> = [
      [{ planId: 'nope', choices: {} }, 'NOT_FOUND'],
      [{ planId: plan.planId, choices: { '01HZZZZZZZZZZZZZZZZZZZZZZZ': 'theirs' } }, 'INVALID_INPUT'],
      [{ planId: plan.planId, choices: { [plan.items[0].id]: 'sideways' } }, 'INVALID_INPUT'],
      [{ planId: plan.planId, choices: { [plan.items[0].id]: { parts: { '../x': 'theirs' } } } }, 'INVALID_INPUT'],
      [JSON.parse(`{"planId":"${plan.planId}","choices":{"__proto__":"theirs"}}`), 'INVALID_INPUT'],
      [{ planId: plan.planId }, 'INVALID_INPUT'],
    ];
    for (const [input, code] of cases) {
      const result = await r.call('import.apply', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(await tree(r.dir)).toEqual(before);
    // The plan survived the refusals.
    expect(value(await r.call('import.apply', { planId: plan.planId, choices: {} }))).toMatchObject({ skipped: 0 });
  });

  it('imports a Markdown article and lists what it could not place', async () => {
    const r = await rig({ seed: false });
    const dir = await tempDir();
    const md = [
      '---',
      'title: "Tea vs. Coffee"',
      'terms: ["Tea", "Coffee"]',
      '---',
      '',
      '# Tea vs. Coffee',
      '',
      'Two drinks.',
      '',
      '## Ingredients',
      '',
      'A section the importer does not know.',
      '',
    ].join('\n');
    r.answers.importFrom = await writeTemp(dir, 'tea.md', Buffer.from(md));
    const plan = value<ImportPlanView>(await r.call('import.plan', { source: 'file' }));
    expect(plan.items.find((i) => i.kind === 'comparison')).toMatchObject({ action: 'new', title: 'Tea vs. Coffee' });
    expect(plan.report.join('\n')).toMatch(/Ingredients/);
    const result = value<{ report: string[] }>(await r.call('import.apply', { planId: plan.planId, choices: {} }));
    expect(result.report.join('\n')).toMatch(/Ingredients/);
  });
});

describe('comparisons.preview', () => {
  it('gives the exported Markdown byte for byte, and HTML built from the same export with nothing that runs', async () => {
    const r = await rig();
    const id = r.services.store.listComparisons()[0].id;
    const c = await r.services.store.getComparison(id);
    // Content that must stay text: a script tag and an event handler in plain fields.
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    value(await r.call('comparisons.save', { comparison: { ...c, faqs: c.faqs.map((f, i) => (i === 0 ? { ...f, question: hostile } : f)) }, baseRevision: c.revision }));
    const preview = value<{ html: string; markdown: string; slug: string }>(await r.call('comparisons.preview', { id }));
    const out = join(await tempDir(), 'one');
    r.answers.exportTo = out;
    value(await r.call('export.run', { selection: 'all', format: 'folder' }));
    expect(preview.markdown).toBe(await readFile(join(out, 'comparisons', `${preview.slug}.md`), 'utf8'));
    expect(preview.html).toMatch(/^<!doctype html>/);
    expect(preview.html).toContain("<h1>Social Media vs. Social Networking: What&#39;s the Difference?</h1>");
    expect(preview.html).toContain('<h2>Comparison Chart</h2>');
    expect(preview.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(preview.html).not.toMatch(/<script|<img|<[^>]*\son\w+=/i);
    expect(await r.call('comparisons.preview', { id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

