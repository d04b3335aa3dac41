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
  // Already canonical (every record parsed from a file written here, and the parts cut from
  // it): the engine's own JSON.stringify writes the same text, at about half the cost.
  if (isCanonical(value, 0)) return `${JSON.stringify(value, null, 2)}\n`;
  return `${write(value, 0)}\n`;
}

const toStringTag = Object.prototype.toString;

/** Deeper than this, the walk gives up and the writer below takes over (it recurses as deep). */
const CANONICAL_DEPTH = 64;

/**
 * True when JSON.stringify(value, null, 2) is exactly this module's text: only strings, finite
 * numbers, booleans, null, plain arrays (prototype Array.prototype) and plain objects (prototype
 * Object.prototype, class Object: no boxed primitive, no JSON.rawJSON, no class), none with a
 * toJSON anywhere on it (own, inherited or not enumerable), no undefined anywhere, and every
 * object's own keys already in this module's order with none that starts with a digit (which
 * JavaScript might enumerate first). Getters and proxies are not JSON data: not considered.
 */
function isCanonical(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > CANONICAL_DEPTH) return false;
      if ('toJSON' in value) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!isCanonical(value[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || toStringTag.call(value) !== '[object Object]') return false;
      const keys = Object.keys(value);
      let previous = '';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const code = key.charCodeAt(0);
        if ((code >= 48 && code <= 57) || (i > 0 && !(previous < key))) return false;
        if (!isCanonical((value as Record<string, unknown>)[key], depth + 1)) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

/** INDENTS[d]: the indent at depth d (two spaces a level). */
const INDENTS: string[] = [''];
function indentAt(depth: number): string {
  let indent = INDENTS[depth];
  if (indent === undefined) {
    indent = '  '.repeat(depth);
    INDENTS[depth] = indent;
  }
  return indent;
}

/** The JSON text of `value` at this depth, or undefined where JSON.stringify would omit it. */
function write(value: unknown, depth: number): string | undefined {
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
      return Array.isArray(value) ? writeArray(value, depth) : writeObject(value as Record<string, unknown>, depth);
    default:
      // undefined, functions and symbols: omitted from objects, null in arrays.
      return undefined;
  }
}

function writeArray(items: readonly unknown[], depth: number): string {
  if (items.length === 0) return '[]';
  const open = `\n${indentAt(depth + 1)}`;
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    out += `${i === 0 ? open : `,${open}`}${write(items[i], depth + 1) ?? 'null'}`;
  }
  return `${out}\n${indentAt(depth)}]`;
}

function writeObject(source: Record<string, unknown>, depth: number): string {
  const open = `\n${indentAt(depth + 1)}`;
  let out = '';
  const keys = sortedKeys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const text = write(source[key], depth + 1);
    if (text === undefined) continue;
    out += `${out === '' ? open : `,${open}`}${quoted(key)}: ${text}`;
  }
  return out === '' ? '{}' : `{${out}\n${indentAt(depth)}}`;
}

/** JSON.stringify(key), remembered: objects of one kind repeat the same few keys. */
const QUOTED = new Map<string, string>();
function quoted(key: string): string {
  let text = QUOTED.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED.size < 4096) QUOTED.set(key, text);
  }
  return text;
}

/**
 * Array-index keys first in numeric order, then the others sorted (see above). Keys already in
 * that order (every object parsed from a file written here) are only checked, not sorted.
 */
function sortedKeys(source: Record<string, unknown>): string[] {
  const keys = Object.keys(source);
  let previous = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const code = key.charCodeAt(0);
    // A key starting with a digit may be an array index; the empty key sorts first anyway.
    if ((code >= 48 && code <= 57) || (i > 0 && !(previous < key))) return sortKeys(keys);
    previous = key;
  }
  return keys;
}

function sortKeys(keys: string[]): string[] {
  // Plain < compares UTF-16 code units, as the default sort does.
  if (keys.length <= 16) {
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i] as string;
      let j = i - 1;
      while (j >= 0 && (keys[j] as string) > key) {
        keys[j + 1] = keys[j] as string;
        j--;
      }
      keys[j + 1] = key;
    }
  } else {
    keys.sort();
  }
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
