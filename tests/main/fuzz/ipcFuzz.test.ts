/**
 * IPC fuzz: for every channel of the contract, 1,000 generated inputs through the real
 * dispatcher over a real workspace. Hostile inputs (wrong types, 1 MB strings, 1,000-level
 * nesting, own `__proto__`/`constructor` keys, path traversal in ids) must come back as
 * INVALID_INPUT; valid inputs (a valid input with one field changed may stay valid) may
 * succeed or fail in words, never INTERNAL or IO. No call may write outside the workspace,
 * and a refused call may not write at all.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { Services } from '../../../src/main/services/Services';
import { nodeFs, type FsLayer } from '../../../src/main/store/fsLayer';
import { findForbiddenKey } from '../../../src/main/store/secureJsonParse';
import { CHANNELS, type Channel } from '../../../src/shared/api/channels';
import { contract } from '../../../src/shared/api/contract';
import type { ApiResult, ErrorCode } from '../../../src/shared/api/errors';
import { seededServices, tempDir } from '../storeTestKit';
import { anyValue, neverValid, ownProto, traversal } from './hostileInputs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SENDER = { url: 'app://versus-desk/index.html' };
/** What a valid call may fail with: a refusal in words. Never INTERNAL, IO or LOCKED. */
const ANSWERS_TO_VALID: ReadonlySet<ErrorCode> = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'IN_USE']);
/** Channels that act as the profile: with none chosen (as in these runs) they refuse with FORBIDDEN, in words. */
const ACTS_AS_PROFILE = (channel: Channel) => /^(review|comments)\./.test(channel) || channel === 'history.diff';

type Path = Array<string | number>;
interface Case {
  input: unknown;
  /** True when the generator guarantees the contract refuses it. */
  mustBeInvalid: boolean;
  kind: string;
}

/** Every path in a JSON value (the root too), and which of them hold objects. */
function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

/** A copy of `value` with `path` set (own property, even for `__proto__`) or deleted. */
function change(value: unknown, path: Path, next: { set: unknown } | { remove: true }): unknown {
  if (path.length === 0) return 'set' in next ? next.set : undefined;
  const copy = structuredClone(value);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if ('set' in next) Object.defineProperty(parent, key, { value: next.set, enumerable: true, writable: true, configurable: true });
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return copy;
}

/** `review` holds unknown data by design (the review issue fills it in): anything may go there. */
const underReview = (p: Path) => p.includes('review');
const isIdPath = (p: Path) => {
  const last = p[p.length - 1];
  return last === 'id' || last === 'authorId' || last === 'editorId' || p[p.length - 2] === 'related';
};
const isObjectAt = (value: unknown, p: Path) => {
  const v = getAt(value, p);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
};

function casesFor(valid: unknown): fc.Arbitrary<Case> {
  const paths = pathsOf(valid);
  const fields = paths.filter((p) => p.length > 0 && !underReview(p));
  // Own prototype keys are refused everywhere, even under review (see the dispatcher).
  const objects = paths.filter((p) => isObjectAt(valid, p));
  const ids = paths.filter((p) => isIdPath(p) && typeof getAt(valid, p) === 'string');
  const pick = <T>(list: T[]) => fc.nat({ max: Math.max(0, list.length - 1) }).map((i) => list[i]);
  const arbs: Array<fc.WeightedArbitrary<Case>> = [
    { weight: 2, arbitrary: neverValid.map((input) => ({ input, mustBeInvalid: true, kind: 'hostile input' })) },
    { weight: 2, arbitrary: anyValue.map((input) => ({ input, mustBeInvalid: false, kind: 'any input' })) },
    {
      weight: 2,
      arbitrary: fc.tuple(pick(objects), fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra')).map(([p, key]) => ({
        input: change(valid, [...p, key], { set: key === '__proto__' ? { polluted: true } : ownProto() }),
        mustBeInvalid: true,
        kind: `own "${key}" key added`,
      })),
    },
    { weight: 1, arbitrary: fc.constant({ input: valid, mustBeInvalid: false, kind: 'valid input' }) },
  ];
  if (fields.length > 0) {
    arbs.push(
      {
        weight: 3,
        arbitrary: fc.tuple(pick(fields), neverValid).map(([p, v]) => ({ input: change(valid, p, { set: v }), mustBeInvalid: true, kind: 'field made hostile' })),
      },
      {
        weight: 4,
        arbitrary: fc.tuple(pick(fields), anyValue).map(([p, v]) => ({ input: change(valid, p, { set: v }), mustBeInvalid: false, kind: 'field changed' })),
      },
      { weight: 1, arbitrary: pick(fields).map((p) => ({ input: change(valid, p, { remove: true }), mustBeInvalid: false, kind: 'field removed' })) },
    );
  }
  if (ids.length > 0) {
    arbs.push({
      weight: 3,
      arbitrary: fc.tuple(pick(ids), traversal).map(([p, v]) => ({ input: change(valid, p, { set: v }), mustBeInvalid: true, kind: 'path traversal in an id' })),
    });
  }
  return fc.oneof(...arbs);
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

