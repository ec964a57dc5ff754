import type { Submission, User } from '../store/index.js';
import { handIn, type HandInDeps } from '../submissions/hand-in.js';

/** Same names, same bytes. */
function sameFiles(a: Record<string, string>, b: Record<string, string> | undefined): boolean {
  if (!b) return false;
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

export type TreeHandIn = { submission: Submission } | { unchangedSince: string };

/**
 * A commit's files handed in (a `git push`, a push webhook: issue #10): nothing when they
 * are exactly the files of the student's latest submission of the assignment (a commit
 * that changed only history, or nothing), else through the API's own path.
 */
export async function handInTree(deps: HandInDeps, user: User, assignmentId: string, tree: Map<string, Buffer>): Promise<TreeHandIn> {
  const files = Object.fromEntries([...tree].map(([name, bytes]) => [name, bytes.toString('base64')]));
  const latest = deps.store.submissions.list({ userId: user.id, assignmentId, limit: 1 })[0];
  if (latest && sameFiles(files, deps.store.submissions.files(latest.id))) return { unchangedSince: latest.id };
  return { submission: await handIn(deps, user, assignmentId, files) };
}
