/**
 * The trial child's watchdog: a worker thread, so it keeps ticking while the trial's own thread is stuck in
 * a synchronous loop. Every `intervalMs` it checks three things and, on a breach, writes the trial's failed
 * outcome (so the parent records a reason, not a bare signal) and SIGKILLs the child's whole process group:
 *   - the parent is gone (this process was re-parented): nobody would ever stop or read this trial;
 *   - resident memory (the whole process: V8 heap, buffers, WebAssembly memory, worker threads) is over the
 *     cap — `--max-old-space-size` alone caps only the JS heap;
 *   - the trial's own deadline passed (the parent's timeout is the first line; this one holds when the
 *     parent is alive but cannot act).
 * Plain JavaScript (no TypeScript loader needed in the thread); the thread is unref'd by its owner, so it
 * never keeps a finished trial alive.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

/** @type {{ parentPid: number, deadlineAt: number, rssCapBytes: number, resultFile: string, intervalMs: number }} */
const w = workerData;
const MiB = 1024 * 1024;
let fired = false;

function outcome(reason, message) {
  return {
    status: 'failed',
    failure: { reason, message },
    measures: {
      wallMs: null,
      cpuMs: null,
      setupMs: null,
      processCpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    },
    engine: null,
  };
}

function killGroup() {
  // the child is its process group's leader (spawned detached): -pid reaches its own sub-processes too
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
}

function fire(reason, message) {
  if (fired) return;
  fired = true;
  if (reason) {
    try {
      const tmp = `${w.resultFile}.watchdog`;
      writeFileSync(tmp, JSON.stringify(outcome(reason, message)));
      renameSync(tmp, w.resultFile);
    } catch {
      /* the parent still sees the kill */
    }
  }
  killGroup();
}

function parentAlive() {
  if (process.ppid !== w.parentPid) return false;
  try {
    process.kill(w.parentPid, 0);
    return true;
  } catch (err) {
    return err?.code === 'EPERM';
  }
}

function tick() {
  if (!parentAlive()) return fire(null, 'parent gone');
  const rss = process.memoryUsage.rss();
  if (rss > w.rssCapBytes)
    return fire(
      'memory',
      `resident memory ${Math.round(rss / MiB)} MiB exceeded the trial's cap of ${Math.round(w.rssCapBytes / MiB)} MiB ` +
        '(the whole process counts: JS heap, buffers, WebAssembly memory, threads)',
    );
  if (Date.now() > w.deadlineAt)
    return fire('timeout', `exceeded the trial's deadline (its timeout plus a grace period); stopped by its own watchdog`);
}

tick();
setInterval(tick, w.intervalMs);
