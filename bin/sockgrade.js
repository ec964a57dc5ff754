#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/grader/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('sockgrade is not built yet: run `npm install` (or `npm run build`) in the sockgrade folder first.');
  process.exit(1);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));