/** The real file system, recording the path of every call that changes something. */
function writeRecordingFs(writes: string[]): FsLayer {
  const note = (path: string) => void writes.push(path);
  return {
    ...nodeFs,
    open: (path, flags) => {
      if (flags !== 'r') note(path);
      return nodeFs.open(path, flags);
    },
    rename: (from, to) => {
      note(from);
      note(to);
      return nodeFs.rename(from, to);
    },
    link: (from, to) => {
      note(from);
      note(to);
      return nodeFs.link?.(from, to) ?? Promise.resolve();
    },
    mkdir: (path) => (note(path), nodeFs.mkdir(path)),
    unlink: (path) => (note(path), nodeFs.unlink(path)),
    rm: (path) => (note(path), nodeFs.rm(path)),
  };
}

async function validInputs(services: Services): Promise<Record<Channel, unknown>> {
  const store = services.store;
  const comparison = await store.getComparison(store.listComparisons()[0].id);
  const person = await store.getPerson(store.listPeople()[0].id);
  return {
    'workspace.info': {},
    'workspace.choose': { mode: 'open' },
    'comparisons.list': { query: 'social', limit: 50 },
    'comparisons.get': { id: comparison.id },
    'comparisons.create': { terms: ['Cats', 'Dogs'] },
    'comparisons.save': { comparison, baseRevision: comparison.revision },
    // A stale base revision: valid, refused as a conflict, so the article stays for the other runs.
    'comparisons.delete': { id: comparison.id, baseRevision: 99 },
    'people.list': {},
    'people.get': { id: person.id },
    'people.create': { name: 'Ada Lovelace', credentials: 'Mathematician', bio: { type: 'doc', content: [{ type: 'paragraph' }] } },
    'people.save': { person, baseRevision: person.revision },
    'people.delete': { id: person.id },
    'shell.openExternal': { url: 'https://example.com/about' },
    'app.flushed': {},
    'profile.get': {},
    'profile.set': { personId: person.id, role: 'editor' },
    // No profile is chosen in these runs: valid review actions are refused (FORBIDDEN) and write nothing.
    'review.comparison': { id: comparison.id, baseRevision: comparison.revision, action: 'approve', parts: ['summary'], sections: ['faqs'] },
    'review.person': { id: person.id, baseRevision: person.revision, action: 'submit' },
    'comments.add': { id: comparison.id, baseRevision: comparison.revision, part: 'summary', anchor: null, text: 'Tighten this.' },
    'comments.reply': { id: comparison.id, baseRevision: comparison.revision, thread: comparison.id, text: 'Done.' },
    'comments.resolve': { id: comparison.id, baseRevision: comparison.revision, thread: comparison.id, resolved: true },
    // The save and open dialogs answer "cancelled", so nothing is exported or read.
    'export.run': { selection: 'chosen', ids: [comparison.id], format: 'zip' },
    'export.cancel': {},
    'import.plan': { source: 'file' },
    // No plan is waiting: refused as NOT_FOUND, writing nothing.
    'import.apply': { planId: 'none', choices: { [comparison.id]: { parts: { summary: 'theirs' } } } },
    'import.cancel': {},
    'comparisons.preview': { id: comparison.id },
    'journal.write': { doc: { ...comparison, title: '' }, stamp: 1 },
    'journal.clear': { id: comparison.id, stamp: 1 },
    'journal.list': {},
    'journal.writePerson': { key: 'new-person', draft: { baseRevision: 0, name: '', credentials: '', bio: person.bio }, stamp: 1 },
    'journal.clearPerson': { key: 'new-person', stamp: 1 },
    'journal.listPeople': {},
    'history.list': { kind: 'comparison', id: comparison.id },
    // The seed has no snapshots: valid diffs and restores are refused as NOT_FOUND and write nothing.
    'history.diff': { kind: 'comparison', id: comparison.id, from: 1, to: 'current' },
    'history.restore': { kind: 'person', id: person.id, revision: 1, baseRevision: person.revision },
  };
}

