import { spawn } from 'node:child_process';
import { basename, join, resolve, sep } from 'node:path';
import { formatBytes } from '../../grader/submission-files.js';
import { PayloadTooLargeError } from '../errors.js';
import { readCapped } from '../upload/capped-read.js';
import { readArchive } from '../upload/read-archive.js';
import type { UploadLimits } from '../upload/submission-upload.js';
import { gitEnv } from './student-repositories.js';

/** A commit, as a pre-receive hook's stdin names it. */
const COMMIT_ID = /^[0-9a-f]{40,64}$/;

/**
 * Where a pre-receive hook's pushed objects wait until the push is accepted (git ≥ 2.13:
 * `objects/tmp_objdir-incoming-*`). The hook tells us; we believe it only inside this
 * repository's `objects/`.
 */
function quarantineEnv(gitDir: string, quarantine: string | null): Record<string, string> {
  if (quarantine === null) return {};
  const objects = join(gitDir, 'objects');
  const path = resolve(quarantine);
  if (!path.startsWith(`${objects}${sep}`) || !basename(path).startsWith('tmp_objdir-incoming-') || path.slice(objects.length + 1).includes(sep)) {
    throw new Error(`the hook named ${JSON.stringify(quarantine)} as its quarantine, outside ${objects}`);
  }
  return { GIT_OBJECT_DIRECTORY: path, GIT_ALTERNATE_OBJECT_DIRECTORIES: objects };
}

/**
 * The files of a pushed commit, by name, under the rules and limits of an archive upload
 * (web/upload): `git archive` writes the tree as a tar, which the upload's reader checks
 * entry by entry (safe names, regular files only: a symlink is refused naming it; clutter
 * dropped; one common top folder stripped; the caps), so a push and an upload of the same
 * folder hand in the same files. The tar is read no further than the caps allow.
 */
export async function readPushedTree(
  gitDir: string,
  commit: string,
  quarantine: string | null,
  limits: UploadLimits,
  signal: AbortSignal,
): Promise<Map<string, Buffer>> {
  if (!COMMIT_ID.test(commit)) throw new Error(`not a commit id: ${commit}`);
  const env = gitEnv(gitDir, { GIT_DIR: gitDir, ...quarantineEnv(gitDir, quarantine) });
  const child = spawn('git', ['archive', '--format=tar', commit], { env, stdio: ['ignore', 'pipe', 'pipe'], signal, timeout: 30_000 });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  child.on('error', () => {}); // reported by the exit code below
  const tar = await readCapped(child.stdout, (total) => {
    if (total > limits.maxArchiveBytes) {
      throw new PayloadTooLargeError(
        `The files of your push are more than ${formatBytes(limits.maxArchiveBytes)}; at most ${formatBytes(limits.maxTotalBytes)} of source files are accepted. Commit only your source files (no data, videos or build output).`,
      );
    }
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const code = await exited;
  if (code !== 0) throw new Error(`git archive ${commit} failed (${code}): ${stderr.trim()}`);
  return readArchive(tar, limits);
}
