import type { ZodIssue } from 'zod';

/**
 * Zod's issues in words for a teacher editing a YAML file: what is wrong at which path
 * and what to write instead. The schema words its own range checks; this words the
 * rest (missing, wrong kind, unknown field, not one of the choices).
 */

export type IssuePath = readonly (string | number)[];

/** `tests[1].id`; the empty path (the whole file) as ``. */
export function formatPath(path: IssuePath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** One issue as `{path, message}`; an unknown-keys issue becomes one per key. `fields`: the file kind's fields (did-you-mean). */
export function describeIssue(issue: ZodIssue, fields: Record<string, readonly string[]> = FIELDS): { path: IssuePath; message: string }[] {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return [{ path: issue.path, message: missingMessage(issue.path) }];
      // The schema's own words (`int('must be a whole number of milliseconds')`) say it better.
      if (!issue.message.startsWith('Expected ')) return [{ path: issue.path, message: issue.message }];
      return [{ path: issue.path, message: `must be ${KINDS[issue.expected] ?? issue.expected}, not ${RECEIVED[issue.received] ?? issue.received}` }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...issue.path, key], message: unknownKeyMessage(key, issue.path, fields) }));
    case 'invalid_enum_value':
      return [{ path: issue.path, message: choiceMessage(String(issue.received), issue.options.map(String)) }];
    case 'invalid_union':
      return unionMessages(issue, fields);
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a mapping (`key: value` lines, indented under it)',
  array: 'a list (lines starting with `- `)',
};

const RECEIVED: Record<string, string> = {
  ...KINDS,
  float: 'a number with a fraction',
  null: 'empty (null)',
  date: 'a date object (quote the date to keep it text)',
};

/** Fields of each object in the file, by the path of the object with list indices dropped. */
export const FIELDS: Record<string, readonly string[]> = {
  '': ['id', 'basedOn', 'openBase', 'title', 'summary', 'description', 'entry', 'runtime', 'params', 'tests', 'limits', 'visibility', 'deadline', 'late', 'budget'],
  description: ['en', 'de'],
  tests: ['id', 'from', 'name', 'points', 'params', 'visibility'],
  limits: ['startupMs', 'testMs', 'clientRunMs', 'runMs'],
  late: ['policy', 'penaltyPercentPerDay', 'maxDaysLate'],
  budget: ['submissions', 'perHours'],
};

const MISSING: Record<string, string> = {
  id: 'give the assignment an id of lowercase letters, digits and dashes, e.g. `id: echo-ws2026`',
  basedOn: 'name the built-in assignment whose checks grade this one, e.g. `basedOn: echo-tcp-server`',
  title: 'give the assignment a title students see, e.g. `title: Echo server (WS 2026)`',
  'tests.id': 'name the test of the base assignment, e.g. `- id: short-ascii`',
  'late.policy': 'write `policy: accept`, `policy: reject` or `policy: penalty`',
  'budget.submissions': 'say how many submissions a student may make, e.g. `submissions: 5`',
  'budget.perHours': 'say in how many hours, e.g. `perHours: 1`',
};

const objectKey = (path: IssuePath) => path.filter((part) => typeof part === 'string').join('.');

function missingMessage(path: IssuePath): string {
  const hint = MISSING[objectKey(path)];
  return hint ? `is missing: ${hint}` : 'is missing';
}

function unknownKeyMessage(key: string, objectPath: IssuePath, known: Record<string, readonly string[]>): string {
  const fields = known[objectKey(objectPath)] ?? [];
  const where = objectPath.length === 0 ? 'an assignment file' : `\`${formatPath(objectPath)}\``;
  const guess = closest(key, fields);
  return `\`${key}\` is not a field of ${where}${guess ? `; did you mean \`${guess}\`?` : '.'} The fields are: ${fields.join(', ')}`;
}

export function choiceMessage(received: string, options: readonly string[]): string {
  const guess = closest(received, options);
  return `\`${received}\` is not one of ${options.map((o) => `\`${o}\``).join(', ')}${guess ? `; did you mean \`${guess}\`?` : ''}`;
}

/** `description` is the one union: Markdown text, or a mapping of languages. */
function unionMessages(issue: Extract<ZodIssue, { code: 'invalid_union' }>, fields: Record<string, readonly string[]>): { path: IssuePath; message: string }[] {
  // The branch that got furthest explains best: for a mapping that is the mapping's own problems.
  const deeper = issue.unionErrors.flatMap((error) => error.issues).filter((inner) => inner.code !== 'invalid_type' || inner.path.length > issue.path.length);
  if (deeper.length > 0) return deeper.flatMap((inner) => describeIssue(inner, fields));
  return [{ path: issue.path, message: 'must be Markdown text, or a mapping with `en:` and `de:` texts' }];
}

/** The closest option within two edits of `word` (a typo); none for short words, where two edits make anything. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.ceil(word.length / 2));
  for (const option of options) {
    const distance = editDistance(word.toLowerCase(), option.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [option, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