/**
 * A save whose base revision was left as generated is re-based on the stored revision, so
 * changed-but-valid records really reach the disk instead of all stopping at CONFLICT.
 */
async function currentBase(services: Services, channel: Channel, input: unknown): Promise<unknown> {
  if (channel !== 'comparisons.save' && channel !== 'people.save') return input;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const { baseRevision, comparison, person } = input as { baseRevision?: unknown; comparison?: { id?: unknown }; person?: { id?: unknown } };
  const id = (comparison ?? person)?.id;
  if (baseRevision !== 1 || typeof id !== 'string') return input;
  const stored = await (channel === 'comparisons.save' ? services.store.getComparison(id) : services.store.getPerson(id)).catch(() => null);
  return stored ? { ...input, baseRevision: stored.revision } : input;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('every IPC channel under generated hostile input', () => {
  for (const channel of CHANNELS) {
    it(`${channel}: ${RUNS} inputs give only INVALID_INPUT for invalid ones, no crash, nothing written outside the workspace`, { timeout: 120_000 }, async () => {
      const parent = await tempDir();
      const dir = join(parent, 'ws');
      const writes: string[] = [];
      const opened: string[] = [];
      const chooser: string[] = [];
      const services = await Services.create({
        workspaceDir: dir,
        create: true,
        seed: true,
        fs: writeRecordingFs(writes),
        indexDelayMs: 60_000,
        chooseFolder: async (mode) => (chooser.push(mode), null),
        chooseExportTarget: async () => null,
        chooseImportSource: async () => null,
        revealPath: async () => undefined,
        openExternal: async (url) => void opened.push(url),
        emit: () => undefined,
      });
      const dispatch = createDispatcher(services, { isTrustedSender: (s) => s.url.startsWith('app://versus-desk/') });
      const valid = (await validInputs(services))[channel];
      const schema = contract[channel].input;
      const before = await tree(parent);
      const protoBefore = prototypeKeys();
      writes.length = 0;
      const tally = { runs: 0, invalid: 0, ok: 0, refused: 0 };
      const started = Date.now();

      await fc.assert(
        fc.asyncProperty(casesFor(valid), async ({ input, mustBeInvalid, kind }) => {
          tally.runs++;
          input = await currentBase(services, channel, input);
          // The contract as the dispatcher applies it: the schema, after refusing own prototype keys.
          const contractSays = findForbiddenKey(input) === null && schema.safeParse(input).success;
          // The generator's own claim, checked against the contract: a hole here is a finding.
          if (mustBeInvalid && contractSays) throw new Error(`the contract accepts a ${kind}`);
          const writesBefore = writes.length;
          const result: ApiResult<unknown> = await dispatch(channel, input, SENDER);
          expect(result).toBeTypeOf('object');
          if (!contractSays) {
            tally.invalid++;
            expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
            if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
            expect(writes.slice(writesBefore)).toEqual([]);
          } else if (result.ok) {
            tally.ok++;
          } else {
            tally.refused++;
            const allowed = ANSWERS_TO_VALID.has(result.error.code) || (result.error.code === 'FORBIDDEN' && ACTS_AS_PROFILE(channel));
            expect(allowed, `${kind}: ${result.error.code} ${result.error.message}`).toBe(true);
            if (result.error.code === 'INVALID_INPUT') expect(writes.slice(writesBefore)).toEqual([]);
          }
          // Nothing reached Object.prototype.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
      const ms = Date.now() - started;
      console.log(`${channel}: ${tally.runs} runs (${tally.invalid} invalid, ${tally.ok} ok, ${tally.refused} refused in words) in ${ms} ms`);

      expect(tally.runs).toBe(RUNS);
      // Not vacuous: most inputs were invalid, and some got through to the service.
      expect(tally.invalid).toBeGreaterThan(RUNS / 2);
      expect(tally.ok + tally.refused).toBeGreaterThan(0);
      expect(prototypeKeys()).toEqual(protoBefore);
      for (const path of writes) expect(relative(dir, path).startsWith('..') || path.includes('\u0000')).toBe(false);
      const after = await tree(parent);
      const outside = (t: Record<string, string>) => Object.entries(t).filter(([p]) => !p.startsWith('ws/'));
      expect(outside(after)).toEqual(outside(before));
      if (tally.ok === 0) expect(after).toEqual(before);
      for (const mode of chooser) expect(['open', 'create']).toContain(mode);
      for (const url of opened) expect(new URL(url).protocol).toMatch(/^(https|mailto):$/);
      if (channel === 'shell.openExternal') expect(opened.length).toBe(tally.ok);
      await services.close();
    });
  }
});

describe('keys that could reach a prototype', () => {
  async function open() {
    const { dir, services } = await seededServices();
    const comparison = await services.store.getComparison(services.store.listComparisons()[0].id);
    const file = join(dir, 'comparisons', `${comparison.id}.json`);
    return { services, comparison, file, dispatch: createDispatcher(services) };
  }

  // zod 4 silently drops an own "__proto__" key from records instead of refusing it.
  it('refuses an own "__proto__" key the schema alone would silently drop', async () => {
    const { services, comparison, file, dispatch } = await open();
    const before = await readFile(file, 'utf8');
    const input = structuredClone({ comparison, baseRevision: 1 });
    Object.defineProperty(input.comparison.chart.rows[0].values, '__proto__', { value: { polluted: true }, enumerable: true });
    expect(contract['comparisons.save'].input.safeParse(input).success).toBe(true);
    const result = await dispatch('comparisons.save', input, SENDER);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'The input contains the forbidden key "__proto__".' } });
    expect(await readFile(file, 'utf8')).toBe(before);
    await services.close();
  });

  // Saved, a "constructor" key would make the secure parse refuse the file and quarantine it
  // on its next read: it is refused over IPC and by the store, for callers that skip IPC.
  it('never saves a "constructor" key into a file it would then quarantine', async () => {
    const { services, comparison, file, dispatch } = await open();
    const before = await readFile(file, 'utf8');
    const withKey = { ...comparison, review: { parts: JSON.parse('{"constructor": {"note": "x"}}') as Record<string, never>, signOff: null, comments: [] } };
    const viaIpc = await dispatch('comparisons.save', { comparison: withKey, baseRevision: 1 }, SENDER);
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The store refuses it too, for callers that do not come through IPC.
    await expect(services.store.saveComparison(withKey, 1, { withReview: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      // Review keys are part keys now, so the schema refuses it before the forbidden-key check would.
      message: `Could not save “${comparison.title}”: review.parts.constructor: Invalid key in record`,
    });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await services.store.getComparison(comparison.id)).revision).toBe(1);
    expect(services.store.info().notices).toEqual([]);
    await services.close();
  });
});
