import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import { buildSeedRecords } from '../../../src/main/seed/seedWorkspace';

/** The first version, rebuilt with sorted keys and handed to JSON.stringify: the reference. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const source = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(source)
          .sort()
          .map((key) => [key, sortKeys(source[key])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

describe('stableStringify', () => {
  it('writes exactly what the sorted-copy reference writes, for any JSON-like value', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '2', '01', '4294967294', '4294967295', '-1', '__proto__', 'a', 'B', 'é', '\u{1F600}'));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0), fc.constant(Number.NaN)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(stableStringify(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches the reference on objects already in order (no sort), nearly in order, and large', () => {
    // Objects parsed from files this wrote have their keys in order: only checked, not sorted.
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('', '0', '1', '10', '9', '01', 'a', 'B', 'b', 'é', '\u{1F600}', '\ud800'));
    const sortedObject = (entries: Array<[string, unknown]>, swap: boolean) => {
      const keys = [...new Set(entries.map(([k]) => k))].sort();
      if (swap && keys.length > 1) [keys[0], keys[1]] = [keys[1] as string, keys[0] as string];
      const source = Object.fromEntries(entries);
      return Object.fromEntries(keys.map((k) => [k, source[k]]));
    };
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.tuple(fc.array(fc.tuple(key, tie('node')), { maxLength: 24 }), fc.boolean()).map(([entries, swap]) => sortedObject(entries, swap)),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(stableStringify(v)).toBe(reference(v));
        expect(stableStringify(JSON.parse(JSON.stringify(v) ?? 'null'))).toBe(reference(JSON.parse(JSON.stringify(v) ?? 'null')));
      }),
      { numRuns: 1000 },
    );
  });

  it('matches the reference on the seed article and on odd inputs', () => {
    const seed = buildSeedRecords(new Date(0), () => '01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(stableStringify(seed)).toBe(reference(seed));
    const odd = { b: [undefined, () => 1, Symbol('s'), 1], a: { skip: undefined, f: () => 2 }, d: new Date(0), e: [[], {}], lone: '\ud800' };
    expect(stableStringify(odd)).toBe(reference(odd));
    // Keys listed in an order no plain object has (index keys out of numeric order) are sorted.
    const listed = new Proxy({ '10': 1, '2': 2, a: 3 } as Record<string, number>, { ownKeys: () => ['10', '2', 'a'] });
    expect(stableStringify(listed)).toBe(reference(listed));
    expect(stableStringify({ z: 1, a: { y: [1, 2], x: null } })).toBe('{\n  "a": {\n    "x": null,\n    "y": [\n      1,\n      2\n    ]\n  },\n  "z": 1\n}\n');
    expect(() => stableStringify({ n: 1n })).toThrow(TypeError);
    // Values whose keys are already in order, where the engine's JSON.stringify would write
    // something else: an inherited toJSON, a class, a non-finite number, an undefined, nesting
    // deeper than the fast path walks. And a null-prototype object, which it writes the same.
    const inherited = Object.assign(Object.create({ toJSON: () => 'not me' }) as object, { a: 1, b: 2 });
    class Point {
      x = 1;
      y = 2;
      toJSON() {
        return 'not me';
      }
    }
    let deep: unknown = { a: 1 };
    for (let i = 0; i < 100; i++) deep = [deep];
    const nullProto = Object.assign(Object.create(null) as object, { a: [1.5, -0, 'x'], b: { c: true } });
    // Arrays with a toJSON (own, or not enumerable on an object), boxed primitives passed off as
    // plain objects, and JSON.rawJSON where the engine has it: the engine would write them its own way.
    const arrayWithToJson = Object.assign([1, 2], { toJSON: () => 'not me' });
    const hiddenToJson = Object.defineProperty({ a: 1 }, 'toJSON', { value: () => 'not me', enumerable: false });
    const boxed = [new Boolean(true), new String(''), new Number(3)].map((b) => Object.setPrototypeOf(b, Object.prototype) as object);
    const rawJSON = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;
    const raw = rawJSON ? [{ a: rawJSON('1e400') }] : [];
    for (const v of [inherited, { p: new Point() }, { a: 1, b: Number.POSITIVE_INFINITY }, { a: 1, b: undefined }, [undefined], deep, nullProto, arrayWithToJson, hiddenToJson, ...boxed, ...raw]) {
      expect(stableStringify(v)).toBe(reference(v));
    }
  });
});
