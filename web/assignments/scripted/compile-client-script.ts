/**
 * A client test (`role: client`, issue #14) as a teacher wrote it, compiled: the mock
 * server's script per connection (`send`, `expect`, `reply` from a table of patterns,
 * `wait`, `close`), the program's arguments and stdin, and what it must print and exit
 * with. The step values read like those of server scripts (`compileScript`).
 */
import type { CompiledClientScript, Expectation, Framing, ReplyRule, ServerStep } from '../../../checks/scripted/script.js';
import { brokenPlaceholder, variablesIn } from '../../../checks/scripted/template.js';
import { closest, type IssuePath } from '../describe-issue.js';
import type { PathProblem } from '../resolve-assignment-file.js';
import { dataOf, expectationOf, namedGroups } from './step-values.js';

const ACTIONS = ['send', 'expect', 'reply', 'wait', 'close'] as const;
const MODIFIERS = ['within', 'feedback'];

export interface ClientTestInput {
  server: readonly unknown[];
  args?: readonly (string | number)[] | undefined;
  stdin?: string | undefined;
  stdout?: unknown;
  exitCode?: number | undefined;
}

export function compileClientScript(
  test: ClientTestInput,
  at: IssuePath,
  { transport, framing }: { transport: 'tcp' | 'udp'; framing: Framing },
  lineOf: (path: IssuePath) => number | null,
): { ok: true; value: CompiledClientScript } | { ok: false; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const made = new Set<string>();
  const server: ServerStep[] = [];
  test.server.forEach((entry, index) => {
    const path = [...at, 'server', index];
    const problem = (rest: IssuePath, message: string) => problems.push({ path: [...path, ...rest], message });
    const useVariables = (template: string, rest: IssuePath) => {
      const broken = brokenPlaceholder(template);
      if (broken) problem(rest, `\`${broken}\` is not a variable: write \`\${name}\``);
      for (const name of variablesIn(template)) {
        if (made.has(name)) continue;
        const guess = closest(name, [...made]);
        problem(rest, `uses the unknown variable \`\${${name}}\`${guess ? `; did you mean \`\${${guess}}\`?` : '.'} Here variables come from named groups \`(?<name>…)\` of an earlier \`expect\` regex or \`reply\` pattern`);
      }
    };
    const line = lineOf(path) ?? undefined;
    const withLine = <T extends object>(step: T): T & { line?: number } => (line === undefined ? step : { ...step, line });
    if (entry === 'close') return void server.push(withLine({ do: 'close' as const }));
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return problem([], `must be a step of our server: a mapping with one of ${ACTIONS.map((a) => `\`${a}\``).join(', ')}, or \`close\``);
    const keys = Object.keys(entry);
    const actions = keys.filter((key) => (ACTIONS as readonly string[]).includes(key));
    const unknown = keys.find((key) => !(ACTIONS as readonly string[]).includes(key) && !MODIFIERS.includes(key));
    if (unknown !== undefined || actions.length !== 1) {
      const guess = unknown ? closest(unknown, [...ACTIONS, ...MODIFIERS]) : undefined;
      return problem(unknown ? [unknown] : [], `${unknown ? `\`${unknown}\` is not part of a server step${guess ? `; did you mean \`${guess}\`?` : ''}. ` : ''}A server step has exactly one of ${ACTIONS.map((a) => `\`${a}\``).join(', ')} (and may have \`within\`, \`feedback\`)`);
    }
    const action = actions[0] as (typeof ACTIONS)[number];
    const value = (entry as Record<string, unknown>)[action];
    const within = (entry as Record<string, unknown>).within;
    const feedback = (entry as Record<string, unknown>).feedback;
    if ((within !== undefined || feedback !== undefined) && (action === 'send' || action === 'wait' || action === 'close')) return problem([], `\`within\` and \`feedback\` go only with \`expect\` and \`reply\``);
    if (within !== undefined && (typeof within !== 'number' || !Number.isInteger(within) || within < 1 || within > 60_000)) return problem(['within'], 'must be a whole number of milliseconds from 1 to 60000');
    if (feedback !== undefined && (typeof feedback !== 'string' || feedback.trim() === '')) return problem(['feedback'], 'must be text');
    const extras = { ...(within !== undefined ? { withinMs: within as number } : {}), ...(feedback !== undefined ? { feedback: feedback as string } : {}) };
    switch (action) {
      case 'send': {
        const data = dataOf(value, problem, useVariables);
        if (data) server.push(withLine({ do: 'send' as const, data }));
        return;
      }
      case 'expect': {
        const expect = expectationOf(value, problem, useVariables, transport);
        if (!expect) return;
        if (expect.kind === 'regex') namedGroups(expect.pattern).forEach((name) => made.add(name));
        server.push(withLine({ do: 'expect' as const, expect, ...extras }));
        return;
      }
      case 'reply': {
        const table = replyTable(value, (rest, message) => problem(['reply', ...rest], message), useVariables, made);
        if (table) server.push(withLine({ do: 'reply' as const, table, ...extras }));
        return;
      }
      case 'wait':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 60_000) return problem(['wait'], 'must be a whole number of milliseconds from 0 to 60000');
        server.push(withLine({ do: 'wait' as const, ms: value }));
        return;
      default:
        server.push(withLine({ do: 'close' as const }));
    }
  });
  // Over UDP our server learns the client's address from its first datagram (issue #14).
  const firstRead = server.findIndex((step) => step.do === 'reply' || (step.do === 'expect' && step.expect.kind !== 'silence'));
  const earlySend = server.findIndex((step) => step.do === 'send');
  if (transport === 'udp' && earlySend >= 0 && (firstRead < 0 || earlySend < firstRead)) {
    problems.push({ path: [...at, 'server', earlySend], message: 'can never be sent: over UDP our server learns your client\'s address only from a datagram, so start with `expect` or `reply`' });
  }
  const closeAt = server.findIndex((step) => step.do === 'close');
  if (closeAt >= 0 && closeAt < server.length - 1) problems.push({ path: [...at, 'server', closeAt + 1], message: `can never run: our server closed the connection at step ${closeAt + 1}` });

  let stdout: Expectation | undefined;
  if (test.stdout !== undefined) {
    const found = expectationOf(test.stdout, (rest, message) => problems.push({ path: [...at, 'stdout', ...rest.slice(1)], message }), () => {}, 'tcp');
    if (found && (found.kind === 'closed' || found.kind === 'silence' || found.kind === 'hex')) problems.push({ path: [...at, 'stdout'], message: 'is about the printed text: use text, line, regex, number or json' });
    else if (found) stdout = found.kind === 'text' ? { kind: 'line', text: found.text } : found;
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      framing,
      server,
      args: (test.args ?? []).map(String),
      ...(test.stdin !== undefined ? { stdin: test.stdin } : {}),
      ...(stdout ? { stdout } : {}),
      ...(test.exitCode !== undefined ? { exitCode: test.exitCode } : {}),
    },
  };
}

