/**
 * The Redis retry policy, on a fake clock: before the first connection a few quick tries and then an error
 * (what makes an unreachable Redis fail within about a second, not after ioredis' endless reconnects), after
 * it a bounded reconnect window for the coordinator and an unbounded one for workers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionOptions } from './connection.ts';
import { parseQueueUrl } from './redis-url.ts';

const target = parseQueueUrl('redis://127.0.0.1:6390/0', '--queue', {});
afterEach(() => vi.useRealTimers());

describe('Redis retry policy', () => {
  it('never connected: 3 tries 300 ms apart, then gives up (ioredis ends with the connection error)', () => {
    const { options } = connectionOptions(target);
    expect([1, 2, 3, 4].map((t) => options.retryStrategy(t))).toEqual([300, 300, null, null]);
    expect(options.connectTimeout).toBe(3000);
    const five = connectionOptions(target, { connectTries: 5 }).options;
    expect([1, 4, 5].map((t) => five.retryStrategy(t))).toEqual([300, 300, null]);
  });

  it('after a connection: backs off (500 ms × attempt, at most 5 s) for reconnectForMs, then gives up; tells of the outage once', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const told: number[] = [];
    const conn = connectionOptions(target, { reconnectForMs: 20_000, onReconnecting: () => told.push(Date.now()) });
    conn.markReady();
    expect(conn.options.retryStrategy(1)).toBe(500);
    expect(conn.options.retryStrategy(4)).toBe(2000);
    expect(conn.options.retryStrategy(30)).toBe(5000);
    vi.advanceTimersByTime(20_000);
    expect(conn.options.retryStrategy(31)).toBe(5000); // at the limit, not past it
    vi.advanceTimersByTime(1);
    expect(conn.options.retryStrategy(32)).toBeNull();
    expect(told).toEqual([1_000_000]);
    // a new connection ends the outage: the window starts again at the next loss
    conn.markReady();
    expect(conn.state).toEqual({ everReady: true, lostSince: null });
    expect(conn.options.retryStrategy(1)).toBe(500);
    expect(told).toHaveLength(2);
  });

  it('a worker (reconnectForMs: Infinity) keeps reconnecting', () => {
    vi.useFakeTimers({ now: 0 });
    const conn = connectionOptions(target, { reconnectForMs: Infinity });
    conn.markReady();
    conn.options.retryStrategy(1);
    vi.advanceTimersByTime(7 * 24 * 3600 * 1000);
    expect(conn.options.retryStrategy(10_000)).toBe(5000);
  });
});
