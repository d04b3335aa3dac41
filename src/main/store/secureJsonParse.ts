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

/**
 * The first own key secureJsonParse would refuse, anywhere in a value, or null. Used before
 * writing (a record that could not be read back must not be written) and on IPC input.
 * Iterative, so 100,000 levels of nesting cannot overflow the stack.
 */
export function findForbiddenKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return null;
}
