import { createHash } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';

/**
 * One zip entry's data, checked: `raw` is the entry's data as the zip holds it (stored or raw
 * deflate); never more than `size` bytes come out (an entry that lies about its size is refused,
 * as is a CRC-32 mismatch). `want` says what comes back: the bytes, the sha256 of the content,
 * and for a JSON file its text (null when it is not valid UTF-8).
 */
export interface EntryDataInput {
  raw: Uint8Array;
  method: 0 | 8;
  size: number;
  crc: number;
  want: { data?: boolean; sha256?: boolean; text?: boolean };
}

/** A refusal's reason (in the words readBundle uses), or what was asked for. */
export type EntryDataResult = { reason: string } | { reason?: undefined; data?: Buffer; sha256?: string; text?: string | null };

/** zlib's smallest output chunk (zlib.constants.Z_MIN_CHUNK). */
const MIN_CHUNK = 64;
/** The largest output chunk asked for: an entry that lies about a large size gets no large buffer up front. */
const MAX_CHUNK = 1024 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function entryData(input: EntryDataInput): EntryDataResult {
  const { raw, method, size, crc, want } = input;
  let data = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (method !== 0) {
    try {
      // One output chunk a byte larger than the declared size (up to 1 MiB): an entry of the size it
      // declares comes out in a single buffer in one call (not 16 KiB chunks joined), and a longer
      // one still overruns maxOutputLength.
      const chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size + 1));
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size), chunkSize });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return { reason: 'its size is not the one the zip declares (too many bytes)' };
      return { reason: `the entry data is damaged (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  if (data.length !== size) return { reason: `its size is not the one the zip declares (${data.length > size ? 'too many' : 'not enough'} bytes)` };
  if (crc32(data) !== crc) return { reason: 'the entry data is damaged (its CRC-32 does not match)' };
  const out: { data?: Buffer; sha256?: string; text?: string | null } = {};
  if (want.sha256) out.sha256 = createHash('sha256').update(data).digest('hex');
  if (want.text) {
    try {
      out.text = UTF8.decode(data);
    } catch {
      out.text = null;
    }
  }
  if (want.data) out.data = data;
  return out;
}
