/** Keys that could reach an object's prototype if the parsed data were ever merged or spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class UnsafeJsonError extends Error {}

/**
 * JSON.parse that refuses `__proto__`, `constructor` and `prototype` keys anywhere, so a
 * hostile file cannot smuggle prototype pollution past the schemas. No stored format uses them.
 */
export function secureJsonParse(text: string): unknown {
  return JSON.parse(text, function reviver(key: string, value: unknown) {
    if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`it contains the forbidden key "${key}"`);
    return value;
  });
}
