/**
 * Text a student's program influenced (feedback quoting its bytes, transcript text, its
 * stdout and stderr) printed to a terminal: every control character is shown escaped,
 * never interpreted. Without this, `\x1b[2J` clears the teacher's screen, a carriage
 * return overwrites the line before it, and a forged table reading "100/100" can be
 * drawn over the real one; OSC sequences set the window title or plant hyperlinks
 * (issue #13). `--json` needs none of this: JSON.stringify escapes controls already.
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls (a lone `\x9b` is CSI on some
 * terminals), and the Unicode bidirectional overrides and isolates, which reorder how a
 * line reads without changing its bytes ("Trojan Source", CVE-2021-42574).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\r': '\\r', '\u001b': '\\x1b', '\u0000': '\\0', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** For text printed as lines: newlines and tabs stay, every other control is escaped. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** For text printed inside one line (a quoted transcript message): newlines and tabs are escaped too. */
export function terminalSafeInline(text: string): string {
  return terminalSafe(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
