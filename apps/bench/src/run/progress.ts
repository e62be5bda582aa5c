/**
 * Progress of a run. On a TTY: one status line redrawn in place (done/total, failures, the trials
 * running now, ETA from the mean wall time of this session's trials and the concurrency). Otherwise
 * (CI logs, pipes): one plain line per finished trial.
 */
import { trialLabel, type TrialJob, type TrialResult } from '@transferbench/core';

export interface Progress {
  start(total: number, alreadyDone: number, concurrency: number): void;
  trialStarted(job: TrialJob): void;
  trialFinished(job: TrialJob, result: TrialResult): void;
  stop(): void;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function resultText(job: TrialJob, r: TrialResult): string {
  const cpu = r.measures.cpuMs != null ? ` cpu ${(r.measures.cpuMs / 1000).toFixed(1)}s` : '';
  const head = `${trialLabel(job)} wall ${(r.measures.runnerWallMs / 1000).toFixed(1)}s${cpu}`;
  return r.status === 'ok' ? `ok     ${head}` : `FAILED ${head} (${r.failure?.reason}: ${r.failure?.message.split('\n')[0].slice(0, 160)})`;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, isTty = !!stream.isTTY): Progress {
  let total = 0,
    done = 0,
    failed = 0,
    concurrency = 1,
    ranThisSession = 0,
    wallSum = 0;
  const running = new Map<string, { job: TrialJob; t0: number }>();
  let timer: NodeJS.Timeout | undefined;
  const eta = () => {
    if (ranThisSession === 0) return '?';
    return formatDuration(((wallSum / ranThisSession) * (total - done)) / concurrency);
  };
  const draw = () => {
    if (!isTty) return;
    const now = performance.now();
    const cur = [...running.values()].map((r) => `${trialLabel(r.job)} ${formatDuration(now - r.t0)}`).join(', ');
    const line = `[${done}/${total}] ${total ? Math.floor((100 * done) / total) : 100}%${failed ? ` · ${failed} failed` : ''} · ETA ${eta()}${cur ? ` · running ${cur}` : ''}`;
    const width = stream.columns || 120;
    stream.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
  };
  return {
    start(t, already, c) {
      total = t;
      done = already;
      concurrency = c;
      if (isTty) timer = setInterval(draw, 1000).unref();
      draw();
    },
    trialStarted(job) {
      running.set(job.id, { job, t0: performance.now() });
      draw();
    },
    trialFinished(job, r) {
      running.delete(job.id);
      done++;
      ranThisSession++;
      wallSum += r.measures.runnerWallMs;
      if (r.status !== 'ok') failed++;
      if (isTty) {
        if (r.status !== 'ok') stream.write(`\r\x1b[2K${resultText(job, r)}\n`);
        draw();
      } else {
        stream.write(`[${done}/${total}] ${resultText(job, r)}\n`);
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      if (isTty) stream.write('\r\x1b[2K');
    },
  };
}
