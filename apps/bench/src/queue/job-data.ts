/**
 * What travels through Redis: the BullMQ queue name, the job data (the self-contained trial job, its
 * label and the version stamp) and the return value (a TrialResult). Both ends validate with zod.
 * The BullMQ job id is the trial id, so enqueueing a trial twice is a no-op and any coordinator
 * recognises finished work.
 */
import { z } from 'zod';
import { trialId, trialJobSchema, trialLabel, type TrialJob } from '@transferbench/core';
import { versionStampSchema, type VersionStamp } from './stamp.ts';

/** one queue per Redis database: pick another db in the URL to keep separate projects apart */
export const QUEUE_NAME = 'transferbench-trials';
export const JOB_NAME = 'trial';

/**
 * A job from Redis is input like any other: its trial id must be the 16-hex-digit content hash of the job
 * itself (the id names files and keys; `../x` or an id that does not match the content is refused).
 */
export const queueJobDataSchema = z.object({
  label: z.string().max(500),
  stamp: versionStampSchema,
  job: trialJobSchema
    .refine((j) => /^[0-9a-f]{16}$/.test(j.id), { path: ['id'], message: 'expected a trial id of 16 hex digits' })
    .refine((j) => !/^[0-9a-f]{16}$/.test(j.id) || j.id === trialId(j), {
      path: ['id'],
      message: 'does not match the content hash of the job',
    }),
});
export type QueueJobData = z.infer<typeof queueJobDataSchema>;

export function jobData(job: TrialJob, stamp: VersionStamp): QueueJobData {
  return { label: trialLabel(job), stamp, job };
}

/** Sent by a worker as job progress when it refuses a trial; the coordinator shows it. */
export const refusalSchema = z.object({ refused: z.string(), worker: z.string() });
export type Refusal = z.infer<typeof refusalSchema>;

/** A stamp equal in everything that decides the numbers (a completed job with another stamp is stale). */
export function sameStamp(a: VersionStamp, b: VersionStamp): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(s: VersionStamp) {
  return { ...s, plugins: Object.fromEntries(Object.entries(s.plugins).sort(([x], [y]) => x.localeCompare(y))) };
}
