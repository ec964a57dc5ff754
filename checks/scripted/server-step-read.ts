/**
 * What a message the student's client sent does to an `expect` or `reply` step of our mock
 * server (TCP and UDP alike): a failure, said from our server's side, or, for `reply`, the
 * answer picked from the table. Captures and named groups become variables.
 */
import { quoteBytes } from '../lib/bytes-text.js';
import { matchMessage, withoutLineEnding } from './match-message.js';
import { dataBytes } from './run-script.js';
import type { ServerStep } from './script.js';
import { escapeRegex, substitute } from './template.js';

type ReadStep = Extract<ServerStep, { do: 'expect' } | { do: 'reply' }>;

/** What a `reply` sends back: the bytes, and whether the file's framing applies (not to a `line` with its own ending). */
export interface ReplyAnswer {
  bytes: Buffer;
  frame: boolean;
}

/** `failure` completes "At step N, after we sent …, "; `answer` is what a `reply` sends back (null for `expect`). */
export function judgeServerRead(step: ReadStep, message: Buffer, vars: Map<string, string>): { failure: string } | { answer: ReplyAnswer | null } {
  if (step.do === 'expect') {
    const verdict = matchMessage(step.expect, message, vars);
    if (!verdict.ok) return { failure: `we ${verdict.why}` };
    for (const [name, value] of Object.entries(verdict.captures)) vars.set(name, value);
    return { answer: null };
  }
  const text = withoutLineEnding(message).toString('utf8');
  const rule = step.table.find((candidate) => new RegExp(substitute(candidate.pattern, vars, escapeRegex), candidate.flags).test(text));
  if (!rule) return { failure: `your client sent ${quoteBytes(message)}, which is none of the requests this server knows.` };
  const groups = new RegExp(substitute(rule.pattern, vars, escapeRegex), rule.flags).exec(text)?.groups ?? {};
  for (const [name, value] of Object.entries(groups)) if (value !== undefined) vars.set(name, value);
  return { answer: { bytes: dataBytes(rule.send, vars), frame: !('line' in rule.send) } };
}
