import type { GradingMetrics, LatencySummary } from './grading-metrics.js';

type Sample = [labels: Record<string, string>, value: number];

function family(name: string, help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const [labels, value] of samples) {
    const text = Object.entries(labels)
      .map(([key, label]) => `${key}="${label.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
      .join(',');
    lines.push(`${name}${text ? `{${text}}` : ''} ${value}`);
  }
  return lines.join('\n');
}

function latencySamples(window: string, latency: LatencySummary): Sample[] {
  const samples: Sample[] = [];
  for (const [span, summary] of [
    ['submit_to_finished', latency.submitToFinishedMs],
    ['start_to_finished', latency.startToFinishedMs],
  ] as const) {
    for (const [quantile, value] of [
      ['0.5', summary.p50],
      ['0.95', summary.p95],
      ['1', summary.max],
    ] as const) {
      if (value !== null) samples.push([{ window, span, quantile }, value]);
    }
  }
  return samples;
}

function phaseSamples(metrics: GradingMetrics, figure: 'ms' | 'machineCpuMs'): Sample[] {
  return Object.entries(metrics.phases.last200).flatMap(([phase, summary]) =>
    (
      [
        ['0.5', summary[figure].p50],
        ['0.95', summary[figure].p95],
        ['1', summary[figure].max],
      ] as const
    ).flatMap(([quantile, value]): Sample[] => (value === null ? [] : [[{ window: 'last200', phase, quantile }, value]])),
  );
}

/**
 * The same figures as `/api/metrics` in Prometheus's text format (version 0.0.4). All
 * gauges, in milliseconds as in the JSON, so the two read alike; a figure with no data
 * (no gradings in the window) is left out rather than reported as 0.
 */
export function prometheusText(metrics: GradingMetrics): string {
  const families = [
    family('sockgrade_queue_up', 'Whether the grading queue (Redis) answered.', [[{}, metrics.queue ? 1 : 0]]),
  ];
  if (metrics.queue) {
    families.push(
      family(
        'sockgrade_queue_jobs',
        'Grading jobs in the queue by state.',
        Object.entries(metrics.queue).map(([state, n]): Sample => [{ state }, n]),
      ),
    );
  }
  const { total: _total, ...byStatus } = metrics.submissions;
  families.push(
    family('sockgrade_submissions', 'Submissions in the database by status.', Object.entries(byStatus).map(([status, n]): Sample => [{ status }, n])),
    family('sockgrade_gradings_finished', 'Gradings finished in the window.', [
      [{ window: '1h' }, metrics.latency.lastHour.finished],
      [{ window: 'last200' }, metrics.latency.last200.finished],
      [{ window: '10m' }, metrics.throughput.finishedLast10Min],
    ]),
    family('sockgrade_grading_latency_milliseconds', 'Grading latency (nearest-rank quantiles; 1 is the maximum).', [
      ...latencySamples('1h', metrics.latency.lastHour),
      ...latencySamples('last200', metrics.latency.last200),
    ]),
    family('sockgrade_grading_phase_milliseconds', 'Each phase of a grading over the last 200 (report timings; nearest-rank quantiles; 1 is the maximum).', phaseSamples(metrics, 'ms')),
    family(
      'sockgrade_grading_phase_machine_cpu_milliseconds',
      'Busy CPU of the whole machine during each phase of a grading, core-ms, over the last 200 (gradings at the same time each count it).',
      phaseSamples(metrics, 'machineCpuMs'),
    ),
    family('sockgrade_throughput_per_minute', 'Gradings finished per minute over the last 10 minutes.', [[{}, metrics.throughput.perMinute]]),
  );
  return `${families.join('\n')}\n`;
}
