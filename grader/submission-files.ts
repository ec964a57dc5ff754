import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Bounds on what one submission may contain. */
export interface SubmissionLimits {
  maxFiles: number;
  maxTotalBytes: number;
}

export const DEFAULT_SUBMISSION_LIMITS: SubmissionLimits = { maxFiles: 200, maxTotalBytes: 1024 * 1024 };

/** Files keyed by their path relative to the submission root, always with `/`. */
export type SubmissionFiles = Map<string, Buffer>;

/** Why a submission cannot be graded, in words for the student. Not an exception: it becomes the verdict. */
export type SubmissionProblem = { problem: string };

function isSkippedByDefault(name: string): boolean {
  return name === '__pycache__' || name === '.git' || name === '.DS_Store';
}

/**
 * Reads a submission folder. Symlinks, devices and other non-regular files are refused
 * (a symlink could point at the grader's own files); caches like `__pycache__` and
 * `.git` are skipped.
 */
export async function readSubmissionDir(
  root: string,
  limits: SubmissionLimits = DEFAULT_SUBMISSION_LIMITS,
  /** Names (of a file or folder, at any depth) left out. @defaultValue `__pycache__`, `.git`, `.DS_Store` */
  skip: (name: string) => boolean = isSkippedByDefault,
): Promise<SubmissionFiles | SubmissionProblem> {
  const files: SubmissionFiles = new Map();
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (skip(entry.name)) continue;
      const info = await lstat(path);
      if (info.isSymbolicLink()) return { problem: `\`${name}\` is a symbolic link; submit the file itself.` };
      if (info.isDirectory()) {
        pending.push(path);
        continue;
      }
      if (!info.isFile()) return { problem: `\`${name}\` is not a regular file.` };
      total += info.size;
      if (files.size + 1 > limits.maxFiles) return { problem: `Your submission has more than ${limits.maxFiles} files.` };
      if (total > limits.maxTotalBytes) {
        return { problem: `Your submission is larger than ${formatBytes(limits.maxTotalBytes)}; submit only your source files.` };
      }
      files.set(name, await readFile(path));
    }
  }
  return files;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
