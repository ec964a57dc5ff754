/**
 * The feedback for a submission without its entry file (issue #13): the files we did find,
 * with control characters shown escaped (a name is the student's text, and must not move a
 * terminal's cursor), and a hint when the entry is there under another case (`Server.py`)
 * or inside a folder.
 */
import { escapeText } from '../checks/lib/bytes-text.js';
import { acceptedEntries, RUNTIME_IDS, RUNTIMES } from '../checks/runtimes.js';
import type { AssignmentDefinition } from '../checks/types.js';

/** At most this many names are listed; a huge archive must not make a huge feedback. */
const MAX_LISTED = 20;

export function missingEntryMessage(
  assignment: Pick<AssignmentDefinition, 'entry' | 'role' | 'otherRuntimes'>,
  fileNames: readonly string[],
): string {
  const what = assignment.role === 'server' ? 'server' : 'client';
  const shown = fileNames.slice(0, MAX_LISTED).map(quoteName);
  const more = fileNames.length > MAX_LISTED ? ` and ${fileNames.length - MAX_LISTED} more` : '';
  const list = fileNames.length ? `Files found: ${shown.join(', ')}${more}.` : 'The submission is empty.';
  const accepted = acceptedEntries(assignment);
  const hint = accepted.map((entry) => entryNameHint(entry, fileNames)).find((found) => found !== null);
  const names = orList(accepted.map((entry) => `\`${entry}\``));
  // With several languages, each name says which one it is (issue #14).
  const named = accepted.length === 1 ? names : orList(accepted.map((entry) => `\`${entry}\` (${languageOf(assignment, entry)})`));
  return `Your submission has no ${names}, so there was no ${what} to test. ${list}${hint ? ` ${hint}` : ''} Name your ${what} program ${named} and submit it at the top level.`;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function languageOf(assignment: Pick<AssignmentDefinition, 'role' | 'otherRuntimes'>, entry: string): string {
  const id = RUNTIME_IDS.find((runtime) => RUNTIMES[runtime].entries[assignment.role] === entry);
  return id ? RUNTIMES[id].name : 'your language';
}

/** Why the entry was not found although something like it is there; null when nothing is. */
export function entryNameHint(entry: string, fileNames: readonly string[]): string | null {
  const wanted = entry.toLowerCase();
  const otherCase = fileNames.find((name) => name !== entry && name.toLowerCase() === wanted);
  if (otherCase) {
    return `${quoteName(otherCase)} differs from \`${entry}\` only in upper/lower case: file names are case-sensitive here (unlike on Windows or macOS), so rename it to \`${entry}\`.`;
  }
  const nested = fileNames.find((name) => name.split('/').pop()?.toLowerCase() === wanted);
  if (nested) return `${quoteName(nested)} is inside a folder: put \`${entry}\` at the top level of your submission, not in a folder.`;
  return null;
}

/** A file name in backticks, control and invisible characters escaped (`\x1b`, `\n`). */
export function quoteName(name: string): string {
  return `\`${escapeText(name).replaceAll('`', "'")}\``;
}
