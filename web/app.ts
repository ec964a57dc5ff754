import express, { type Express } from 'express';
import { builtinAssignments, type AssignmentCatalog } from './assignment-catalog.js';
import { bearerAuth } from './auth/index.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { healthRouter, type HealthProbe } from './health.js';
import type { GradingQueuePort } from './queue/grading-queue.js';
import { assignmentsRouter } from './routes/assignments-router.js';
import { submissionsRouter } from './routes/submissions-router.js';
import { tokensRouter } from './routes/tokens-router.js';
import { usersRouter } from './routes/users-router.js';
import type { Store } from './store/index.js';
import { DEFAULT_UPLOAD_LIMITS, jsonBodyLimit, type UploadLimits } from './upload/submission-upload.js';

export interface AppDeps {
  store: Store;
  queue: GradingQueuePort;
  /** @defaultValue the built-in assignments of `checks/` */
  assignments?: AssignmentCatalog;
  /** Probes for `/healthz` by name (db, redis, docker). @defaultValue db only */
  health?: Record<string, HealthProbe>;
  /** @defaultValue 200 files, 1 MiB */
  limits?: UploadLimits;
  log?: (line: string) => void;
}

/** The HTTP API, without `listen`: the service binds it, tests mount it on port 0. */
export function createApp(deps: AppDeps): Express {
  const log = deps.log ?? (() => {});
  const limits = deps.limits ?? DEFAULT_UPLOAD_LIMITS;
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(deps.health ?? { db: () => deps.store.ping() }));
  app.use('/api', express.json({ limit: jsonBodyLimit(limits) }));
  app.use('/api/tokens', tokensRouter(deps.store));
  app.use('/api', bearerAuth(deps.store.users));
  app.use('/api/assignments', assignmentsRouter(deps.assignments ?? builtinAssignments));
  app.use(
    '/api/submissions',
    submissionsRouter({ store: deps.store, queue: deps.queue, assignments: deps.assignments ?? builtinAssignments, limits, log }),
  );
  app.use('/api/users', usersRouter(deps.store));
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
