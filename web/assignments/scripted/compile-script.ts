/**
 * One test's script as a teacher wrote it (a list of steps in YAML) made into the plain
 * data the reference peer runs (`checks/scripted/script.ts`), or every problem with its
 * path. Beyond the shape, a script that can never pass is refused here (issue #14): an
 * `expect` on a client already closed, a `send` after a half-close, a variable used before
 * a step makes it, a client used before it is opened.
 */
import type { Framing, ScriptStep } from '../../../checks/scripted/script.js';
import { brokenPlaceholder, variablesIn, VARIABLE_NAME } from '../../../checks/scripted/template.js';
import { closest, type IssuePath } from '../describe-issue.js';
import type { PathProblem } from '../resolve-assignment-file.js';
import { dataOf, expectationOf, expectModifiers, framingByName, MAX_WAIT_MS, namedGroups, randomSpecOf } from './step-values.js';

const ACTIONS = ['connect', 'socket', 'send', 'expect', 'wait', 'close', 'half-close', 'set', 'random'] as const;
type Action = (typeof ACTIONS)[number];
const MODIFIERS: Record<Action, readonly string[]> = {
  connect: ['framing', 'prefixBytes'],
  socket: [],
  send: ['as'],
  expect: ['as', 'within', 'points', 'feedback'],
  wait: [],
  close: [],
  'half-close': [],
  set: [],
  random: [],
};
const CLIENT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export interface ScriptDefaults {
  transport: 'tcp' | 'udp';
  framing: Framing;
}

export interface CompiledTestScript {
  steps: ScriptStep[];
  /** Sum of the expects' `points`; 0 when no step has points (all or nothing). */
  stepPoints: number;
}

type ClientState = { state: 'open' | 'half-closed' | 'closed' | 'closed-by-program'; since: number; framing: Framing };

