import { secureJsonParse } from '../store/secureJsonParse';

/**
 * secureJsonParse, with a shortcut: text that cannot spell a forbidden key (none of the three
 * names appears, and no \u escape that could spell one) parses to the same value with a plain
 * JSON.parse, ~7× faster than one with a reviver. Export lineage reads every snapshot of every
 * article, and an import parses every file of the bundle. Throws as secureJsonParse throws.
 */
export function quickSecureJsonParse(text: string): unknown {
  if (!/__proto__|constructor|prototype|\\u/.test(text)) return JSON.parse(text);
  return secureJsonParse(text);
}
