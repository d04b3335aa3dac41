import fc from 'fast-check';

/** Ids and paths an attacker would try: traversal, absolute paths, NUL, encoded dots. */
export const TRAVERSAL = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  '\\\\server\\share\\file',
  'comparisons/../../../outside.json',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV/../../x',
  '01ARZ3NDEKTSV4RRFFQ69G5FA\u0000',
  'a\u0000b',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  'file:///etc/passwd',
  '~/.ssh/id_rsa',
  '.versus-desk/lock',
  'CON',
];

/** One character more than any string field of the contract allows (key-difference text: 100,000). */
const HUGE_MIN = 100_001;

export function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** An object whose own key is `__proto__` (a literal `{ __proto__: … }` would set the prototype instead). */
export function ownProto(payload: unknown = { polluted: true }): Record<string, unknown> {
  return JSON.parse(`{"__proto__": ${JSON.stringify(payload)}}`) as Record<string, unknown>;
}

export const huge = fc.integer({ min: HUGE_MIN, max: 1_048_576 }).map((n) => 'x'.repeat(n));
export const deep = fc.tuple(fc.integer({ min: 50, max: 1000 }), fc.boolean()).map(([d, a]) => nested(d, a));
export const protoObjects = fc.constantFrom<unknown>(
  ownProto(),
  ownProto({ isAdmin: true, toString: 'x' }),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"prototype": {"polluted": true}}'),
);
export const traversal = fc.constantFrom(...TRAVERSAL);

/** A hostile value that no field of the contract accepts (outside `review`, which holds unknown data). */
export const neverValid = fc.oneof(huge, deep, protoObjects);

/** Any value at all: wrong types, odd numbers, traversal strings. Whether it is valid depends on where it lands. */
export const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }) },
  { weight: 2, arbitrary: traversal },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -Infinity, -1, 0, 1.5, 2 ** 53, '', true, [], {}) },
  { weight: 1, arbitrary: neverValid },
);
