import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { applyImport } from '../../../src/main/bundle/import/applyImport';
import { planImport } from '../../../src/main/bundle/import/planImport';
import { readBundle } from '../../../src/main/bundle/import/readBundle';
import { HistoryStore } from '../../../src/main/history/HistoryStore';
import { exportTo, opened, openStore } from './importKit';

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('bundle round trip', () => {
  it('exports, imports into an empty workspace and exports again to a byte-identical zip', async () => {
    const source = await openStore({ seed: true });
    const first = await exportTo(source, 'one.zip');
    const target = await openStore();
    const contents = await readBundle(first);
    const history = HistoryStore.forStore(target);
    const plan = await planImport(target, contents, history);
    expect(plan.items.map((i) => [i.kind, i.action])).toEqual([
      ['person', 'new'],
      ['person', 'new'],
      ['comparison', 'new'],
    ]);
    const result = await applyImport(target, contents, plan, {}, { by: 'Editor', now: new Date('2025-01-01T00:00:00Z') });
    expect(result.written).toHaveLength(3);
    const second = await exportTo(target, 'two.zip');
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
    // Importing the same bundle again changes nothing.
    const again = await planImport(target, await readBundle(second), history);
    expect(again.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });
});
