/**
 * One writer per results folder: a run (new or `--resume`, local or queue coordinator) holds `<dir>/.lock`
 * (proper-lockfile: an atomic mkdir whose mtime the holder refreshes) from before it writes anything until
 * it has written its reports. A second run on the same folder is refused with a message naming the holder
 * (host, pid, command, start time, from `<dir>/.lock-holder.json`).
 *
 * A holder killed with SIGKILL cannot release the lock. On the same host a dead holder's pid is seen at
 * once, and its lock is taken over when it has not been refreshed for 2 s (a live holder refreshes it every
 * second); a holder on another host (a shared file system) is judged by the refresh alone, after `staleMs`.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { processAlive } from '../process-alive.ts';

const holderSchema = z.object({ host: z.string(), pid: z.number().int(), command: z.string(), since: z.string() });
export type LockHolder = z.infer<typeof holderSchema>;

export class FolderInUseError extends Error {
  override readonly name = 'FolderInUseError';
}

export interface RunLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** a lock not refreshed for this long may be taken over (when its holder is dead or on another host) */
  staleMs?: number;
  /** told when the lock could not be refreshed in time (a stalled process): another run may take the folder */
  onCompromised?(message: string): void;
}

/** a dead holder's lock is taken over once it is this old (live holders refresh theirs every second) */
const DEAD_HOLDER_STALE_MS = 2000;

const lockPath = (dir: string) => join(dir, '.lock');
const holderPath = (dir: string) => join(dir, '.lock-holder.json');

function readHolder(dir: string): LockHolder | null {
  try {
    return holderSchema.parse(JSON.parse(readFileSync(holderPath(dir), 'utf8')));
  } catch {
    return null;
  }
}

/** This process's command line for the holder record, passwords in URLs masked. */
function commandLine(): string {
  return (process.argv.slice(2).join(' ') || 'transferbench').replace(/(rediss?:\/\/[^:@/\s]*:)[^@/\s]*@/gi, '$1***@').slice(0, 300);
}

const describeHolder = (h: LockHolder | null) =>
  h ? `process ${h.pid} on ${h.host} (\`${h.command}\`, since ${h.since})` : 'another process (no holder record)';

/** Takes the folder's lock or throws FolderInUseError naming the holder. */
export async function lockRunDir(dir: string, opts: LockOptions = {}): Promise<RunLock> {
  const staleMs = Math.max(2000, opts.staleMs ?? 10_000);
  const lockOpts = {
    lockfilePath: lockPath(dir),
    realpath: false,
    stale: staleMs,
    update: 1000,
    onCompromised: (err: Error) =>
      opts.onCompromised?.(`the lock on ${dir} could not be refreshed in time (${err.message}); another run may take the folder over`),
  };
  const attempt = () => lockfile.lock(dir, lockOpts);
  let release: () => Promise<void>;
  try {
    release = await attempt();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const holder = readHolder(dir);
    const deadHere = holder !== null && holder.host === hostname() && !processAlive(holder.pid);
    if (!deadHere)
      throw new FolderInUseError(
        `${dir} is in use by ${describeHolder(holder)}: one run at a time may write a results folder. ` +
          `Wait for it to finish (or stop it), then resume.`,
      );
    // its holder was killed: no one refreshes the lock any more; take it once proper-lockfile sees it stale
    release = await lockfile.lock(dir, {
      ...lockOpts,
      stale: DEAD_HOLDER_STALE_MS,
      retries: { retries: 10, minTimeout: 500, maxTimeout: 500 },
    });
  }
  const me: LockHolder = {
    host: hostname(),
    pid: process.pid,
    command: commandLine(),
    since: new Date().toISOString(),
  };
  writeFileSync(holderPath(dir), `${JSON.stringify(me)}\n`);
  return {
    async release() {
      if (readHolder(dir)?.pid === me.pid && existsSync(holderPath(dir))) rmSync(holderPath(dir), { force: true });
      await release().catch(() => {});
    },
  };
}
