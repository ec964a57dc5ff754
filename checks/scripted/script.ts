/**
 * A compiled protocol script (issue #14): what a teacher's YAML test becomes once the
 * loader (web/assignments/scripted/) has checked it. Plain data, so it travels in the job
 * as a test's `params.script` and the generic reference peer runs it (run-script.ts).
 * Every step names its client explicitly: the loader resolves "the current client".
 */

/** Where a message ends on a TCP stream; datagrams (UDP) are messages by themselves. */
export type Framing =
  | { kind: 'raw' }
  | { kind: 'delimited'; delimiter: '\n' | '\r\n' | '\0' }
  | { kind: 'length-prefixed'; prefixBytes: 1 | 2 | 4 };

/** Bytes we send. Texts may hold `${name}` (see template.ts); hex may not. */
export type DataSpec =
  /** UTF-8 text, repeated and cut to `repeatToBytes` bytes when set (long messages). */
  | { text: string; repeatToBytes?: number }
  | { hex: string }
  /** A text plus a line ending, sent as is (no further framing). */
  | { line: string; ending: string };

export type Expectation =
  /** Exactly these bytes as the next message (the text repeated and cut to `repeatToBytes` when set). */
  | { kind: 'text'; text: string; repeatToBytes?: number }
  | { kind: 'hex'; hex: string }
  /** One line (up to `\n`), compared without its line ending. */
  | { kind: 'line'; text: string }
  /** The message as text matches; named groups `(?<name>…)` become variables. */
  | { kind: 'regex'; pattern: string; flags: string }
  /** The message is one number within `tolerance` of `value` (a number or a `${name}`). */
  | { kind: 'number'; value: string; tolerance: number }
  /** The message is JSON containing `subset` (objects: these keys at least; arrays: element by element). */
  | { kind: 'json'; subset: unknown }
  /** The other side closes the connection (TCP), sending nothing more. */
  | { kind: 'closed' }
  /** Nothing arrives for `ms`. */
  | { kind: 'silence'; ms: number };

export type RandomSpec = { int: [number, number] } | { word: number } | { choice: string[] };

export type ScriptStep = (
  | { do: 'connect'; client: string; framing: Framing; allowHalfOpen: boolean }
  | { do: 'socket'; client: string }
  | { do: 'send'; client: string; data: DataSpec }
  | { do: 'expect'; client: string; expect: Expectation; withinMs?: number; points?: number; feedback?: string }
  | { do: 'wait'; ms: number }
  | { do: 'close'; client: string }
  | { do: 'half-close'; client: string }
  | { do: 'set'; values: Record<string, string> }
  | { do: 'random'; name: string; spec: RandomSpec }
) & {
  /** The line in the teacher's file, for our own diagnostics. */
  line?: number;
};

export interface CompiledScript {
  steps: ScriptStep[];
}

/** Test params of a scripted test: `{check: 'script', script}`. */
export const SCRIPT_CHECK = 'script';

/** The suite id of a scripted assignment of this role and transport. */
export function scriptedSuiteId(role: 'server' | 'client', transport: 'tcp' | 'udp'): string {
  return `scripted-${transport}-${role}`;
}

/** A step of the mock server's script, run once per connection of the student's client. */
export type ServerStep = (
  | { do: 'send'; data: DataSpec }
  | { do: 'expect'; expect: Expectation; withinMs?: number; feedback?: string }
  /** Reads one message; the first pattern it matches picks the answer (named groups fill `${…}` in it). */
  | { do: 'reply'; table: ReplyRule[]; withinMs?: number; feedback?: string }
  | { do: 'wait'; ms: number }
  | { do: 'close' }
) & { line?: number };

export interface ReplyRule {
  pattern: string;
  flags: string;
  send: DataSpec;
}

/** A client test (`role: client`): our mock server's script, what we type, what the program must print. */
export interface CompiledClientScript {
  framing: Framing;
  server: ServerStep[];
  /** argv after the host and port we pass. */
  args: string[];
  stdin?: string;
  /** About the program's whole stdout (text/line/regex/number/json). */
  stdout?: Expectation;
  exitCode?: number;
}
