/**
 * A job from Redis is input (issue 17: a crafted job id with `../` made a worker write and delete files
 * outside its temp folder): the id must be the job's own content hash, and the runner never builds a path
 * from it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTrialJob } from '@transferbench/core';
import { LocalProcessRunner } from '../trial/local-runner.ts';
import { tempDir, TEST_PLUGINS } from '../testing/suite-files.ts';
import { queueJobDataSchema } from './job-data.ts';

const job = makeTrialJob({
  kind: 'estimate',
  suiteHash: 'q',
  seed: 1,
  model: {},
  engine: { name: 'none' },
  plugins: [TEST_PLUGINS],
  limits: { timeoutMs: 120_000, memoryMb: 1024 },
  dataset: { id: 'tiny-planted', plugin: 'tiny-planted', options: {}, split: {} },
  estimator: { id: 'test-signal', plugin: 'test-signal', budget: 'b', options: {} },
});
const stamp = { project: 'transferbench', version: '0', schemaVersion: 2, codeHash: 'c', plugins: {} };
const issue = (data: unknown) => {
  const r = queueJobDataSchema.safeParse(data);
  return r.success ? null : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
};

describe('queue job data', () => {
  it('accepts a job whose id is its content hash; refuses path-like and mismatched ids', () => {
    expect(issue({ label: 'x', stamp, job })).toBeNull();
    expect(issue({ label: 'x', stamp, job: { ...job, id: '../../victim' } })).toBe('job.id: expected a trial id of 16 hex digits');
    expect(issue({ label: 'x', stamp, job: { ...job, id: '0123456789abcdef' } })).toBe(
      'job.id: does not match the content hash of the job',
    );
    expect(issue({ label: 'x', stamp, job: { ...job, seed: 2 } })).toBe('job.id: does not match the content hash of the job');
  });

  it('the local runner names its hand-over file itself: a crafted id reaches no file outside its folder', async () => {
    const dir = tempDir('tb-jobid-');
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    // before the fix the result file was `${tmp}/${job.id}-${pid}-0.json`, written by the child and removed after
    const victim = join(dir, `victim-${process.pid}-0.json`);
    writeFileSync(victim, 'precious');
    const runner = new LocalProcessRunner({ tmpDir: tmp, concurrency: 1 });
    const r = await runner.run({ ...job, id: '../victim' }, new AbortController().signal);
    expect(r.status).toBe('ok');
    expect(existsSync(victim)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['tmp', `victim-${process.pid}-0.json`]);
  });
});
