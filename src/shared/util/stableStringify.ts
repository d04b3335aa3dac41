/**
 * Deterministic JSON: object keys sorted at every depth, 2-space indent, LF line ends and a
 * trailing newline, so the same content always gives the same bytes and files diff cleanly.
 * Pure, so the renderer hashes review parts exactly as main does.
 *
 * The text is exactly `JSON.stringify(sortKeys(value), null, 2)` where sortKeys rebuilds every
 * object with its keys sorted (the first version, kept as the reference in the tests), written
 * directly instead: no sorted copy of the value is built, which halves the cost of every save,
 * hash and export. As with the reference, keys that are array indices ("0", "12") come first in
 * numeric order (that is how a rebuilt object enumerates them), then the rest sorted by UTF-16
 * code units; objects are read through their own enumerable string keys only (so a Date or a
 * class instance writes as its fields, never through toJSON).
 */
export function stableStringify(value: unknown): string {
  return `${write(value, '')}\n`;
}

/** The JSON text of `value` at this indent, or undefined where JSON.stringify would omit it. */
function write(value: unknown, indent: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      // What JSON.stringify does with one.
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value, indent) : writeObject(value as Record<string, unknown>, indent);
    default:
      // undefined, functions and symbols: omitted from objects, null in arrays.
      return undefined;
  }
}

function writeArray(items: readonly unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    out += `${i === 0 ? '\n' : ',\n'}${inner}${write(items[i], inner) ?? 'null'}`;
  }
  return `${out}\n${indent}]`;
}

function writeObject(source: Record<string, unknown>, indent: string): string {
  const inner = `${indent}  `;
  let out = '';
  for (const key of sortedKeys(source)) {
    const text = write(source[key], inner);
    if (text === undefined) continue;
    out += `${out === '' ? '\n' : ',\n'}${inner}${JSON.stringify(key)}: ${text}`;
  }
  return out === '' ? '{}' : `{${out}\n${indent}}`;
}

/** Array-index keys first in numeric order, then the others sorted (see above). */
function sortedKeys(source: Record<string, unknown>): string[] {
  const keys = Object.keys(source).sort();
  if (!keys.some(isIndexKey)) return keys;
  const indices = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndexKey(k))];
}

/** A canonical array index ("0", "7", "4294967294"): what JavaScript enumerates first, in numeric order. */
function isIndexKey(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  const code = key.charCodeAt(0);
  if (code < 48 || code > 57 || (code === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(key) <= 4294967294;
}
