/**
 * Connection options for BullMQ with a retry policy that fails fast instead of ioredis' endless
 * reconnect loop: before the first successful connection a few quick tries, then a clear error; after
 * it, reconnects for `reconnectForMs` (coordinator: a bounded outage, then the run stops and can be
 * resumed; worker: long-lived, retries indefinitely) before giving up.
 */
import type { RedisTarget } from './redis-url.ts';

export interface RetryPolicy {
  /** tries before the first successful connection (default 3, ~1 s in all) */
  connectTries?: number;
  /** how long to keep reconnecting after a lost connection; Infinity = forever */
  reconnectForMs?: number;
  /** per-attempt TCP connect timeout */
  connectTimeoutMs?: number;
  /** told once per outage, when reconnecting starts */
  onReconnecting?(): void;
}

export interface ConnectionState {
  /** a connection has been ready at least once */
  everReady: boolean;
  /** start of the current outage */
  lostSince: number | null;
}

/** ioredis options: shared state across the several connections BullMQ opens from one options object. */
export function connectionOptions(target: RedisTarget, policy: RetryPolicy = {}) {
  const state: ConnectionState = { everReady: false, lostSince: null };
  const tries = policy.connectTries ?? 3;
  const reconnectForMs = policy.reconnectForMs ?? 60_000;
  const { display: _display, ...redis } = target;
  return {
    state,
    options: {
      ...redis,
      connectTimeout: policy.connectTimeoutMs ?? 3000,
      // the first connection attempts; a request issued while disconnected waits for the reconnect
      retryStrategy(times: number): number | null {
        if (!state.everReady) return times < tries ? 300 : null;
        if (state.lostSince === null) {
          state.lostSince = Date.now();
          policy.onReconnecting?.();
        }
        if (Date.now() - state.lostSince > reconnectForMs) return null;
        return Math.min(500 * times, 5000);
      },
    },
    /** call on every `ready`: ends an outage */
    markReady(): void {
      state.everReady = true;
      state.lostSince = null;
    },
  };
}

/** One line for a connection error: what failed, where, and what to check. */
export function describeRedisError(err: unknown, target: RedisTarget): string {
  const e = err as { code?: string; message?: string } | undefined;
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  let hint = 'check the --queue URL and that redis-server is running and reachable from this machine';
  if (/WRONGPASS|NOAUTH|invalid password|AUTH/i.test(msg))
    hint = 'authentication failed: check the user/password in the URL (redis://:password@host:port/db)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') hint = `host "${target.host}" does not resolve`;
  else if (code === 'ECONNREFUSED')
    hint = `nothing listens on ${target.host}:${target.port}: start redis-server there (see "Running on several machines" in the README)`;
  else if (code === 'ETIMEDOUT' || /timeout/i.test(msg))
    hint = `no answer from ${target.host}:${target.port} (firewall, wrong host, or TLS/non-TLS mismatch)`;
  return `cannot use Redis at ${target.display}: ${msg.split('\n')[0]} — ${hint}`;
}
