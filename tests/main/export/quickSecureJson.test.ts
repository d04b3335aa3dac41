import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickSecureJsonParse as parseSnapshotText } from '../../../src/main/bundle/quickSecureJson';
import { secureJsonParse } from '../../../src/main/store/secureJsonParse';

const outcome = (parse: (t: string) => unknown, text: string) => {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('quickSecureJsonParse (the shortcut past the secure reviver)', () => {
  it('gives what secureJsonParse gives, value or refusal, for any JSON text', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'a\\u005f', '\u005f_proto__'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (v, escape) => {
        let text = JSON.stringify(v);
        // Spell keys with \u escapes too, which a plain substring check would miss.
        if (escape) text = text.replace(/"__proto__"/g, '"\\u005f_proto__"').replace(/"constructor"/g, '"\\u0063onstructor"');
        expect(outcome(parseSnapshotText, text)).toEqual(outcome(secureJsonParse, text));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a forbidden key spelled with an escape', () => {
    expect(() => parseSnapshotText('{"record":{"\\u005f_proto__":{"x":1}}}')).toThrow(/forbidden key "__proto__"/);
    expect(() => parseSnapshotText('{"constructor":1}')).toThrow(/forbidden key "constructor"/);
    expect(parseSnapshotText('{"a":[1,"b"]}')).toEqual({ a: [1, 'b'] });
  });
});