/** Compiles `raw` (the test's `script` list); `at` is the list's path, e.g. `['tests', 2, 'script']`. */
export function compileScript(raw: readonly unknown[], at: IssuePath, defaults: ScriptDefaults, lineOf: (path: IssuePath) => number | null): { ok: true; value: CompiledTestScript } | { ok: false; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const steps: ScriptStep[] = [];
  const clients = new Map<string, ClientState>();
  /** Variable → the step (1-based) that makes it. */
  const made = new Map<string, number>();
  const later = laterVariables(raw);
  let current: string | null = null;
  let unnamed = 0;
  let expects = 0;
  let stepPoints = 0;

  raw.forEach((entry, index) => {
    const path = [...at, index];
    const n = index + 1;
    const problem = (rest: IssuePath, message: string) => problems.push({ path: [...path, ...rest], message });
    const parsed = splitStep(entry, problem);
    if (!parsed) return;
    const { action, value, modifiers } = parsed;
    const line = lineOf(path) ?? undefined;
    const withLine = <T extends object>(step: T): T & { line?: number } => (line === undefined ? step : { ...step, line });

    const useVariables = (template: string, rest: IssuePath) => {
      const broken = brokenPlaceholder(template);
      if (broken) problem(rest, `\`${broken}\` is not a variable: write \`\${name}\` with a name of letters, digits and _ (or \`$\${\` for a literal \`\${\`)`);
      for (const name of variablesIn(template)) {
        if (made.has(name)) continue;
        const when = later.get(name);
        const guess = closest(name, [...made.keys()]);
        problem(
          rest,
          when !== undefined && when >= n - 1
            ? `uses \`\${${name}}\` before step ${when + 1} makes it; this step can never see its value`
            : `uses the unknown variable \`\${${name}}\`${guess ? `; did you mean \`\${${guess}}\`?` : '.'} Variables come from \`set\`, \`random\` and named groups \`(?<name>…)\` of an earlier \`regex\``,
        );
      }
    };

    /** The client a step acts on: `as`, else the current one; it must be usable. */
    const client = (verb: string): string | null => {
      const named = modifiers.as;
      if (named !== undefined && typeof named !== 'string') return problem(['as'], 'must be the name of a client, e.g. `as: A`'), null;
      const name = (named as string | undefined) ?? current;
      if (name === null) {
        const closed = [...clients].filter(([, c]) => c.state === 'closed').pop();
        if (closed) return problem([], `can never pass: client \`${closed[0]}\` was closed at step ${closed[1].since} and no other is open; ${verb} needs an open client (\`as:\` names one)`), null;
        return problem([], `${verb}: no client is open yet; start with \`${defaults.transport === 'tcp' ? 'connect' : 'socket'}: A\``), null;
      }
      const known = clients.get(name);
      if (!known) {
        const guess = closest(name, [...clients.keys()]);
        return problem(named !== undefined ? ['as'] : [], `there is no client \`${name}\` here${guess ? `; did you mean \`${guess}\`?` : ''}: open it first with \`${defaults.transport === 'tcp' ? 'connect' : 'socket'}: ${name}\``), null;
      }
      if (known.state === 'closed') return problem([], `can never pass: client \`${name}\` was closed at step ${known.since}; ${verb} on a closed connection is impossible`), null;
      if (known.state === 'closed-by-program' ) return problem([], `can never pass: step ${known.since} expects the program to close \`${name}\`'s connection, so nothing can follow on it`), null;
      if (known.state === 'half-closed' && verb === 'send') return problem([], `can never pass: client \`${name}\` finished sending (half-close) at step ${known.since}`), null;
      current = name;
      return name;
    };

    switch (action) {
      case 'connect':
      case 'socket': {
        const wanted = action === 'connect' ? 'tcp' : 'udp';
        if (defaults.transport !== wanted) {
          problem([action], `this is a ${defaults.transport.toUpperCase()} assignment: use \`${defaults.transport === 'tcp' ? 'connect' : 'socket'}\``);
          return;
        }
        if (value !== null && (typeof value !== 'string' || !CLIENT_NAME.test(value))) {
          problem([action], 'must be a client name (a letter, then letters, digits, `-` or `_`), e.g. `A`');
          return;
        }
        const name = value ?? `conn ${(unnamed += 1)}`;
        const open = clients.get(name);
        if (open && (open.state === 'open' || open.state === 'half-closed')) {
          problem([action], `client \`${name}\` is already open (since step ${open.since}); close it first or give this one another name`);
          return;
        }
        const framing = action === 'connect' ? framingOf(modifiers, defaults.framing, problem) : { kind: 'raw' as const };
        clients.set(name, { state: 'open', since: n, framing });
        current = name;
        steps.push(withLine(action === 'connect' ? { do: 'connect' as const, client: name, framing, allowHalfOpen: false } : { do: 'socket' as const, client: name }));
        return;
      }
      case 'send': {
        const name = client('send');
        const data = dataOf(value, problem, useVariables);
        if (name && data) steps.push(withLine({ do: 'send' as const, client: name, data }));
        return;
      }
      case 'expect': {
        const name = client('expect');
        const expect = expectationOf(value, problem, useVariables, defaults.transport);
        const extras = expectModifiers(modifiers, problem, useVariables);
        if (expect?.kind === 'regex') for (const group of namedGroups(expect.pattern)) made.set(group, n);
        if (!name || !expect || !extras) return;
        expects += 1;
        stepPoints += extras.points ?? 0;
        if (expect.kind === 'closed') clients.set(name, { ...clients.get(name)!, state: 'closed-by-program', since: n });
        steps.push(withLine({ do: 'expect' as const, client: name, expect, ...extras }));
        return;
      }
      case 'wait': {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WAIT_MS) {
          problem(['wait'], `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}, e.g. \`wait: 500\``);
          return;
        }
        steps.push(withLine({ do: 'wait' as const, ms: value }));
        return;
      }
      case 'close':
      case 'half-close': {
        if (value !== null && typeof value !== 'string') {
          problem([action], 'must be a client name, or nothing for the current client');
          return;
        }
        if (value !== null) modifiers.as = value;
        if (action === 'half-close' && defaults.transport === 'udp') {
          problem([action], 'UDP has no connection to half-close; use `close`');
          return;
        }
        const name = client(action);
        if (!name) return;
        const state = clients.get(name)!;
        clients.set(name, { ...state, state: action === 'close' ? 'closed' : 'half-closed', since: n });
        if (action === 'half-close') markHalfOpen(steps, name);
        steps.push(withLine({ do: action, client: name }));
        if (action === 'close' && current === name) current = null;
        return;
      }
      case 'set': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          problem(['set'], 'must be a mapping of variables to values, e.g. `set: {key: color}`');
          return;
        }
        const values: Record<string, string> = {};
        for (const [name, item] of Object.entries(value)) {
          if (!VARIABLE_NAME.test(name)) problem(['set', name], 'is not a variable name: letters, digits and _, starting with a letter or _');
          else if (typeof item !== 'string' && typeof item !== 'number') problem(['set', name], 'must be text or a number');
          else {
            useVariables(String(item), ['set', name]);
            values[name] = String(item);
          }
        }
        for (const name of Object.keys(values)) made.set(name, n);
        steps.push(withLine({ do: 'set' as const, values }));
        return;
      }
      case 'random': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          problem(['random'], 'must be a mapping like `random: {key: {word: 8}}` (`int: [1, 100]`, `word: <length>` or `choice: [a, b]`)');
          return;
        }
        for (const [name, item] of Object.entries(value)) {
          const spec = randomSpecOf(item, (message) => problem(['random', name], message));
          if (!VARIABLE_NAME.test(name)) problem(['random', name], 'is not a variable name: letters, digits and _, starting with a letter or _');
          else if (spec) {
            made.set(name, n);
            steps.push(withLine({ do: 'random' as const, name, spec }));
          }
        }
        return;
      }
    }
  });

  if (problems.length === 0 && expects === 0) problems.push({ path: at, message: 'has no `expect` step, so it checks nothing; add at least one' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { steps, stepPoints } };
}

