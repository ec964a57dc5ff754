import { gzipSync } from 'node:zlib';
import { packSubmission } from '../../sandbox/submission-archive.js';
import { DEFAULT_SUBMISSION_LIMITS, readSubmissionDir, type SubmissionLimits } from '../../submission-files.js';
import { submissionNamesProblem } from '../../submission-names.js';

/**
 * What a student's folder holds besides their work: version control, caches, virtual
 * environments, editor settings. Left out of the upload, so a `.venv` does not push it
 * over the size limit.
 */
const LEFT_OUT = new Set(['.git', '.hg', '.svn', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.venv', 'venv', 'node_modules', '.idea', '.vscode', '.DS_Store', 'Thumbs.db']);

export function leftOutOfUpload(name: string): boolean {
  return LEFT_OUT.has(name) || name.endsWith('.pyc');
}

/** The folder as a .tar.gz to upload, or why it cannot be one (in words for the student). */
export async function packFolder(dir: string, limits: SubmissionLimits = DEFAULT_SUBMISSION_LIMITS): Promise<{ archive: Buffer; files: string[] } | { problem: string }> {
  const files = await readSubmissionDir(dir, limits, leftOutOfUpload);
  if ('problem' in files) return files;
  if (files.size === 0) return { problem: `There are no files to submit in ${dir}.` };
  // The service checks names again; saying it here spares an upload.
  const nameProblem = submissionNamesProblem([...files.keys()]);
  if (nameProblem) return { problem: nameProblem };
  // The same tar the sandbox gets (plain files, 0644), gzipped for the upload.
  return { archive: gzipSync(await packSubmission(files)), files: [...files.keys()].sort() };
}
