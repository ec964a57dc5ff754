import { Router } from 'express';
import { withTimeout } from '../grader/with-timeout.js';

/** One probe: resolves with a short detail when the part works, rejects with why not. */
export type HealthProbe = () => Promise<string | undefined | void> | string | undefined | void;

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Runs every probe at once, each bounded: a hung Redis makes `/healthz` say so, not hang. */
export async function runHealthProbes(probes: Record<string, HealthProbe>, timeoutMs = 2000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      try {
        const detail = await withTimeout(Promise.resolve().then(probe), timeoutMs, `${name} did not answer`);
        return [name, { ok: true, ...(detail ? { detail } : {}) }] as const;
      } catch (error) {
        return [name, { ok: false, detail: error instanceof Error ? error.message : String(error) }] as const;
      }
    }),
  );
  return { ok: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}

/** `GET /healthz`: 200 when every part answers, else 503; the body says which. */
export function healthRouter(probes: Record<string, HealthProbe>): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const report = await runHealthProbes(probes);
    res.status(report.ok ? 200 : 503).json({ status: report.ok ? 'ok' : 'unhealthy', checks: report.checks });
  });
  return router;
}
