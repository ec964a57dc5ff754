import type { AssignmentCatalog } from '../assignment-catalog.js';
import { ApiError } from '../errors.js';
import type { SubmissionEvents } from '../events/submission-events.js';
import type { Store, User } from '../store/index.js';
import type { HandInDeps } from '../submissions/hand-in.js';
import { followGrading } from './follow-grading.js';
import { handInTree } from './hand-in-tree.js';
import type { HookCall, HookHandler, HookReply, RefUpdate } from './hook-channel.js';
import { readPushedTree } from './read-pushed-tree.js';

/** The branches whose pushes are graded, in order of preference when one push updates both. */
export const GRADED_REFS = ['refs/heads/main', 'refs/heads/master'] as const;

const isDeletion = (update: RefUpdate) => /^0+$/.test(update.newId);

export interface PushSessionDeps extends HandInDeps {
  store: Store;
  assignments: AssignmentCatalog;
  events: SubmissionEvents;
}

export interface PushSessionContext {
  user: User;
  assignmentId: string;
  gitDir: string;
  /** `http://host:port`, as the pusher reached us: for the report's link. */
  baseUrl: string;
  /** How long the push waits for its grading. */
  waitMs: number;
}

/** The upload's messages speak of an archive; here the student pushed a commit. */
const inPushWords = (message: string) => message.replace(/\b([Yy])our archive\b/g, '$1our push');

/**
 * The hooks' side of one push (issue #10). Before the refs move (`pre-receive`): the pushed
 * tree of `main`/`master` is handed in exactly as an upload is (same checks, limits,
 * deadline, budget, superseding and messages); a refusal refuses the push with its reason.
 * After (`post-receive`): the grading is followed and told, until it ends or `waitMs` passes.
 */
export function pushSession(deps: PushSessionDeps, context: PushSessionContext): HookHandler {
  let submissionId: string | null = null;
  const preReceive = async (call: HookCall, reply: HookReply): Promise<number> => {
    const update = GRADED_REFS.map((ref) => call.updates.find((u) => u.ref === ref && !isDeletion(u))).find((u) => u !== undefined);
    if (!update) {
      reply.say(`sockgrade grades pushes to main (or master); nothing of this push is graded.\n`);
      return 0;
    }
    try {
      const tree = await readPushedTree(context.gitDir, update.newId, call.quarantine, deps.limits, reply.signal);
      const handedIn = await handInTree(deps, context.user, context.assignmentId, tree);
      if ('unchangedSince' in handedIn) {
        reply.say(`Nothing changed in your files since submission ${handedIn.unchangedSince}: not graded.\n`);
        return 0;
      }
      const { submission } = handedIn;
      submissionId = submission.id;
      reply.say(`Submission ${submission.id}: ${tree.size} file${tree.size === 1 ? '' : 's'} of ${update.newId.slice(0, 7)} handed in.\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply.say(`Push refused: ${inPushWords(error.message)}\n`);
      return 1;
    }
  };
  return async (call, reply) => {
    if (call.hook === 'pre-receive') return preReceive(call, reply);
    if (submissionId !== null) await followGrading(deps, { ...context, submissionId }, reply);
    return 0;
  };
}
