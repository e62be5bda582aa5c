/**
 * What a trial child does about its own containment, before the trial runs:
 *   - starts the watchdog thread (watchdog-thread.mjs): parent gone → the whole process group dies; resident
 *     memory over the cap → failed with reason `memory`; own deadline passed → failed with reason `timeout`;
 *   - bounds WebAssembly memories created through `new WebAssembly.Memory` by the same cap (a memory a plugin
 *     imports into its module can grow no further than the trial may use; memories a module declares itself
 *     are still counted by the resident-memory check).
 * Hand-written: no library watches a process from inside itself against its parent and a resident-memory cap.
 */
import { Worker } from 'node:worker_threads';

export interface WatchdogOptions {
  resultFile: string;
  /** the pid of the process that started this trial (the run or the queue worker) */
  parentPid: number;
  /** the trial's timeout; the watchdog's own deadline is this plus `graceMs` (the parent acts first) */
  timeoutMs: number;
  graceMs?: number;
  /** resident-memory cap of the whole child process, MiB */
  memoryMb: number;
  intervalMs?: number;
}

/** Largest delay Node's timers take (2^31 − 1 ms); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function startWatchdog(o: WatchdogOptions): Worker {
  const worker = new Worker(new URL('./watchdog-thread.mjs', import.meta.url), {
    workerData: {
      parentPid: o.parentPid,
      deadlineAt: Date.now() + Math.min(o.timeoutMs + (o.graceMs ?? 5000), MAX_TIMER_MS),
      rssCapBytes: o.memoryMb * 1024 * 1024,
      resultFile: o.resultFile,
      intervalMs: o.intervalMs ?? 100,
    },
    // a bare thread: no TypeScript loader, a small heap of its own
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 32 },
  });
  worker.unref();
  return worker;
}

const PAGE = 64 * 1024;

/** Makes `new WebAssembly.Memory(...)` refuse to start or grow beyond `memoryMb`. */
export function boundWebAssemblyMemory(memoryMb: number): void {
  const Original = WebAssembly.Memory;
  const capPages = Math.max(1, Math.floor((memoryMb * 1024 * 1024) / PAGE));
  class BoundedMemory extends Original {
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      if (descriptor.initial > capPages)
        throw new RangeError(
          `WebAssembly.Memory: ${descriptor.initial} initial pages (${Math.round((descriptor.initial * PAGE) / 2 ** 20)} MiB) exceed the trial's memory cap of ${memoryMb} MiB`,
        );
      super({ ...descriptor, maximum: Math.min(descriptor.maximum ?? capPages, capPages) });
    }
    // memories that modules create themselves are still `instanceof WebAssembly.Memory`
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Original;
    }
  }
  Object.defineProperty(WebAssembly, 'Memory', { value: BoundedMemory, writable: true, configurable: true });
}
