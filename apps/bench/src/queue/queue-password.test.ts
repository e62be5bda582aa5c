/**
 * The Redis password kept off the command line (issue 17: it could only be given in the --queue URL, which any
 * local user reads with `ps`): a worker reaches a password-protected Redis with TRANSFERBENCH_QUEUE_PASSWORD
 * in its environment and a URL without a password; without it, it fails with the authentication hint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from './testing/redis-fixture.ts';
import { QUEUE_PASSWORD_ENV } from './redis-url.ts';
import { TrialWorker } from './queue-worker.ts';

let redis: RedisServer;
const PASSWORD = `pw-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
});
afterAll(async () => {
  delete process.env[QUEUE_PASSWORD_ENV];
  await redis?.stop();
});

describe('queue password from the environment', () => {
  it('connects with the password from TRANSFERBENCH_QUEUE_PASSWORD; without it, names the authentication problem', async () => {
    const url = redis.url(3);
    expect(url).not.toContain(PASSWORD);
    delete process.env[QUEUE_PASSWORD_ENV];
    await expect(TrialWorker.start(url, { concurrency: 1, log: () => {} })).rejects.toThrow(
      /cannot use Redis at redis:\/\/127\.0\.0\.1:\d+\/3: .*(NOAUTH|Authentication).* — authentication failed/,
    );
    process.env[QUEUE_PASSWORD_ENV] = PASSWORD;
    const logs: string[] = [];
    const worker = await TrialWorker.start(url, { concurrency: 1, log: (l) => logs.push(l) });
    expect(logs.join('\n')).toMatch(/ready: queue redis:\/\/127\.0\.0\.1:\d+\/3/);
    expect(logs.join('\n')).not.toContain(PASSWORD);
    await worker.stop();
  });
});
