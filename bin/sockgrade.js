#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm install` (prepare) or `npm run build`.
// `serve` and `check-assignment` live in web/ (the grader's CLI may not import web/: layers go
// web → grader → checks); every other command is the grader's.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [command, ...rest] = process.argv.slice(2);
const entry = command === 'serve' ? '../dist/web/main.js' : command === 'check-assignment' ? '../dist/web/cli/main.js' : '../dist/grader/cli/main.js';
const main = new URL(entry, import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('sockgrade is not built yet: run `npm install` (or `npm run build`) in the sockgrade folder first.');
  process.exit(1);
}
if (command === 'serve') {
  const { runServe } = await import(main.href);
  // The service has shut down in order by now; exit even if a Redis client that lost its
  // server still has a reconnect timer pending.
  process.exit(await runServe(rest));
} else if (command === 'check-assignment') {
  const { runWebCli } = await import(main.href);
  process.exitCode = await runWebCli(process.argv.slice(2));
} else {
  const { runCli } = await import(main.href);
  const code = await runCli(process.argv.slice(2));
  if (command === 'worker') process.exit(code);
  process.exitCode = code;
}
