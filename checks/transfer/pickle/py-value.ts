/**
 * Plain Python values as the reference peer sees them: the allow-listed types a student's
 * pickle may contain, as a tagged union. Ints are bigints (Python ints have no size
 * limit); sets and dicts keep their items in arrival order.
 */

export type PyValue =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: Buffer }
  | { kind: 'bytearray'; value: Buffer }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'tuple'; items: PyValue[] }
  | { kind: 'dict'; entries: Array<[PyValue, PyValue]> }
  | { kind: 'set'; items: PyValue[] }
  | { kind: 'frozenset'; items: PyValue[] };

export type PyKind = PyValue['kind'];

export const py = {
  none: (): PyValue => ({ kind: 'none' }),
  bool: (value: boolean): PyValue => ({ kind: 'bool', value }),
  int: (value: bigint | number): PyValue => ({ kind: 'int', value: BigInt(value) }),
  float: (value: number): PyValue => ({ kind: 'float', value }),
  str: (value: string): PyValue => ({ kind: 'str', value }),
  bytes: (value: Uint8Array): PyValue => ({ kind: 'bytes', value: Buffer.from(value) }),
  list: (...items: PyValue[]): PyValue => ({ kind: 'list', items }),
  tuple: (...items: PyValue[]): PyValue => ({ kind: 'tuple', items }),
  dict: (...entries: Array<[PyValue, PyValue]>): PyValue => ({ kind: 'dict', entries }),
  set: (...items: PyValue[]): PyValue => ({ kind: 'set', items }),
  frozenset: (...items: PyValue[]): PyValue => ({ kind: 'frozenset', items }),
};

/** A value that is too big or too deep to hash or compare within the budget. */
export class PyBudgetError extends Error {
  readonly code = 'PY_BUDGET';
}

/**
 * A string that is equal for two hashable values exactly when Python's `==` says they are
 * (so `1`, `1.0` and `True` share a key, like in a Python dict), or null for unhashable
 * values (list, dict, set, bytearray). `budget` caps the nodes visited: a pickle can share
 * one tuple many times (memo), which would otherwise blow up.
 */
export function hashKey(value: PyValue, budget = { nodes: 100_000 }): string | null {
  if ((budget.nodes -= 1) < 0) throw new PyBudgetError('value too large to compare');
  switch (value.kind) {
    case 'none':
      return 'N';
    case 'bool':
      return `n${value.value ? 1 : 0}`;
    case 'int':
      return `n${value.value}`;
    case 'float':
      if (Number.isInteger(value.value)) return `n${BigInt(value.value)}`;
      return `f${Object.is(value.value, NaN) ? 'nan' : String(value.value)}`;
    case 'str':
      return `s${JSON.stringify(value.value)}`;
    case 'bytes':
      return `b${value.value.toString('hex')}`;
    case 'tuple': {
      const parts: string[] = [];
      for (const item of value.items) {
        const key = hashKey(item, budget);
        if (key === null) return null;
        parts.push(key);
      }
      return `t(${parts.join(',')})`;
    }
    case 'frozenset': {
      const parts: string[] = [];
      for (const item of value.items) parts.push(hashKey(item, budget) as string);
      // A set equals a frozenset with the same items in Python; both sorted for order.
      return `z{${parts.sort().join(',')}}`;
    }
    default:
      return null;
  }
}

/** Python's name of the value's type, as `type(x).__name__` prints it. */
export function typeName(value: PyValue): string {
  return value.kind === 'none' ? 'NoneType' : value.kind;
}

/** `len(x)` for sized values, else null. */
export function sizeOf(value: PyValue): number | null {
  switch (value.kind) {
    case 'str':
      return [...value.value].length;
    case 'bytes':
    case 'bytearray':
      return value.value.length;
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return value.items.length;
    case 'dict':
      return value.entries.length;
    default:
      return null;
  }
}
