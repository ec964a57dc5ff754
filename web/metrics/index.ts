export { collectMetrics, summarizeLatency, type GradingMetrics, type LatencySummary, type MetricsSources } from './grading-metrics.js';
export { metricsRouter, type MetricsRouterDeps } from './metrics-router.js';
export { nearestRank, summarize, type Summary } from './percentiles.js';
export { prometheusText } from './prometheus-text.js';
