/**
 * Judging how a client ended in an error situation: within the time limit, without a
 * traceback, with a non-zero exit code, and with a message that names the problem.
 * The wording weighs least: a clear message in other words still earns most points.
 */
import { formatDuration } from '../lib/deadline.js';
import { pythonErrorLine } from '../lib/exit-report.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { TestStatus } from '../types.js';
import type { Situation } from './error-situations.js';

export interface ErrorRunView {
  situation: Situation;
  transport: 'tcp' | 'udp';
  run: StudentRunResult;
  /** The client's kill timeout. */
  timeoutMs: number;
  /** What our side saw ("Nobody listened on …"). */
  setting: string;
  /** Did the client reach our server? Null where nobody listens. */
  contacted: boolean | null;
}

export interface ErrorFinding {
  status: TestStatus;
  feedback: string;
  fraction: number;
}

/** Shares of the points when the client ended by itself without a traceback. */
export const WEIGHTS = Object.freeze({ exitCode: 0.4, message: 0.4, wording: 0.2 });

const TIMEOUT_WORDS = /time ?out|timed out|zeitüberschreitung|zeitlimit|keine antwort|no answer|no reply|no response|not respond|antwortet nicht|nicht geantwortet|zu lange|too long|wartezeit|nichts empfangen|nothing received/i;

const WORDS: Record<Situation, RegExp> = {
  'no-server':
    /refused|verweigert|abgelehnt|abgewiesen|zurückgewiesen|nicht erreichbar|unreachable|not reachable|kein(en)? server|no server|nicht verbunden|not connect|cannot connect|could not connect|couldn't connect|can't connect|keine verbindung|verbindung (ist )?(fehlgeschlagen|nicht möglich|gescheitert)|connection failed|errno:? ?111|fehlernummer:? ?111|läuft nicht|not running|nicht gestartet|nicht erreicht/i,
  'silent-server': TIMEOUT_WORDS,
  'closing-server': /closed|geschlossen|beendet|getrennt|abgebrochen|reset|zurückgesetzt|no data|keine daten|leer|empty|disconnect|hung up|aufgelegt|verloren|lost|keine antwort|no answer|no reply/i,
};

const EXAMPLES: Record<Situation, string> = {
  'no-server': '„refused“, „abgelehnt“, „nicht erreichbar“, „kein Server“',
  'silent-server': '„timeout“, „Zeitüberschreitung“, „keine Antwort“',
  'closing-server': '„closed“, „geschlossen“, „getrennt“, „keine Daten“',
};

const SAMPLE_MESSAGES: Record<Situation, string> = {
  'no-server': 'Fehler: keine Verbindung zum Server (abgelehnt)',
  'silent-server': 'Fehler: der Server antwortet nicht (Zeitüberschreitung)',
  'closing-server': 'Fehler: der Server hat die Verbindung ohne Antwort geschlossen',
};

const TRACEBACK = /Traceback \(most recent call last\)/;

export function hasTraceback(run: Pick<StudentRunResult, 'stdout' | 'stderr'>): boolean {
  return TRACEBACK.test(run.stderr) || TRACEBACK.test(run.stdout);
}

/** Does `output` name the problem of `situation`? For UDP nobody may tell the client that nobody listens, so a timeout counts too. */
export function namesProblem(situation: Situation, transport: 'tcp' | 'udp', output: string): boolean {
  return WORDS[situation].test(output) || (situation === 'no-server' && transport === 'udp' && TIMEOUT_WORDS.test(output));
}

