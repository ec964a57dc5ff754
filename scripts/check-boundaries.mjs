#!/usr/bin/env node
// The module boundaries, checked on every test run (STYLE.md rule 12):
// - checks/ imports only `node:` built-ins and checks/ itself (it runs in the peer image with no node_modules);
// - only grader/sandbox/ imports dockerode at run time (elsewhere `import type` only);
// - web → grader → checks, never back; nothing imports test/;
// - no import cycles.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const layers = ['checks', 'grader', 'web', 'bench'];
const rank = { checks: 0, grader: 1, web: 2, bench: 3, test: 4 };

/** Test helpers live in a `testing/` folder anywhere under checks/, grader/ or web/. */
const isTestHelper = (path) => /^(checks|grader|web)\/(.+\/)?testing\//.test(path);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

const importPattern = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
const problems = [];
const graph = new Map();

for (const layer of [...layers, 'test']) {
  let files;
  try {
    files = [...sourceFiles(join(root, layer))];
  } catch {
    continue;
  }
  for (const file of files) {
    const rel = relative(root, file);
    const isTest = rel.endsWith('.test.ts') || isTestHelper(rel) || rel.startsWith('test/');
    const text = readFileSync(file, 'utf8');
    const edges = [];
    for (const match of text.matchAll(importPattern)) {
      const typeOnly = Boolean(match[2]);
      const spec = match[3] ?? match[4] ?? match[5];
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        const targetLayer = target.split('/')[0];
        if (!isTest && targetLayer === 'test') problems.push(`${rel} imports test code (${spec})`);
        if (!isTest && targetLayer !== 'test' && rank[targetLayer] > rank[layer]) {
          problems.push(`${rel} (${layer}) imports ${target} (${targetLayer}): dependencies go web → grader → checks only`);
        }
        if (!isTest && isTestHelper(target)) problems.push(`${rel} imports test helpers ${target}`);
        if (!typeOnly) edges.push(target);
      } else if (layer === 'checks' && !isTest && !spec.startsWith('node:')) {
        problems.push(`${rel} imports \`${spec}\`: checks/ may import only node: built-ins (it runs in the peer image)`);
      } else if (spec === 'dockerode' && !typeOnly && !rel.startsWith('grader/sandbox/') && !isTest) {
        problems.push(`${rel} imports dockerode: only grader/sandbox/ talks to Docker`);
      }
    }
    graph.set(rel, edges);
  }
}

// Cycles among run-time imports (type-only imports vanish at compile time).
const state = new Map();
function visit(node, path) {
  state.set(node, 'active');
  for (const next of graph.get(node) ?? []) {
    if (state.get(next) === 'active') problems.push(`import cycle: ${[...path.slice(path.indexOf(next)), next].join(' → ')}`);
    else if (!state.has(next) && graph.has(next)) visit(next, [...path, next]);
  }
  state.set(node, 'done');
}
for (const node of graph.keys()) if (!state.has(node)) visit(node, [node]);

if (problems.length > 0) {
  console.error(`module boundaries: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.error(`module boundaries: ok (${graph.size} files)`);