/** A step: a bare word (`close`) or a mapping with one action key and its modifiers. */
function splitStep(entry: unknown, problem: (rest: IssuePath, message: string) => void): { action: Action; value: unknown; modifiers: Record<string, unknown> } | null {
  if (typeof entry === 'string') {
    if (['close', 'half-close', 'connect', 'socket'].includes(entry)) return { action: entry as Action, value: null, modifiers: {} };
    const guess = closest(entry, ACTIONS);
    problem([], `\`${entry}\` is not a step${guess ? `; did you mean \`${guess}\`?` : ''}. A step is a mapping such as \`send: hello\`; alone on a line may stand only close, half-close, connect or socket`);
    return null;
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    problem([], `must be a step, a mapping with one of ${ACTIONS.map((a) => `\`${a}\``).join(', ')}`);
    return null;
  }
  const keys = Object.keys(entry);
  const actions = keys.filter((key): key is Action => (ACTIONS as readonly string[]).includes(key));
  if (actions.length !== 1) {
    const unknown = keys.find((key) => !(ACTIONS as readonly string[]).includes(key) && !Object.values(MODIFIERS).some((mods) => mods.includes(key)));
    const guess = unknown ? closest(unknown, ACTIONS) : undefined;
    problem(
      unknown ? [unknown] : [],
      actions.length === 0
        ? `${unknown ? `\`${unknown}\` is not a step${guess ? `; did you mean \`${guess}\`? ` : '. '}` : ''}Each step needs exactly one of ${ACTIONS.map((a) => `\`${a}\``).join(', ')}`
        : `holds ${actions.map((a) => `\`${a}\``).join(' and ')}; write each as a step of its own`,
    );
    return null;
  }
  const action = actions[0]!;
  const modifiers: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === action) continue;
    if (!MODIFIERS[action].includes(key)) {
      const allowed = MODIFIERS[action];
      const guess = closest(key, allowed);
      problem([key], `\`${key}\` does not go with \`${action}\`${guess ? `; did you mean \`${guess}\`?` : '.'}${allowed.length > 0 ? ` It takes: ${allowed.join(', ')}` : ' It takes nothing else.'}`);
      return null;
    }
    modifiers[key] = (entry as Record<string, unknown>)[key];
  }
  return { action, value: (entry as Record<string, unknown>)[action] ?? null, modifiers };
}

function framingOf(modifiers: Record<string, unknown>, fallback: Framing, problem: (rest: IssuePath, message: string) => void): Framing {
  const named = modifiers.framing;
  if (named === undefined) return fallback;
  const prefix = modifiers.prefixBytes ?? 4;
  const framing = framingByName(String(named), prefix);
  if (!framing) {
    problem(['framing'], `\`${String(named)}\` is not a framing: raw, line, crlf, nul or length-prefixed (with prefixBytes 1, 2 or 4)`);
    return fallback;
  }
  return framing;
}

/** A half-closed connection must not close our side when the program's FIN comes: open it with allowHalfOpen. */
function markHalfOpen(steps: ScriptStep[], client: string): void {
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const step = steps[i]!;
    if (step.do === 'connect' && step.client === client) {
      steps[i] = { ...step, allowHalfOpen: true };
      return;
    }
  }
}

/** Which step index first makes each variable anywhere in the script (for "used before it is made"). */
function laterVariables(raw: readonly unknown[]): Map<string, number> {
  const found = new Map<string, number>();
  raw.forEach((entry, index) => {
    if (!entry || typeof entry !== 'object') return;
    const step = entry as Record<string, unknown>;
    const names: string[] = [];
    if (step.set && typeof step.set === 'object') names.push(...Object.keys(step.set));
    if (step.random && typeof step.random === 'object') names.push(...Object.keys(step.random));
    const expect = step.expect as Record<string, unknown> | undefined;
    if (expect && typeof expect === 'object' && typeof expect.regex === 'string') names.push(...namedGroups(expect.regex));
    for (const name of names) if (!found.has(name)) found.set(name, index);
  });
  return found;
}

