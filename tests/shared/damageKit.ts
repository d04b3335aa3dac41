/**
 * Damage for the hand-written checks' tests (fastChecks, articleExportCheck): every path of a
 * value, each replaced by near misses or given a hostile key, as JSON.parse would give it.
 */

export type Path = Array<string | number>;

export function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

/**
 * A copy of `base` with the value at `path` replaced (undefined: removed), as JSON.parse would
 * give it: hostile keys such as "__proto__" are own properties, as in a file read.
 */
export function replaced(base: unknown, path: Path, value: unknown, hostileKey?: string): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
  const define = (target: Record<string | number, unknown>, key: string | number, v: unknown) =>
    Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
  let parent: Record<string | number, unknown> | null = null;
  let node: unknown = copy;
  for (const k of path) {
    parent = node as Record<string | number, unknown>;
    node = parent[k];
  }
  if (hostileKey !== undefined) {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) define(node as Record<string, unknown>, hostileKey, {});
  } else if (parent === null) {
    return JSON.parse(JSON.stringify(value ?? null)) as unknown;
  } else {
    const last = path[path.length - 1] as string | number;
    if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else define(parent, last, value);
  }
  return JSON.parse(JSON.stringify(copy)) as unknown;
}

/**
 * Every path of `base` tried with every value `replacements` gives for it (and each hostile key
 * added to each object); `agree` checks each damaged copy. Returns how many were tried.
 */
export function everyDamage(base: unknown, replacements: (current: unknown, key: string | number | undefined) => unknown[], agree: (value: unknown) => void): number {
  let n = 0;
  for (const path of pathsOf(base)) {
    const current = path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], base);
    for (const value of replacements(current, path[path.length - 1])) {
      agree(replaced(base, path, value));
      n++;
    }
    if (current === null || typeof current !== 'object' || Array.isArray(current)) continue;
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      agree(replaced(base, path, undefined, key));
      n++;
    }
  }
  return n;
}

/** An inline summary with every mark and node it may hold: bold and italic, a hard break, a link. */
export function markedSummary(linkText: string): { type: 'doc'; content: unknown[] } {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Bold', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'hardBreak' },
          { type: 'text', text: linkText, marks: [{ type: 'link', attrs: { href: 'https://example.org/x' } }] },
        ],
      },
    ],
  };
}
