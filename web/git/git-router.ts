import { Router, type Request, type Response } from 'express';
import { userFromToken } from '../auth/index.js';
import { ApiError, AssignmentClosedError, NotFoundError, TooManyRequestsError, UnauthenticatedError } from '../errors.js';
import type { AssignmentDefinition } from '../../checks/types.js';
import type { User } from '../store/index.js';
import type { GitRemote } from './git-remote.js';
import { serveGitHttpBackend } from './git-http-backend.js';
import { pushSession, type PushSessionDeps } from './push-session.js';

export interface GitRouterDeps extends PushSessionDeps {
  remote: GitRemote;
}

/** On top of the assignment's run limit: waiting in the queue, starting the pod. */
const GRADING_WAIT_MARGIN_MS = 120_000;
/** On top of the wait: receiving the pack, the hooks' own work. */
const PUSH_MARGIN_MS = 60_000;
/** A clone or fetch. */
const FETCH_TIMEOUT_MS = 120_000;
/** git processes one user may have running at once: each request is one (a push holds its one while it is graded). */
const MAX_REQUESTS_PER_USER = 4;

/** The smart-HTTP requests (gitprotocol-http(5)); the old "dumb" file-by-file protocol is not served. */
const SMART_PATH = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\.git(\/info\/refs|\/git-upload-pack|\/git-receive-pack)$/;

/**
 * HTTP basic auth as git sends it (RFC 7617): any user name, the API token as the
 * password, so git's credential helpers keep it. 401 with a `Basic` challenge makes git ask.
 */
function pusher(req: Request, deps: GitRouterDeps): User {
  const match = /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(req.get('authorization') ?? '');
  if (!match) throw new UnauthenticatedError('Sign in with any user name and your sockgrade API token as the password.');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const token = colon >= 0 ? decoded.slice(colon + 1) : '';
  if (!/^[A-Za-z0-9._~+/=-]{1,200}$/.test(token)) throw new UnauthenticatedError('Sign in with any user name and your sockgrade API token as the password.');
  return userFromToken(token, deps.store.users).user;
}

/** git prints a `text/plain` error body to the user as `remote:` lines; a JSON one it would not. */
function refuse(res: Response, error: ApiError): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="sockgrade", charset="UTF-8"');
  res.status(error.status).type('text/plain').send(`${error.message}\n`);
}

/**
 * `/git/<assignment>.git`: each student's own repository of an assignment, served by
 * `git http-backend` (issue #10). The repository is chosen by the signed-in user's id, so
 * no URL reaches another student's. Pushing is handing in: see push-session.ts.
 */
export function gitRouter(deps: GitRouterDeps): Router {
  const router = Router();
  const running = new Map<number, number>();
  router.use(async (req, res) => {
    const match = SMART_PATH.exec(req.path);
    const service = req.path.endsWith('/info/refs') ? req.query.service : req.path.slice(req.path.lastIndexOf('/') + 1);
    try {
      if (!match || (service !== 'git-upload-pack' && service !== 'git-receive-pack') || (req.method !== 'GET' && req.method !== 'POST')) {
        throw new NotFoundError('This is a sockgrade git remote: clone or push `/git/<assignment>.git` with git.');
      }
      const user = pusher(req, deps);
      const assignmentId = match[1]!;
      const assignment = deps.assignments.get(assignmentId);
      if (!assignment) throw new NotFoundError(`There is no assignment \`${assignmentId}\`.`, 'UNKNOWN_ASSIGNMENT');
      if (user.role === 'student' && !deps.assignments.openToStudents(assignment.id)) throw new AssignmentClosedError(assignment.id);
      const mine = running.get(user.id) ?? 0;
      if (mine >= MAX_REQUESTS_PER_USER) {
        throw new TooManyRequestsError(`You have ${mine} git requests running at once; wait until one ends, then try again.`, 10, 'TOO_MANY_STREAMS');
      }
      running.set(user.id, mine + 1);
      try {
        await serve(req, res, deps, user, assignment, service === 'git-receive-pack', match[2]!);
      } finally {
        const left = (running.get(user.id) ?? 1) - 1;
        if (left > 0) running.set(user.id, left);
        else running.delete(user.id);
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refuse(res, error);
    }
  });
  return router;
}

/** One smart-HTTP request of `user` for `assignment`'s repository, which is theirs: `pushing` is receive-pack. */
async function serve(req: Request, res: Response, deps: GitRouterDeps, user: User, assignment: AssignmentDefinition, pushing: boolean, rest: string): Promise<void> {
  const { repositories } = deps.remote;
  if (pushing) await repositories.ensure(user.id, assignment.id);
  else if (!(await repositories.exists(user.id, assignment.id))) {
    throw new NotFoundError(`You have not pushed to \`${assignment.id}\` yet, so there is nothing to clone: push your files first.`);
  }
  const waitMs = assignment.limits.runMs + GRADING_WAIT_MARGIN_MS;
  const baseUrl = `${req.protocol}://${req.get('host')}`;
  const session =
    pushing && req.method === 'POST'
      ? deps.remote.hooks.register(pushSession(deps, { user, assignmentId: assignment.id, gitDir: repositories.gitDir(user.id, assignment.id), baseUrl, waitMs }))
      : null;
  try {
    await serveGitHttpBackend(req, res, {
      projectRoot: repositories.projectRoot(user.id),
      pathInfo: `${repositories.repoPath(assignment.id)}${rest}`,
      remoteUser: user.name,
      env: session?.env ?? {},
      maxRequestBytes: deps.remote.maxPushBytes,
      timeoutMs: pushing ? waitMs + PUSH_MARGIN_MS : FETCH_TIMEOUT_MS,
      log: deps.log,
    });
  } finally {
    session?.release();
  }
}
