import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { stableStringify } from './stableStringify';

/** sha256 of a value serialized deterministically, as lowercase hex (same bytes in every process). */
export function hashValue(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(stableStringify(value))));
}
