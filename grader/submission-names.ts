/**
 * Checks on the names of uploaded files, shared by the API (on upload) and the worker
 * (on pick-up): an upload names files by path, and a path is where zip-slip lives.
 */

/** Longest accepted path, in characters; most file systems stop at 255 bytes per name. */
export const MAX_NAME_LENGTH = 255;

/**
 * Why `name` cannot be a file of a submission, in words for the student; null when it
 * is fine. Accepted: relative paths with `/` between folders (`lib/kodierung.py`).
 */
export function submissionNameProblem(name: string): string | null {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  if (name.length === 0) return 'A file has an empty name.';
  if (name.length > MAX_NAME_LENGTH) return `The file name ${shown} is longer than ${MAX_NAME_LENGTH} characters.`;
  // Control characters (NUL above all) end a name early in C code and hide in listings.
  if (/[\u0000-\u001f\u007f]/.test(name)) return `The file name ${shown} contains a control character.`;
  if (name.includes('\\')) return `The file name ${shown} contains a backslash; use \`/\` between folders.`;
  if (name.startsWith('/')) return `The file name ${shown} is an absolute path; name files relative to your submission.`;
  if (/^[A-Za-z]:/.test(name)) return `The file name ${shown} starts with a drive letter; name files relative to your submission.`;
  const parts = name.split('/');
  if (parts.includes('..')) return `The file name ${shown} contains \`..\`; files must stay inside your submission.`;
  if (parts.some((part) => part === '' || part === '.')) return `The file name ${shown} has an empty or \`.\` folder.`;
  // Files travel as JSON object keys; this one would become a prototype, not a file.
  if (parts.includes('__proto__')) return `The file name ${shown} is not allowed.`;
  return null;
}

/**
 * The first problem of a set of names, also catching a file that is at the same time a
 * folder of another (`a.py` and `a.py/b.py`): the archive could not hold both.
 */
export function submissionNamesProblem(names: readonly string[]): string | null {
  for (const name of names) {
    const problem = submissionNameProblem(name);
    if (problem) return problem;
  }
  const files = new Set(names);
  for (const name of names) {
    const parts = name.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (files.has(folder)) return `\`${folder}\` is both a file and a folder in your submission.`;
    }
  }
  return null;
}
