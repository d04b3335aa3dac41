import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { stableStringify } from './stableStringify';

/** sha256 of UTF-8 text as lowercase hex: pure JS everywhere, Node's native one once main registers it. */
let sha256Hex: (text: string) => string = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** Main swaps in node:crypto (same digests, several times faster); the renderer keeps the JS one. */
export function setSha256(impl: (text: string) => string): void {
  sha256Hex = impl;
}

/** sha256 of a value serialized deterministically, as lowercase hex (same bytes in every process). */
export function hashValue(value: unknown): string {
  return sha256Hex(stableStringify(value));
}
