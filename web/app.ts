import express, { type Express } from 'express';
import { builtinAssignments, type AssignmentCatalog } from './assignment-catalog.js';
import { authenticate, BrowserSessions, DEFAULT_AUTH_SETTINGS, LoginThrottle, PasswordHasher, PasswordLogin, type AuthSettings } from './auth/index.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import type { GitRemote } from './git/git-remote.js';
import { gitRouter } from './git/git-router.js';
import { hooksRouter, PUSH_EVENT_BODY_LIMIT, pushReceiver } from './webhooks/hooks-router.js';
import { healthRouter, type HealthProbe } from './health.js';
import { metricsRouter } from './metrics/index.js';
import type { AssignmentCatalogHolder } from './assignments/catalog-holder.js';
import { assignmentFilesRouter } from './routes/assignment-files-router.js';
import type { GradingQueuePort, QueueDepth } from './queue/grading-queue.js';
import { assignmentsRouter } from './routes/assignments-router.js';
import { SubmissionEvents } from './events/submission-events.js';
import { courseRouter } from './routes/course-router.js';
import { gradebookRouter } from './routes/gradebook-router.js';
import { meRouter } from './routes/me-router.js';
import { overridesRouter } from './routes/overrides-router.js';
import { regradesRouter } from './routes/regrades-router.js';
import { submissionView } from './routes/submission-view.js';
import { DEFAULT_INTAKE, submissionsRouter, type IntakeSettings } from './routes/submissions-router.js';
import { publicRouter } from './routes/public-router.js';
import { sessionRouter } from './routes/session-router.js';
import { tokensRouter } from './routes/tokens-router.js';
import { usersRouter } from './routes/users-router.js';
import type { Store, Submission } from './store/index.js';
import { DEFAULT_UPLOAD_LIMITS, jsonBodyLimit, type UploadLimits } from './upload/submission-upload.js';

export interface AppDeps {
  store: Store;
  queue: GradingQueuePort;
  /** @defaultValue `assignmentFiles.catalog`, else the built-in assignments of `checks/` */
  assignments?: AssignmentCatalog;
  /** The teachers' files, editable through `/api/assignment-files` (issue #9). @defaultValue none: those routes answer 404 */
  assignmentFiles?: AssignmentCatalogHolder;
  /** Probes for `/healthz` by name (db, redis, docker). @defaultValue db only */
  health?: Record<string, HealthProbe>;
  /** @defaultValue 200 files, 1 MiB */
  limits?: UploadLimits;
  /** Superseding and the per-student limit. @defaultValue DEFAULT_INTAKE */
  intake?: IntakeSettings;
  /** Live submission changes for the event streams; the service shares it with the results recorder. */
  events?: SubmissionEvents;
  /** The grading queue's job counts, for `/api/metrics`. @defaultValue none: the metrics show no queue */
  queueDepth?: () => Promise<QueueDepth>;
  log?: (line: string) => void;
  /** Token lifetime, trusted proxies, scrypt cost, login throttle. @defaultValue DEFAULT_AUTH_SETTINGS */
  auth?: Partial<AuthSettings>;
  /** The students' git repositories and their hooks' channel (issue #10). @defaultValue none: `/git` answers 404 */
  git?: GitRemote;
}

/** Bytes of JSON a sign-in (`POST /api/tokens`, `/api/session`) may send: a name and a password. */
const CREDENTIALS_BODY_LIMIT = 16 * 1024;

/** The HTTP API, without `listen`: the service binds it, tests mount it on port 0. */
export function createApp(deps: AppDeps): Express {
  const log = deps.log ?? (() => {});
  const limits = deps.limits ?? DEFAULT_UPLOAD_LIMITS;
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(deps.health ?? { db: () => deps.store.ping() }));
  const sessions = new BrowserSessions(deps.store.sessions);
  const authSettings = { ...DEFAULT_AUTH_SETTINGS, ...deps.auth };
  const { tokenTtlDays, trustedProxies } = authSettings;
  // Only the configured proxies: their X-Forwarded-For/-Proto then name the client (login
  // throttle), TLS (Secure cookie) and origin (CSRF check). Off by default: anyone can send the headers.
  if (trustedProxies.length > 0) app.set('trust proxy', trustedProxies);
  const hasher = new PasswordHasher(authSettings.hashing);
  const passwordLogin = new PasswordLogin(deps.store.users, new LoginThrottle(authSettings.throttle), hasher);
  // Sign-in carries its credentials in the body: parsed before authentication, so kept small.
  app.use(['/api/tokens', '/api/session'], express.json({ limit: CREDENTIALS_BODY_LIMIT }));
  const auth = authenticate({ users: deps.store.users, sessions });
  app.use('/api/tokens', tokensRouter({ store: deps.store, login: passwordLogin, authenticate: auth, tokenTtlDays }));
  app.use('/api/session', sessionRouter({ sessions, login: passwordLogin }));
  const assignments = deps.assignments ?? deps.assignmentFiles?.catalog ?? builtinAssignments;
  const events = deps.events ?? new SubmissionEvents();
  // Push webhooks (issue #10) prove themselves by the HMAC of their raw bytes, not a token: before `auth`.
  const webhookDeps = () => ({ store: deps.store, queue: deps.queue, assignments, limits, intake: deps.intake ?? DEFAULT_INTAKE, events, log, remote: deps.git! });
  if (deps.git) app.post('/api/hooks/push', express.raw({ type: () => true, limit: PUSH_EVENT_BODY_LIMIT }), pushReceiver(webhookDeps()));
  app.use('/api', auth);
  // Only after authentication (issue #12): a stranger's megabyte of JSON is answered 401
  // unread, not parsed first. Multipart bodies are read by their route, after this too.
  app.use('/api', express.json({ limit: jsonBodyLimit(limits) }));
  const presentToTeacher = (submission: Submission) =>
    submissionView(submission, deps.store.users.byId(submission.userId), false, {
      viewer: { role: 'teacher' },
      policy: assignments.policy(submission.assignmentId),
      override: deps.store.overrides.current(submission.id) ?? null,
    });
  // Before the resource routers: `POST /api/assignments/:id/regrade` lives here.
  app.use('/api', regradesRouter({ store: deps.store, queue: deps.queue, assignments, events, log, present: presentToTeacher }));
  app.use('/api', overridesRouter({ store: deps.store, present: presentToTeacher }));
  app.use('/api', courseRouter({ store: deps.store, assignments, queueDepth: deps.queueDepth }));
  app.use('/api/gradebook', gradebookRouter({ store: deps.store, assignments }));
  app.use('/api/assignments', assignmentsRouter(assignments, { sourceOf: deps.assignmentFiles && ((id) => deps.assignmentFiles!.sourceOf(id)) }));
  if (deps.assignmentFiles) app.use('/api/assignment-files', assignmentFilesRouter(deps.assignmentFiles));
  app.use('/api/me', meRouter({ store: deps.store, assignments }));
  app.use(
    '/api/submissions',
    submissionsRouter({ store: deps.store, queue: deps.queue, assignments, limits, intake: deps.intake ?? DEFAULT_INTAKE, events, log }),
  );
  if (deps.git) {
    app.use('/git', gitRouter(webhookDeps()));
    app.use('/api/hooks', hooksRouter(webhookDeps()));
  }
  app.use('/api/users', usersRouter(deps.store, hasher));
  app.use(metricsRouter({ metrics: deps.store.metrics, queueDepth: deps.queueDepth, authenticate: auth }));
  app.use(publicRouter());
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
