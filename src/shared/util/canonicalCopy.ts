/**
 * A deep copy of a JSON value (plain objects, arrays, strings, finite numbers, booleans, null)
 * with every object's keys in sorted order (UTF-16 code units, as stableStringify orders them).
 * A record built this way is one stableStringify writes with the engine's JSON.stringify (its
 * fast path for canonical values) as one flat string, instead of walking it key by key into a
 * string of many pieces: for an import, about a quarter of the cost of serializing each record,
 * and much less to copy and collect when the text is encoded for writing.
 *
 * Only the order of keys changes: the copy is equal to the value (same keys, same values) and
 * stableStringify writes the same text for both. Anything that is not plain JSON data (a class
 * instance, undefined, a function) is returned as it is, untouched, so a value the record
 * checks refuse is still refused; the copy never makes a value valid that was not.
 */
export function canonicalCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  if (!inOrder(keys)) keys.sort(byCodeUnits);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    // A "__proto__" key is kept as an own data property (the record checks refuse it), never set as the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy(source[key]), enumerable: true, writable: true, configurable: true });
    else out[key] = copy(source[key]);
  }
  return out;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!((keys[i - 1] as string) < (keys[i] as string))) return false;
  return true;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
