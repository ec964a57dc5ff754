/**
 * Every built-in assignment as data, pinned: the definitions are made by helpers from
 * their suites (issue #14), and a change to what those helpers produce (a role, a test's
 * params, a limit) must be a change someone meant. After an intended change to a built-in
 * assignment, update the file with `npx vitest run --project unit checks/registry-snapshot.test.ts -u`.
 */
import { expect, it } from 'vitest';
import { listAssignments } from './index.js';

/** JSON with keys sorted at every level, so the order in which a helper spreads fields does not matter. */
function canonicalJson(value: unknown): string {
  const sorted = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sorted);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.keys(node).sort().map((key) => [key, sorted((node as Record<string, unknown>)[key])]));
  };
  return `${JSON.stringify(sorted(value), null, 1)}\n`;
}

it('the built-in assignments are exactly the pinned ones', async () => {
  await expect(canonicalJson(listAssignments())).toMatchFileSnapshot('./registry-snapshot.json');
});
