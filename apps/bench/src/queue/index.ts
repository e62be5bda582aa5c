/**
 * Scale-out through a Redis-backed BullMQ queue (issue 9). Imported lazily (`await import`) by the
 * `run --queue` and `worker` commands only, so a local run never loads bullmq or needs Redis.
 */
export { QueueRunner, type CoordinatorOptions } from './queue-runner.ts';
export { TrialWorker, type TrialWorkerOptions, type WorkerExit } from './queue-worker.ts';
export { queueProgress } from './queue-progress.ts';
export { parseQueueUrl, QUEUE_URL_FORM } from './redis-url.ts';
