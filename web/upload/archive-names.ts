/**
 * Names inside an archive as students' tools write them, and what we make of them
 * before the usual name checks (`grader/submission-names.ts`) run.
 */

/**
 * `./hw1/a.py` → `hw1/a.py`, `hw1/` → `hw1`: `tar -czf hw1.tgz .` writes every name
 * with `./`, and folders end in `/` in both tar and zip. `./` itself becomes `''`.
 */
export function normalizeEntryName(raw: string): string {
  let name = raw;
  while (name.startsWith('./')) name = name.slice(2);
  while (name.endsWith('/')) name = name.slice(0, -1);
  return name === '.' ? '' : name;
}

/**
 * Files that tools put into archives without the student knowing: macOS Finder's
 * `__MACOSX/`, `.DS_Store` and `._*` (AppleDouble, also written by macOS `tar`),
 * Python's byte code, Windows' thumbnail cache. Skipped, never graded.
 */
export function isJunkEntry(name: string): boolean {
  const parts = name.split('/');
  const base = parts[parts.length - 1] ?? '';
  return (
    parts[0] === '__MACOSX' ||
    parts.includes('__pycache__') ||
    base === '.DS_Store' ||
    base === 'Thumbs.db' ||
    base.startsWith('._') ||
    base.endsWith('.pyc')
  );
}

/**
 * The folder every file sits in, when there is exactly one (students zip their folder
 * `hw1/`, and the grader expects `server.py`, not `hw1/server.py`); null otherwise.
 */
export function commonTopFolder(names: readonly string[]): string | null {
  let top: string | null = null;
  for (const name of names) {
    const slash = name.indexOf('/');
    if (slash <= 0) return null;
    const folder = name.slice(0, slash);
    if (top !== null && folder !== top) return null;
    top = folder;
  }
  return top;
}
