import { createHash } from 'node:crypto';
import '../../../src/main/store/nativeHash';
import { hashValue } from '../../../src/shared/util/hash';
import { stableStringify } from '../../../src/shared/util/stableStringify';
import fc from 'fast-check';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';

describe('the sha256 main swaps in', () => {
  it('gives the same digest as the pure one the renderer uses, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(bytesToHex(sha256(utf8ToBytes(text))));
      }),
      { numRuns: 300 },
    );
  });

  it('is what hashValue uses once main registers it (the one-shot digest): same hex as the pure one', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom('\ud800', 'a\udfffb', '')), (text) => {
        expect(hashValue(text)).toBe(bytesToHex(sha256(utf8ToBytes(stableStringify(text)))));
      }),
      { numRuns: 300 },
    );
  });
});
