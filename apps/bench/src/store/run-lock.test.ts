import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FolderInUseError, lockRunDir } from './run-lock.ts';
import { tempDir } from '../testing/suite-files.ts';

describe('lockRunDir', () => {
  it('refuses a second holder naming the first, and frees the folder on release', async () => {
    const dir = tempDir();
    const lock = await lockRunDir(dir);
    const err = await lockRunDir(dir).catch((e: Error) => e);
    expect(err).toBeInstanceOf(FolderInUseError);
    expect((err as Error).message).toMatch(new RegExp(`in use by process ${process.pid} on ${hostname()}`));
    await lock.release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    await (await lockRunDir(dir)).release();
  });

  it('takes over the lock of a holder that was killed (same host, pid gone) once it is stale', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a pid that has just exited
    mkdirSync(join(dir, '.lock'));
    writeFileSync(
      join(dir, '.lock-holder.json'),
      JSON.stringify({ host: hostname(), pid: dead, command: 'run x', since: new Date().toISOString() }),
    );
    const lock = await lockRunDir(dir, { staleMs: 2000 });
    await lock.release();
  });

  it('does not take over a live holder’s fresh lock', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.lock'));
    writeFileSync(join(dir, '.lock-holder.json'), JSON.stringify({ host: hostname(), pid: process.ppid, command: 'run y', since: 'then' }));
    await expect(lockRunDir(dir, { staleMs: 2000 })).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid} on ${hostname()} \\(\`run y\`, since then\\)`),
    );
  });
});
