import { Router, type RequestHandler } from 'express';
import { currentUser, requireTeacher } from '../auth/index.js';
import { collectMetrics, type MetricsSources } from './grading-metrics.js';
import { prometheusText } from './prometheus-text.js';

export interface MetricsRouterDeps extends MetricsSources {
  /** The app's `authenticate`: `/metrics` sits outside `/api` and checks the credential itself. */
  authenticate: RequestHandler;
}

/**
 * Mounted at the root:
 * - `GET /api/metrics`: JSON, for teachers (the `/api` authentication ran already).
 * - `GET /metrics`: the same figures for a Prometheus scraper. It needs a teacher's
 *   credential too (a scrape config's `authorization: {credentials: <teacher token>}`;
 *   a teacher's browser session works as well): queue sizes and grading times of a
 *   class are not for the open network, and a separate metrics token would be one more
 *   secret to configure for little gain.
 */
export function metricsRouter(deps: MetricsRouterDeps): Router {
  const router = Router();
  const { authenticate, ...sources } = deps;

  router.get('/api/metrics', async (_req, res) => {
    requireTeacher(currentUser(res), 'see the service metrics');
    res.set('Cache-Control', 'no-store').json(await collectMetrics(sources));
  });

  router.get('/metrics', authenticate, async (_req, res) => {
    requireTeacher(currentUser(res), 'see the service metrics');
    res.set('Cache-Control', 'no-store').type('text/plain; version=0.0.4; charset=utf-8').send(prometheusText(await collectMetrics(sources)));
  });

  return router;
}
