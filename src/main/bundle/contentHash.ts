import { createHash } from 'node:crypto';
import { canonicalContent } from '../../shared/export/canonicalContent';
import type { Comparison } from '../../shared/model/comparison';
import { stableStringify } from '../store/durableWrite';

/** sha256 of some bytes or text (UTF-8), as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash a sign-off vouches for: sha256 of the article's canonical content, serialized deterministically. */
export function contentHash(c: Comparison): string {
  return sha256Hex(stableStringify(canonicalContent(c)));
}
