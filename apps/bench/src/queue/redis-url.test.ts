import { describe, expect, it } from 'vitest';
import { mask, parseQueueUrl } from './redis-url.ts';

describe('parseQueueUrl', () => {
  it('reads host, port, db, credentials and TLS, and masks the password', () => {
    expect(parseQueueUrl('redis://10.0.0.5')).toEqual({ host: '10.0.0.5', port: 6379, db: 0, display: 'redis://10.0.0.5' });
    expect(parseQueueUrl('redis://:s3cr%2Ft@queue.lan:6380/4')).toEqual({
      host: 'queue.lan',
      port: 6380,
      db: 4,
      password: 's3cr/t',
      display: 'redis://:***@queue.lan:6380/4',
    });
    expect(parseQueueUrl('rediss://bench:pw@[::1]:7000/2')).toEqual({
      host: '::1',
      port: 7000,
      db: 2,
      username: 'bench',
      password: 'pw',
      tls: { servername: '::1' },
      display: 'rediss://bench:***@[::1]:7000/2',
    });
  });

  it('rejects other forms naming the option and the expected form, without the password', () => {
    const cases: [string, RegExp][] = [
      ['localhost:6379', /unsupported scheme "localhost:"/],
      ['http://host:6379', /unsupported scheme "http:"/],
      ['redis://:pw@host/zero', /database "zero" is not a whole number/],
      ['redis://host/1?tls=1', /query strings/],
      ['not a url', /not a URL/],
    ];
    for (const [raw, why] of cases) {
      let message = '';
      try {
        parseQueueUrl(raw);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(why);
      expect(message).toMatch(/^--queue ".*": .*; expected redis:\/\/\[\[user\]:password@\]host\[:port\]\[\/db\]/);
      expect(message).not.toContain(':pw@');
    }
  });

  it('takes the password from TRANSFERBENCH_QUEUE_PASSWORD, off the command line (issue 17); one in the URL wins', () => {
    const env = { TRANSFERBENCH_QUEUE_PASSWORD: 's3cret' };
    expect(parseQueueUrl('redis://queue.lan:6380/1', '--queue', env)).toEqual({
      host: 'queue.lan',
      port: 6380,
      db: 1,
      password: 's3cret',
      display: 'redis://queue.lan:6380/1',
    });
    expect(parseQueueUrl('redis://:inline@queue.lan', '--queue', env).password).toBe('inline');
    expect(parseQueueUrl('redis://queue.lan', '--queue', {}).password).toBeUndefined();
  });

  it('masks passwords in strings that do not parse', () => {
    expect(mask('redis://user:hunter2@host:1/x')).toBe('redis://user:***@host:1/x');
    expect(mask('redis://host:1')).toBe('redis://host:1');
  });
});
