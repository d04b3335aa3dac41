import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { Services } from '../../src/main/services/Services';
import { CHANNELS } from '../../src/shared/api/channels';
import { contract } from '../../src/shared/api/contract';
import { tempDir } from './storeTestKit';

const APP = { url: 'app://versus-desk/index.html' };
const open: Services[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(picked: string | null = null) {
  const emit = vi.fn();
  const openExternal = vi.fn(async () => undefined);
  const chooseFolder = vi.fn(async () => picked);
  const services = await Services.create({ workspaceDir: join(await tempDir(), 'ws'), create: true, seed: true, emit, openExternal, chooseFolder });
  open.push(services);
  const dispatch = createDispatcher(services, { isTrustedSender: (s) => s.url.startsWith('app://versus-desk/') });
  return { services, dispatch, emit, openExternal, chooseFolder };
}

describe('dispatcher', () => {
  it('knows every channel of the contract', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
  });

  it('runs a valid call and returns its value', async () => {
    const { dispatch } = await start();
    const result = await dispatch('comparisons.list', {}, APP);
    expect(result).toMatchObject({ ok: true, value: [{ slug: 'social-media-vs-social-networking' }] });
  });

  it('returns values that match the contract\'s output schemas', async () => {
    const { dispatch } = await start();
    const list = await dispatch('comparisons.list', {}, APP);
    if (!list.ok) throw new Error('list failed');
    const [seed] = list.value as Array<{ id: string }>;
    const calls: Array<[keyof typeof contract, unknown]> = [
      ['workspace.info', {}],
      ['comparisons.list', {}],
      ['comparisons.get', { id: seed.id }],
      ['people.list', {}],
      ['comparisons.create', { terms: ['Tea', 'Coffee'] }],
    ];
    for (const [channel, input] of calls) {
      const result = await dispatch(channel, input, APP);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      expect(contract[channel].output.safeParse(result.value).success, channel).toBe(true);
    }
  });

  it('refuses an unknown channel', async () => {
    const { dispatch } = await start();
    expect(await dispatch('fs.readFile', { path: '/etc/passwd' }, APP)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Unknown channel "fs.readFile".' },
    });
    expect(await dispatch('__proto__', {}, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses calls from a page it does not trust', async () => {
    const { dispatch } = await start();
    expect(await dispatch('comparisons.list', {}, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses invalid input, saying what is wrong in words and listing the issues', async () => {
    const { dispatch } = await start();
    const result = await dispatch('comparisons.create', { terms: ['Only one'] }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'terms: A comparison needs 2 to 4 terms' } });
    if (result.ok) throw new Error('unreachable');
    expect(result.error.details).toEqual({ issues: [expect.objectContaining({ path: ['terms'], message: 'A comparison needs 2 to 4 terms' })] });
    expect(await dispatch('comparisons.list', { query: 'x', extra: 1 }, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('comparisons.get', { id: '../x' }, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('passes service errors through with their code and details', async () => {
    const { dispatch } = await start();
    const list = await dispatch('comparisons.list', {}, APP);
    if (!list.ok) throw new Error('list failed');
    const [seed] = list.value as Array<{ id: string }>;
    const got = await dispatch('comparisons.get', { id: seed.id }, APP);
    if (!got.ok) throw new Error('get failed');
    const stale = await dispatch('comparisons.save', { comparison: got.value, baseRevision: 7 }, APP);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { currentRevision: 1, baseRevision: 7 } } });
    expect(await dispatch('comparisons.get', { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, APP)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('turns an unexpected error into INTERNAL with a safe message, without throwing', async () => {
    const { services } = await start();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(services, 'invoke').mockRejectedValue(new Error('secret /home/user/path detail'));
    const result = await createDispatcher(services)('workspace.info', {}, APP);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Versus Desk. The details are in the log.' } });
  });
});

describe('services', () => {
  it('opens only https and mailto links outside the app', async () => {
    const { dispatch, openExternal } = await start();
    expect(await dispatch('shell.openExternal', { url: 'https://example.com' }, APP)).toEqual({ ok: true, value: { opened: true } });
    expect(await dispatch('shell.openExternal', { url: 'mailto:a@example.com' }, APP)).toMatchObject({ ok: true });
    for (const url of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'JaVaScRiPt:alert(1)']) {
      expect(await dispatch('shell.openExternal', { url }, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.com'], ['mailto:a@example.com']]);
  });

  it('switches to a chosen empty folder as a new, unseeded workspace and announces it', async () => {
    const target = join(await tempDir(), 'fresh');
    const { dispatch, emit, services } = await start(target);
    const result = await dispatch('workspace.choose', { mode: 'create' }, APP);
    expect(result).toMatchObject({ ok: true, value: { path: target, counts: { comparisons: 0, people: 0 } } });
    expect(emit).toHaveBeenCalledWith('workspace.changed', expect.objectContaining({ path: target }));
    expect(services.store.path).toBe(target);
    expect(await readdir(target)).toContain('versus-desk.json');
  });

  it('keeps the current workspace when the chosen folder is not one and is not empty', async () => {
    const target = await tempDir();
    await writeFile(join(target, 'taxes.xlsx'), 'x');
    const { dispatch, services } = await start(target);
    const before = services.store.path;
    expect(await dispatch('workspace.choose', { mode: 'open' }, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('workspace.choose', { mode: 'create' }, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(services.store.path).toBe(before);
    expect(await readdir(target)).toEqual(['taxes.xlsx']);
  });

  it('opens an empty folder chosen with "open" as a new workspace, and returns null when the user cancels', async () => {
    const target = join(await tempDir(), 'empty');
    await mkdir(target);
    const { dispatch } = await start(target);
    expect(await dispatch('workspace.choose', { mode: 'open' }, APP)).toMatchObject({ ok: true, value: { path: target } });
    const cancelled = await start(null);
    expect(await cancelled.dispatch('workspace.choose', { mode: 'open' }, APP)).toEqual({ ok: true, value: null });
  });

  it('refuses to delete a person named in a byline, through the dispatcher', async () => {
    const { dispatch } = await start();
    const people = await dispatch('people.list', {}, APP);
    if (!people.ok) throw new Error('list failed');
    const harlon = (people.value as Array<{ id: string; name: string }>).find((p) => p.name === 'Harlon Moss');
    const result = await dispatch('people.delete', { id: harlon?.id }, APP);
    expect(result).toMatchObject({ ok: false, error: { code: 'IN_USE', message: `Harlon Moss is still named in the byline of: "Social Media vs. Social Networking: What's the Difference?"` } });
  });

  it('tells the app when the renderer has flushed its edits', async () => {
    const onFlushed = vi.fn();
    const services = await Services.create({ workspaceDir: join(await tempDir(), 'ws'), create: true, emit: vi.fn(), openExternal: vi.fn(), chooseFolder: vi.fn(), onFlushed });
    open.push(services);
    expect(await createDispatcher(services)('app.flushed', {}, APP)).toEqual({ ok: true, value: {} });
    expect(onFlushed).toHaveBeenCalledTimes(1);
  });
});
