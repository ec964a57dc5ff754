import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { currentUser, requireTeacher } from '../auth/index.js';
import { BadRequestError, ConflictError, NotFoundError, UnauthenticatedError } from '../errors.js';
import { handInTree } from '../git/hand-in-tree.js';
import type { GitRemote } from '../git/git-remote.js';
import { GRADED_REFS } from '../git/push-session.js';
import { readPushedTree } from '../git/read-pushed-tree.js';
import type { PushHook } from '../store/index.js';
import type { HandInDeps } from '../submissions/hand-in.js';
import { fetchCommit } from './fetch-commit.js';
import { parsePushEvent } from './push-event.js';
import { deliveryId, eventKind, verifySignature } from './verify-signature.js';

export interface WebhookDeps extends HandInDeps {
  remote: GitRemote;
}

/** A push event's JSON: GitHub caps theirs at 25 MB, but ours need only the head of it. */
export const PUSH_EVENT_BODY_LIMIT = 1024 * 1024;
/** The fetch of one pushed commit. */
const FETCH_TIMEOUT_MS = 60_000;

const hookView = (hook: PushHook) => ({ id: hook.id, repository: hook.repositoryUrl, user: hook.userId, assignment: hook.assignmentId, createdAt: new Date(hook.createdAt).toISOString() });

/** `http(s)://` or `file://`, with no password in it: the only URLs we ever fetch. */
function repositoryUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) throw new BadRequestError('`repository` must be the URL of the repository (http, https or file).');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new BadRequestError('`repository` is not a URL: give the clone URL, e.g. https://github.com/ada/echo.git.');
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) throw new BadRequestError('`repository` must be an http(s) or file URL; we fetch no other kind.');
  if (url.username || url.password) throw new BadRequestError('`repository` may not carry a user name or password.');
  return value.trim();
}

/** `/api/hooks` (teacher): register a repository URL → student, assignment, secret; list them. */
export function hooksRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/', (req, res) => {
    const teacher = currentUser(res);
    requireTeacher(teacher, 'register push webhooks');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const repository = repositoryUrl(body.repository);
    const user = typeof body.user === 'number' ? deps.store.users.byId(body.user) : typeof body.user === 'string' ? deps.store.users.byName(body.user) : undefined;
    if (!user) throw new BadRequestError('`user` must be the id or name of an existing user.');
    const assignment = typeof body.assignment === 'string' ? deps.assignments.get(body.assignment) : undefined;
    if (!assignment) throw new NotFoundError(`There is no assignment \`${String(body.assignment)}\`.`, 'UNKNOWN_ASSIGNMENT');
    if (body.secret !== undefined && (typeof body.secret !== 'string' || body.secret.length < 16 || body.secret.length > 200)) {
      throw new BadRequestError('`secret` must have 16 to 200 characters (leave it out and we make one).');
    }
    const secret = (body.secret as string | undefined) ?? randomBytes(24).toString('base64url');
    const hook = deps.store.pushHooks.create({ repositoryUrl: repository, userId: user.id, assignmentId: assignment.id, secret, createdBy: teacher.id });
    if (!hook) throw new ConflictError(`${repository} is registered already.`);
    // The secret is shown once, here: the teacher enters it in the host's webhook settings.
    res.status(201).json({ ...hookView(hook), secret, url: `${req.protocol}://${req.get('host')}/api/hooks/push` });
  });
  router.get('/', (_req, res) => {
    requireTeacher(currentUser(res), 'list push webhooks');
    res.json({ hooks: deps.store.pushHooks.list().map(hookView) });
  });
  return router;
}

/**
 * `POST /api/hooks/push`, with the raw body (the HMAC is over its bytes): a push event
 * from GitHub, Gitea or GitLab. The repository must be registered (404), the signature
 * right (401), the delivery new (409): otherwise nothing is fetched or stored. A push to
 * main/master is fetched from the registered URL and handed in as the student.
 */
export function pushReceiver(deps: WebhookDeps): RequestHandler {
  return async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequestError('The push event is not JSON: set the webhook\'s content type to application/json.');
    }
    const kind = eventKind(req.headers);
    const event = parsePushEvent(payload);
    const urls = event?.repositoryUrls ?? [];
    const hook = deps.store.pushHooks.byUrl(urls);
    if (!hook) throw new NotFoundError(urls.length ? `No repository of ${urls[0]} is registered here; ask your teacher to register it.` : 'The event names no repository.');
    if (!verifySignature(req.headers, body, hook.secret)) throw new UnauthenticatedError('The signature of this event does not match the secret registered for the repository.');
    if (kind === 'ping') return void res.json({ ok: true, hook: hook.id });
    if (kind !== undefined && kind !== 'push') return void res.status(202).json({ graded: false, reason: `a ${kind} event is not graded` });
    if (!event) throw new BadRequestError('The event is not a push event (no ref, after or repository).');
    const delivery = deliveryId(req.headers);
    if (!delivery) throw new BadRequestError('The event has no delivery id (X-GitHub-Delivery, X-Gitea-Delivery or X-Gitlab-Event-UUID).');
    if (!(GRADED_REFS as readonly string[]).includes(event.ref) || /^0+$/.test(event.after)) {
      return void res.status(202).json({ graded: false, reason: `only pushes to main or master are graded, not ${event.ref}` });
    }
    if (!deps.store.pushHooks.recordDelivery(hook.id, delivery)) throw new ConflictError(`Delivery ${delivery} was received already; it is not graded twice.`);
    const user = deps.store.users.byId(hook.userId);
    if (!user) throw new NotFoundError('The student of this repository no longer exists.');
    const workDir = join(deps.remote.repositories.root, 'webhooks');
    await mkdir(workDir, { recursive: true, mode: 0o700 });
    let fetched: Awaited<ReturnType<typeof fetchCommit>>;
    try {
      fetched = await fetchCommit({ workDir, url: hook.repositoryUrl, ref: event.ref, commit: event.after, maxBytes: deps.remote.maxPushBytes, timeoutMs: FETCH_TIMEOUT_MS });
    } catch (error) {
      deps.store.pushHooks.forgetDelivery(hook.id, delivery); // the host may deliver it again
      throw error;
    }
    try {
      const tree = await readPushedTree(fetched.gitDir, event.after, null, deps.limits, AbortSignal.timeout(FETCH_TIMEOUT_MS));
      const handedIn = await handInTree(deps, user, hook.assignmentId, tree);
      if ('unchangedSince' in handedIn) return void res.status(200).json({ graded: false, reason: 'unchanged', since: handedIn.unchangedSince });
      const { submission } = handedIn;
      res.status(202).location(`/api/submissions/${submission.id}`).json({ id: submission.id, status: submission.status });
    } finally {
      await fetched.release();
    }
  };
}
