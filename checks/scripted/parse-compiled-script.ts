/**
 * A compiled script as the peer receives it. The loader built it and the grader checked
 * the job, so a bad one is our fault, never the student's; still, the peer must not crash
 * on a hand-written job, so the shape is checked before running.
 */
import type { CompiledScript } from './script.js';

const STEP_KINDS = new Set(['connect', 'socket', 'send', 'expect', 'wait', 'close', 'half-close', 'set', 'random']);

/** The script, or why it cannot be run. */
export function parseCompiledScript(value: unknown): CompiledScript | string {
  if (!value || typeof value !== 'object' || !Array.isArray((value as CompiledScript).steps)) return 'the test carries no script';
  const steps = (value as CompiledScript).steps;
  for (const [i, step] of steps.entries()) {
    if (!step || typeof step !== 'object' || !STEP_KINDS.has((step as { do?: string }).do ?? '')) return `step ${i + 1} of the script is not a step`;
    if ('client' in step && typeof step.client !== 'string') return `step ${i + 1} of the script names no client`;
  }
  return value as CompiledScript;
}
