/**
 * Deterministic JSON: object keys sorted at every depth, 2-space indent, LF line ends and a
 * trailing newline, so the same content always gives the same bytes and files diff cleanly.
 * Pure, so the renderer hashes review parts exactly as main does.
 */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    // Object.fromEntries defines own properties, so even an odd key cannot reach a prototype.
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}