function replyTable(value: unknown, problem: (rest: IssuePath, message: string) => void, useVariables: (t: string, rest: IssuePath) => void, made: Set<string>): ReplyRule[] | null {
  const usage = 'must be a list of `- match: <regex>` with `send: <answer>`, tried in order';
  if (!Array.isArray(value) || value.length === 0) return problem([], usage), null;
  const rules: ReplyRule[] = [];
  for (const [i, rule] of value.entries()) {
    const entry = rule as Record<string, unknown> | null;
    if (!entry || typeof entry !== 'object' || typeof entry.match !== 'string' || entry.send === undefined) return problem([i], usage), null;
    const extra = Object.keys(entry).find((key) => !['match', 'flags', 'send'].includes(key));
    if (extra) return problem([i, extra], `\`${extra}\` is not part of a reply rule: match, flags, send`), null;
    const flags = entry.flags ?? '';
    if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags)) return problem([i, 'flags'], 'may hold only i, m, s and u'), null;
    try {
      new RegExp(entry.match.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'x'), flags);
    } catch (error) {
      return problem([i, 'match'], `is not a valid regular expression: ${(error as Error).message}`), null;
    }
    useVariables(entry.match, [i, 'match']);
    namedGroups(entry.match).forEach((name) => made.add(name));
    const send = dataOf(entry.send, (rest, message) => problem([i, ...rest], message), useVariables);
    if (!send) return null;
    rules.push({ pattern: entry.match, flags, send });
  }
  return rules;
}
