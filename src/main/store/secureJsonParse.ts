/** Keys that could reach an object's prototype if the parsed data were ever merged or spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class UnsafeJsonError extends Error {}

/**
 * JSON.parse that refuses `__proto__`, `constructor` and `prototype` keys anywhere, so a
 * hostile file cannot smuggle prototype pollution past the schemas. No stored format uses them.
 * A plain parse (which keeps such a key as an own data property, never as the prototype) and
 * then one walk over the result: a reviver, called for every value, costs twice as much.
 */
export function secureJsonParse(text: string): unknown {
  const value: unknown = JSON.parse(text);
  refuseForbiddenKeys(value);
  return value;
}

/** The walk of secureJsonParse on its own, for a caller that parsed the text itself: throws UnsafeJsonError. */
export function refuseForbiddenKeys(parsed: unknown): void {
  const key = forbiddenKeyInTree(parsed);
  if (key !== null) throw new UnsafeJsonError(`it contains the forbidden key "${key}"`);
}

/** findForbiddenKey for a fresh JSON.parse result: a tree, so no cycle bookkeeping. */
function forbiddenKeyInTree(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const current = stack.pop() as Record<string, unknown>;
    if (Array.isArray(current)) {
      for (const item of current) if (item !== null && typeof item === 'object') stack.push(item as object);
      continue;
    }
    for (const key in current) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      const child = current[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return null;
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
