import { createHash } from 'node:crypto';
import type { Comparison } from '../../shared/model/comparison';
import { articleContentHash } from '../../shared/review/parts';

/** sha256 of some bytes or text (UTF-8), as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash a sign-off vouches for: sha256 of the article's canonical content, serialized deterministically. */
export function contentHash(c: Comparison): string {
  return articleContentHash(c);
}
