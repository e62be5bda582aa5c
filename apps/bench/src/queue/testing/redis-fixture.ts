/**
 * Test helpers for the queue: a private `redis-server` on a free loopback port (no persistence), and
 * CLI processes (coordinator, workers) in their own process groups with their output collected.
 * A missing redis-server binary is an error that says how to install it (CI's .ci/run does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../bin/transferbench.js', import.meta.url));

export interface RedisServer {
  port: number;
  url(db?: number): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function ping(port: number, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    let buf = '';
    s.setTimeout(500, () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
    s.on('connect', () => s.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    s.on('data', (d) => {
      buf += d.toString();
      if (buf.includes(password ? '\r\n+' : '\r\n') || buf.startsWith('-')) {
        s.destroy();
        resolve(buf.includes('+PONG'));
      }
    });
  });
}

/** `password`: the server requires it (`--requirepass`); `url()` then leaves it out, as a user keeping it off the command line would. */
export async function startRedis(opts: { password?: string } = {}): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      "redis-server is not installed: the queue tests start a private one. Install Debian's package: apt-get install -y --no-install-recommends redis-server (.ci/run does this in CI)",
    );
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const auth = opts.password ? ['--requirepass', opts.password] : [];
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    proc.stdout!.on('data', (d) => {
      log += d;
    });
    proc.stderr!.on('data', (d) => {
      log += d;
    });
    let exited = false;
    proc.once('exit', () => {
      exited = true;
    });
    const t0 = Date.now();
    while (!exited && Date.now() - t0 < 10_000) {
      if (await ping(port, opts.password)) {
        return {
          port,
          url: (db = 0) => `redis://127.0.0.1:${port}/${db}`,
          stop: () =>
            new Promise<void>((r) => {
              if (exited) return r();
              proc.once('exit', () => r());
              proc.kill('SIGTERM');
            }),
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill('SIGKILL');
    if (!exited && attempt === 2) throw new Error(`redis-server did not answer on port ${port} within 10 s:\n${log}`);
  }
  throw new Error('redis-server could not start on a free port (3 attempts)');
}

export interface CliProcess {
  child: ChildProcess;
  /** everything printed so far (stdout + stderr) */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves with the first match of `re` in the output */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** signal to the whole process group (the CLI and its trial children) */
  kill(signal: NodeJS.Signals): void;
}

/** Runs the CLI in its own process group. */
export function cli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    output: () => out,
    exited,
    async waitFor(re, timeoutMs = 60_000) {
      const t0 = Date.now();
      for (;;) {
        const m = out.match(re);
        if (m) return m;
        if (done) throw new Error(`process exited before printing ${re}:\n${out}`);
        if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${re}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill(signal) {
      if (done) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
  };
}

/** Waits for exit, killing the process group after `timeoutMs`. */
export async function exitOf(p: CliProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`process did not exit within ${timeoutMs} ms:\n${p.output()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface QueueTestProcesses {
  /** the file's redis-server (started in beforeAll) */
  readonly redis: RedisServer;
  /** starts the CLI with `env`; every process started is killed (whole group) after the file's tests */
  start(args: string[]): CliProcess;
}

/**
 * For a test file: registers beforeAll/afterAll hooks that start a private redis-server and, at the end,
 * SIGKILL every CLI process started through `start` and stop the server.
 */
export function useRedisAndCli(env: Record<string, string>): QueueTestProcesses {
  let redis: RedisServer | undefined;
  const spawned: CliProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const p of spawned) p.kill('SIGKILL');
    await redis?.stop();
  });
  return {
    get redis() {
      if (!redis) throw new Error('redis-server is not started yet: use `redis` inside a test');
      return redis;
    },
    start(args) {
      const p = cli(args, env);
      spawned.push(p);
      return p;
    },
  };
}
