/**
 * Explaining to a student how their program ended: exit code, memory, time, the tail of
 * its error output, and what the usual Python errors mean in this course.
 */
import type { StudentRunResult } from '../peer/protocol.js';
import { formatDuration } from './deadline.js';

export interface ExitReportOptions {
  /** "server" or "client": how we name the program. */
  what: 'server' | 'client' | 'program';
  /** Appended to "Your server exited with code 1", e.g. "before it opened a socket". */
  when?: string;
  /** The submission's entry file, for "we could not find `server.py`". */
  entry?: string;
  memoryBytes?: number;
  pids?: number;
  /** The kill timeout of the run, for "still running after 10 s". */
  timeoutMs?: number;
}

/** One paragraph: how it ended, the tail of stderr in a code block, and hints. */
export function describeExit(result: StudentRunResult, options: ExitReportOptions): string {
  const parts = [howItEnded(result, options)];
  const tail = stderrTail(result);
  if (tail) parts.push(`Its error output ended with:\n\`\`\`\n${tail}\n\`\`\``);
  parts.push(...pythonHints(result, options));
  return parts.join('\n\n');
}

export function howItEnded(result: StudentRunResult, options: ExitReportOptions): string {
  const subject = `Your ${options.what}`;
  const when = options.when ? ` ${options.when}` : '';
  if (result.startError !== undefined) return `We could not start your ${options.what}: ${result.startError}.`;
  if (result.oomKilled) {
    const limit = options.memoryBytes ? ` (${Math.round(options.memoryBytes / 1024 / 1024)} MiB)` : '';
    return `${subject} was stopped${when} because it used more memory than allowed${limit}.`;
  }
  if (result.timedOut) {
    const after = options.timeoutMs ? ` after ${formatDuration(options.timeoutMs)}` : '';
    return `${subject} was still running${after}, so we stopped it.`;
  }
  if (result.stopped) return `${subject} was stopped by us at the end of the run.`;
  if (result.exitCode === null) return `${subject} ended${when} without an exit code.`;
  if (result.exitCode > 128) {
    const signal = result.exitCode - 128;
    const name = signal === 9 ? ' (SIGKILL)' : signal === 15 ? ' (SIGTERM)' : signal === 11 ? ' (SIGSEGV)' : '';
    return `${subject} was killed by signal ${signal}${name}${when}.`;
  }
  return `${subject} exited with code ${result.exitCode}${when}.`;
}

/** The last lines of stderr (a Python traceback ends with the line that matters). */
export function stderrTail(result: Pick<StudentRunResult, 'stderr'>, maxLines = 12, maxChars = 1500): string | null {
  const lines = result.stderr.replace(/\s+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return null;
  let tail = lines.slice(-maxLines).join('\n');
  if (tail.length > maxChars) tail = `…${tail.slice(-maxChars)}`;
  return lines.length > maxLines ? `…\n${tail}` : tail;
}

/** The last line of a Python traceback, e.g. `UnicodeDecodeError: 'utf-8' codec can't decode…`. */
export function pythonErrorLine(stderr: string): string | null {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] as string;
    if (/^[A-Za-z_.]*(Error|Exception|Interrupt|Exit)\b.*$/.test(line) || /^[A-Za-z_.]+Error:/.test(line)) return line;
  }
  return null;
}

/** Hints for the Python errors students of this course actually hit. */
export function pythonHints(result: Pick<StudentRunResult, 'stderr' | 'oomKilled' | 'startError'>, options: ExitReportOptions): string[] {
  const stderr = result.stderr;
  const hints: string[] = [];
  const entry = options.entry ? `\`${options.entry}\`` : 'your main file';
  if (/can't open file .*\[Errno 2\]/.test(stderr) || /No such file or directory/.test(result.startError ?? '')) {
    hints.push(`We could not find ${entry} in your submission. The file must have exactly this name (mind upper/lower case) and must not be inside a folder.`);
  }
  if (/\b(SyntaxError|IndentationError|TabError)\b/.test(stderr)) {
    hints.push('Python could not even read your file: there is a syntax error. The error output above names the line; look there and just above it.');
  }
  if (/No module named '?kodierung'?/.test(stderr)) {
    hints.push('Your program imports `kodierung`, but that module is not part of your submission. Copy `string2bytes` and `bytes2string` into your file, or hand in `kodierung.py` as well.');
  } else if (/ModuleNotFoundError/.test(stderr)) {
    hints.push('Your program imports a module that is not available here: only the Python standard library is installed.');
  }
  if (/UnicodeDecodeError/.test(stderr)) hints.push(decodeErrorHint(stderr));
  if (/Errno 98|Address already in use/.test(stderr)) {
    hints.push('The port you tried to bind is already taken. Bind port 0 (the system picks a free one) or exactly the port the exercise names.');
  }
  if (/Errno 99|Cannot assign requested address/.test(stderr)) {
    hints.push("You bound an address this machine does not have. Use `socket.gethostbyname(socket.gethostname())`, `'127.0.0.1'` or `''`.");
  }
  if (/can't (start|create) new thread/.test(stderr)) {
    // RuntimeError from threading when the pids limit is hit (issue #13): threads count too.
    hints.push(
      `Your program could not start another thread: it hit the limit of processes and threads${options.pids ? ` (${options.pids} in all)` : ''}. Threads that never end pile up: let each client's thread end when its client has gone (leave the loop when \`recv()\` returns \`b''\`), and do not start threads in a loop that does not wait for anything.`,
    );
  } else if (/BlockingIOError|Resource temporarily unavailable/.test(stderr) && /fork|Thread|start_new_thread/.test(stderr)) {
    hints.push(`Your program tried to start more processes or threads than allowed${options.pids ? ` (${options.pids})` : ''}.`);
  }
  if (/MemoryError/.test(stderr) && !result.oomKilled) hints.push('Your program ran out of memory.');
  if (/ConnectionRefusedError/.test(stderr)) {
    hints.push('Nobody was listening where your program connected to. Take the host and port from the command line (`sys.argv[1]`, `int(sys.argv[2])`).');
  }
  if (/socket\.gaierror|Name or service not known/.test(stderr)) {
    hints.push('A host name could not be resolved. Use the host from the command line (`sys.argv[1]`).');
  }
  if (/EOFError/.test(stderr)) {
    hints.push('`input()` found no more input: your program read more lines from stdin than we gave it (we send exactly one line).');
  }
  return hints;
}

/**
 * `UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3`: the bytes may be perfectly
 * good UTF-8 and the program's codec the problem (issue #13: an ASCII-decoding client was
 * told the server's bytes were invalid). Only the `utf-8` codec means invalid UTF-8.
 */
function decodeErrorHint(stderr: string): string {
  const codec = /UnicodeDecodeError: '([\w-]+)' codec/.exec(stderr)?.[1]?.toLowerCase() ?? null;
  if (codec !== null && codec.replace(/[-_]/g, '') !== 'utf8') {
    return `Your program decoded the bytes with the \`${codec}\` codec (\`UnicodeDecodeError\`), which cannot read all of them: ${codec === 'ascii' ? 'ASCII knows only 128 characters, no `ä`, `ö` or `€`. ' : ''}The bytes themselves are UTF-8 (\`ä\` is the two bytes \`c3 a4\`). Decode with UTF-8: \`bytes2string(daten)\` or \`daten.decode("utf-8")\`.`;
  }
  return 'Your program crashed on bytes that are not valid UTF-8 (`UnicodeDecodeError`): `bytes2string()` / `.decode()` cannot turn every byte sequence into text.';
}
