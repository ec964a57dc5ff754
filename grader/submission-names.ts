/**
 * Checks on the names of uploaded files, shared by the API (on upload) and the worker
 * (on pick-up): an upload names files by path, and a path is where zip-slip lives.
 */

/**
 * Longest accepted file or folder name, in UTF-8 bytes: Linux file systems (ext4, overlayfs,
 * tmpfs) stop at 255 bytes per path component, not 255 characters (issue #12: 130 × `é`
 * is 260 bytes, passed a character count and failed only when copied into the pod).
 */
export const MAX_NAME_BYTES = 255;

/** Longest accepted path, in UTF-8 bytes: well under Linux's PATH_MAX (4096) below `/submission/`. */
export const MAX_PATH_BYTES = 1024;

/**
 * Why `name` cannot be a file of a submission, in words for the student; null when it
 * is fine. Accepted: relative paths with `/` between folders (`lib/kodierung.py`).
 */
export function submissionNameProblem(name: string): string | null {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  if (name.length === 0) return 'A file has an empty name.';
  const pathBytes = Buffer.byteLength(name, 'utf8');
  if (pathBytes > MAX_PATH_BYTES) return `The file name ${shown} is ${pathBytes} bytes long; a path may have at most ${MAX_PATH_BYTES} bytes (UTF-8).`;
  // Control characters (NUL above all) end a name early in C code and hide in listings.
  if (/[\u0000-\u001f\u007f]/.test(name)) return `The file name ${shown} contains a control character.`;
  if (name.includes('\\')) return `The file name ${shown} contains a backslash; use \`/\` between folders.`;
  if (name.startsWith('/')) return `The file name ${shown} is an absolute path; name files relative to your submission.`;
  if (/^[A-Za-z]:/.test(name)) return `The file name ${shown} starts with a drive letter; name files relative to your submission.`;
  const parts = name.split('/');
  if (parts.includes('..')) return `The file name ${shown} contains \`..\`; files must stay inside your submission.`;
  if (parts.some((part) => part === '' || part === '.')) return `The file name ${shown} has an empty or \`.\` folder.`;
  // Bytes, not characters: a letter like `é` takes two bytes in UTF-8, `✓` three.
  const longAt = parts.findIndex((part) => Buffer.byteLength(part, 'utf8') > MAX_NAME_BYTES);
  if (longAt >= 0) {
    const long = parts[longAt]!;
    const what = longAt === parts.length - 1 ? 'its name' : `the folder ${JSON.stringify(`${long.slice(0, 40)}…`)}`;
    return `The file name ${shown} is too long: ${what} has ${Buffer.byteLength(long, 'utf8')} bytes (UTF-8), at most ${MAX_NAME_BYTES} are allowed. Use a shorter name.`;
  }
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