export function judgeErrorRun(view: ErrorRunView): ErrorFinding {
  const { run, situation } = view;
  if (run.startError !== undefined) return { status: 'failed', fraction: 0, feedback: `We could not start your client: ${run.startError}.` };
  if (run.timedOut) return { status: 'timeout', fraction: 0, feedback: `${view.setting} Your client was still running after ${formatDuration(view.timeoutMs)}, so we stopped it.\n\n${hangHint(view)}` };
  if (view.contacted === false) {
    return {
      status: 'failed',
      fraction: 0,
      feedback: `${view.setting} Your client ended after ${run.durationMs} ms without ever ${view.transport === 'tcp' ? 'connecting to' : 'sending anything to'} it, so this test shows nothing about its error handling. Take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\`.${shown(run)}`,
    };
  }
  const ended = `${view.setting} Your client ended after ${run.durationMs} ms with exit code ${run.exitCode ?? 'none'}`;
  if (hasTraceback(run)) {
    const line = pythonErrorLine(run.stderr) ?? pythonErrorLine(run.stdout);
    return {
      status: 'failed',
      fraction: 0,
      feedback: `${ended} and a traceback${line ? `: \`${line}\`` : ''}. That is a crash, not error handling: a user sees a wall of Python internals instead of what went wrong.${shown(run)}\n\n${tracebackHint(line ?? '', view)}`,
    };
  }
  const output = `${run.stdout}\n${run.stderr}`.trim();
  const exitOk = run.exitCode !== 0 && run.exitCode !== null;
  const message = output !== '';
  const wording = message && namesProblem(situation, view.transport, output);
  const fraction = (exitOk ? WEIGHTS.exitCode : 0) + (message ? WEIGHTS.message : 0) + (wording ? WEIGHTS.wording : 0);
  const problems: string[] = [];
  if (!exitOk) problems.push('Exit code 0 tells whoever started your program that all went well. After an error, end with `sys.exit(1)`.');
  if (!message) problems.push(`It printed nothing: say what went wrong, e.g. \`${SAMPLE_MESSAGES[situation]}\`.`);
  else if (!wording) problems.push(`Your message does not say what went wrong (we looked for words like ${EXAMPLES[situation]}). Name the problem, so the user knows what to do about it.`);
  if (problems.length === 0) return { status: 'passed', fraction: 1, feedback: `${ended} and the message:${block(output)}\n\nThat is how it should be: a clear message and a non-zero exit code.` };
  return { status: 'failed', fraction: Math.round(fraction * 100) / 100, feedback: `${ended}${message ? ' and the message:' : '.'}${message ? block(output) : ''}\n\n${problems.join(' ')}${closingHint(view, output)}` };
}

function hangHint(view: ErrorRunView): string {
  switch (view.situation) {
    case 'no-server':
      return view.transport === 'udp'
        ? 'When nobody listens, an unconnected UDP socket is never told: `recvfrom()` waits forever. Set a timeout before you wait (`client_socket.settimeout(2)`) and catch `socket.timeout`. (A UDP socket you `connect()` does hear of it: `recv()` raises `ConnectionRefusedError`.)'
        : 'Nobody listened, so `connect()` failed at once; your client must have kept trying, or waited for something else. Catch the error, print a message and end with `sys.exit(1)`.';
    case 'silent-server':
      return `Without a timeout, \`${view.transport === 'tcp' ? 'recv()' : 'recvfrom()'}\` waits forever for an answer that never comes. Set one before you wait (\`client_socket.settimeout(2)\`), catch \`socket.timeout\`, print a message and end with \`sys.exit(1)\`.`;
    default:
      return "Once the server has closed the connection, `recv()` returns `b''` at once, every time: a loop that waits for more never ends. Treat `b''` as \"the server closed the connection\".";
  }
}

function tracebackHint(line: string, view: ErrorRunView): string {
  if (/%[id] format: a (real )?number is required, not NoneType/.test(line)) {
    return '`err.errno` is `None` for a timeout (`socket.timeout`), so `"%i" % err.errno` fails inside your error handling. Catch `socket.timeout` in its own `except` before `except socket.error`, or print the number with `%s`.';
  }
  if (/^(socket\.timeout|TimeoutError)\b/.test(line)) return 'You set a timeout — good — but did not catch it: add `except socket.timeout:` with a message and `sys.exit(1)`.';
  const how =
    'Put the socket calls inside `try:` and handle the error in `except socket.error as err:` with a message and `sys.exit(1)`, as on the slide „Fehlerverarbeitung bei Sockets“.';
  if (/^(ConnectionRefusedError|ConnectionResetError|BrokenPipeError|ConnectionAbortedError|OSError)\b/.test(line)) return how;
  if (view.situation === 'closing-server') return `${how} And check what \`recv()\` returns: \`b''\` means the server closed the connection.`;
  return how;
}

function closingHint(view: ErrorRunView, output: string): string {
  if (view.situation !== 'closing-server' || output !== '' || view.run.exitCode !== 0) return '';
  return "\n\nIt looks like your client took the empty `b''` from `recv()` for an answer: `b''` means the server closed the connection without sending anything. Check for it: `if not daten: print(\"Server hat die Verbindung geschlossen\"); sys.exit(1)`.";
}

function shown(run: StudentRunResult): string {
  const output = `${run.stdout}\n${run.stderr}`.trim();
  return output === '' ? '' : `\n\nIts output:${block(output)}`;
}

function block(text: string, maxChars = 800): string {
  const trimmed = text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
  return `\n\`\`\`\n${trimmed}\n\`\`\``;
}
