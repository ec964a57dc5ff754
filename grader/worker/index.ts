export { GradingWorker, type GradingWorkerOptions } from './grading-worker.js';
export { createGradeJobProcessor, type GradeJobDeps, type GradingJob, type GradingProcessor } from './grade-job.js';
export { loadWorkerConfig, queueNameSchema, workerConfigSchema, WorkerConfigError, type WorkerConfig } from './worker-config.js';
export { defaultConcurrency } from './default-concurrency.js';
