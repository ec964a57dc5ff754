/**
 * Where a received Python value first differs from the expected one, with a path a
 * student can read (`obj['adresse']['plz']`). Strict about types (`5` is not `5.0`,
 * a tuple is not a list), relaxed about order where Python is (dicts, sets). The walk
 * follows the expected value, which is a small tree, so a shared or self-containing
 * received value cannot make it run long.
 */
import { pyRepr } from './py-repr.js';
import { hashKey, PyBudgetError, type PyValue } from './py-value.js';

export type DifferenceKind = 'type' | 'value' | 'length' | 'missing-key' | 'extra-key' | 'missing-item' | 'extra-item';

export interface PyDifference {
  kind: DifferenceKind;
  /** Python-style path from the root, e.g. `[2]['name']`; empty for the root. */
  path: string;
  expected?: PyValue;
  actual?: PyValue;
}

export function firstDifference(expected: PyValue, actual: PyValue, path = ''): PyDifference | null {
  if (expected.kind !== actual.kind) return { kind: 'type', path, expected, actual };
  switch (expected.kind) {
    case 'none':
      return null;
    case 'bool':
    case 'int':
    case 'str':
      return expected.value === (actual as typeof expected).value ? null : { kind: 'value', path, expected, actual };
    case 'float': {
      const other = (actual as typeof expected).value;
      return expected.value === other || (Number.isNaN(expected.value) && Number.isNaN(other)) ? null : { kind: 'value', path, expected, actual };
    }
    case 'bytes':
    case 'bytearray':
      return expected.value.equals((actual as typeof expected).value) ? null : { kind: 'value', path, expected, actual };
    case 'list':
    case 'tuple': {
      const items = (actual as typeof expected).items;
      const n = Math.min(expected.items.length, items.length);
      for (let i = 0; i < n; i += 1) {
        const diff = firstDifference(expected.items[i] as PyValue, items[i] as PyValue, `${path}[${i}]`);
        if (diff) return diff;
      }
      return expected.items.length === items.length ? null : { kind: 'length', path, expected, actual };
    }
    case 'dict': {
      const entries = (actual as typeof expected).entries;
      const byKey = new Map(entries.map(([key, value]) => [safeKey(key), [key, value] as const]));
      for (const [key, value] of expected.entries) {
        const found = byKey.get(safeKey(key));
        const at = `${path}[${pyRepr(key, 60)}]`;
        if (!found) return { kind: 'missing-key', path: at, expected: key };
        byKey.delete(safeKey(key));
        const diff = firstDifference(value, found[1], at);
        if (diff) return diff;
      }
      const [extra] = byKey.values();
      return extra ? { kind: 'extra-key', path: `${path}[${pyRepr(extra[0], 60)}]`, actual: extra[0] } : null;
    }
    case 'set':
    case 'frozenset': {
      const items = (actual as typeof expected).items;
      const have = new Map(items.map((item) => [safeKey(item), item]));
      for (const item of expected.items) {
        if (!have.delete(safeKey(item))) return { kind: 'missing-item', path, expected: item };
      }
      const [extra] = have.values();
      return extra ? { kind: 'extra-item', path, actual: extra } : null;
    }
  }
}

function safeKey(value: PyValue): string {
  try {
    return hashKey(value, { nodes: 100_000 }) ?? `unhashable:${pyRepr(value, 200)}`;
  } catch (error) {
    if (error instanceof PyBudgetError) return `too-large:${pyRepr(value, 200)}`;
    throw error;
  }
}
