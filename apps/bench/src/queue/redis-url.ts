/**
 * The `--queue` URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS. Parsed here
 * (not handed to ioredis as a string) so a malformed URL fails with the expected form before anything
 * connects, and so the password never reaches logs or result files (`display` masks it).
 *
 * The password is best given in the environment (`TRANSFERBENCH_QUEUE_PASSWORD`), not in the URL: a command
 * line is readable by every local user (`ps`), a process's environment only by its owner. A password in the
 * URL wins over the environment, and is still accepted.
 */
import { z } from 'zod';

export const QUEUE_URL_FORM = 'redis://[[user]:password@]host[:port][/db] (rediss://… for TLS)';
/** environment variable with the Redis password (keeps it off the command line) */
export const QUEUE_PASSWORD_ENV = 'TRANSFERBENCH_QUEUE_PASSWORD';

/** What BullMQ / ioredis need to connect (a subset of ioredis' RedisOptions). */
export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: { servername: string };
  /** the URL with the password masked, for messages and result files */
  display: string;
}

const dbSchema = z.coerce.number().int().min(0).max(65535);

export function parseQueueUrl(raw: string, option = '--queue', env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const bad = (why: string) => new Error(`${option} "${mask(raw)}": ${why}; expected ${QUEUE_URL_FORM}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`unsupported scheme "${url.protocol}"`);
  if (!url.hostname) throw bad('no host');
  if (url.search || url.hash) throw bad('query strings and fragments are not supported');
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : dbSchema.safeParse(dbText);
  if (typeof db !== 'number' && !db.success) throw bad(`database "${dbText}" is not a whole number`);
  // URL keeps IPv6 hosts bracketed; ioredis wants them bare
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : env[QUEUE_PASSWORD_ENV] || undefined;
  return {
    host,
    port,
    db: typeof db === 'number' ? db : db.data,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
    display: mask(raw),
  };
}

/** The URL with any password replaced by `***` (also for strings that do not parse). */
export function mask(raw: string): string {
  return raw.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
