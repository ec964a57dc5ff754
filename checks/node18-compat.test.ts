/**
 * The peer image runs Debian bookworm's Node 18.20, while we develop and test on Node 20:
 * the type checker happily accepts Node 20 APIs. This scan keeps the ones Node 18 lacks
 * out of everything under checks/ that the peer runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

const FORBIDDEN: Array<[RegExp, string]> = [
  [/AbortSignal\.any\(/, 'AbortSignal.any (Node 20.3): use anySignal/linkSignals from checks/lib'],
  [/Promise\.withResolvers/, 'Promise.withResolvers (Node 22)'],
  [/Array\.fromAsync/, 'Array.fromAsync (Node 22)'],
  [/\.(union|intersection|difference|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/, 'Set methods (Node 22)'],
  [/\bawait using\b|\bSymbol\.(async)?[dD]ispose\b/, 'explicit resource management (Node 18.18+/20.4+ only partly)'],
  [/from ['"](?!node:|\.)[^'"]+['"]/, 'a non-built-in import: checks import only node: built-ins'],
  [/\bprocess\.env\b/, 'process.env outside peer/main.ts and testing/'],
  [/console\.log\(/, 'console.log: stdout is the protocol stream'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('checks/ runs on Node 18', () => {
  it('uses no API that Node 18 lacks, and only node: built-ins', () => {
    const problems: string[] = [];
    for (const file of sources(root)) {
      const rel = relative(root, file);
      const text = readFileSync(file, 'utf8');
      for (const [pattern, why] of FORBIDDEN) {
        if (why.startsWith('process.env') && (rel === join('peer', 'main.ts') || rel.startsWith('testing'))) continue;
        if (pattern.test(text)) problems.push(`${rel}: ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
