import { randomBytes } from 'node:crypto';

/** A roster is a class list, not a database dump. */
export const MAX_ROSTER_LINES = 2000;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

/** One line of a roster that would create a student. */
export interface RosterEntry {
  line: number;
  name: string;
  /** From the file, or generated (then shown once in the answer). */
  password: string;
  generated: boolean;
}

/** What is wrong with one line, by its 1-based number in the text. */
export interface RosterProblem {
  line: number;
  name: string | null;
  message: string;
}

export interface RosterCheck {
  entries: RosterEntry[];
  problems: RosterProblem[];
}

export interface RosterRules {
  /** The first problem with a name, or null when it is a good user name. */
  nameProblem(name: string): string | null;
  /** Whether a user of that name exists already (names compare case-insensitively). */
  exists(name: string): boolean;
}

/** 16 characters of base64url: 96 random bits, easy to read out to a student. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * One CSV line's fields (RFC 4180): commas separate, a field in double quotes may hold
 * commas and `""` for a quote. Null for an unterminated quote.
 */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i += 2;
      continue;
    }
    if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
    i += 1;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

const HEADER = /^\s*"?name"?\s*(,\s*"?password"?\s*)?$/i;

/**
 * Reads a roster: `name[,password]` per line, an optional `name,password` header, blank
 * lines skipped. Every line is checked (bad name, duplicate in the file, existing user,
 * short password) so a teacher fixes all at once; a missing password is generated.
 */
export function checkRoster(csv: string, rules: RosterRules): RosterCheck {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const entries: RosterEntry[] = [];
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  const counted = lines.filter((line) => line.trim() !== '').length;
  if (counted > MAX_ROSTER_LINES) {
    return { entries: [], problems: [{ line: MAX_ROSTER_LINES + 1, name: null, message: `a roster may have at most ${MAX_ROSTER_LINES} lines; split it` }] };
  }
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    if (entries.length === 0 && problems.length === 0 && HEADER.test(text)) return;
    const fields = csvFields(text);
    if (fields === null) return void problems.push({ line, name: null, message: 'a quote (`"`) is not closed' });
    if (fields.length > 2) return void problems.push({ line, name: fields[0]!.trim(), message: `has ${fields.length} fields; write \`name\` or \`name,password\`` });
    const name = fields[0]!.trim();
    const password = fields[1] ?? '';
    if (name === '') return void problems.push({ line, name, message: 'the name is empty' });
    const nameProblem = rules.nameProblem(name);
    if (nameProblem !== null) return void problems.push({ line, name, message: `\`${name}\` is not a valid name: ${nameProblem}` });
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) return void problems.push({ line, name, message: `\`${name}\` is already on line ${earlier}` });
    seen.set(key, line);
    if (rules.exists(name)) return void problems.push({ line, name, message: `there is already a user \`${name}\`` });
    if (password !== '' && password.length < MIN_PASSWORD_LENGTH) {
      return void problems.push({ line, name, message: `the password is ${password.length} characters; use at least ${MIN_PASSWORD_LENGTH}, or leave it empty to have one generated` });
    }
    if (password.length > MAX_PASSWORD_LENGTH) return void problems.push({ line, name, message: `the password is longer than ${MAX_PASSWORD_LENGTH} characters` });
    entries.push({ line, name, password: password || generatePassword(), generated: password === '' });
  });
  if (entries.length === 0 && problems.length === 0) problems.push({ line: 1, name: null, message: 'the roster holds no names; write one `name[,password]` per line' });
  return { entries, problems };
}
