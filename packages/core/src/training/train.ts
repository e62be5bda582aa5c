/**
 * The engine-agnostic training loop: shuffled minibatches from a seeded stream, one Adam step per
 * batch (`model.trainStep`), validation loss after every epoch, early stopping with patience and
 * restore of the best weights. Hooks let estimators act during ordinary training (TAG probes,
 * gradient cosines, data-lookahead probes) without re-implementing the loop.
 */
import { Rng } from '../rng.ts';
import type { MultiTaskModel } from '../contracts/model.ts';
import type { LabelledRows } from '../contracts/split.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.ts';

export interface TrainHooks {
  /** Called before each optimiser step with the batch about to be used; step counts from 0. */
  beforeStep?(step: number, batch: LabelledRows, epoch: number): void;
  /** Called after each epoch with its validation loss (NaN without validation data). */
  afterEpoch?(epoch: number, valLoss: number): void;
  /**
   * `earlyStopping: 'per-task'` only: called after an epoch in which these tasks (head indices) reached a
   * new lowest validation loss of their own — the model then holds each one's best point (e.g. to keep
   * its predictions there).
   */
  afterTaskBest?(epoch: number, tasks: number[], taskLosses: Float64Array): void;
  signal?: AbortSignal;
}

export interface TrainOptions {
  rng: Rng;
  maxEpochs?: number;
  patience?: number;
  batchSize?: number;
  hooks?: TrainHooks;
  /**
   * 'total' (default): stop when the summed validation loss of all tasks has not improved for `patience`
   * epochs. 'per-task': track each task's own validation loss and stop only when EVERY task with
   * validation labels has gone `patience` epochs without improving (or at maxEpochs), so each task can be
   * read at its own best epoch (`report.taskBestEpochs`, `hooks.afterTaskBest`) — a task's stopping point
   * then does not depend on the other tasks' losses. Either way the weights restored at the end are those
   * of the best summed validation loss.
   */
  earlyStopping?: 'total' | 'per-task';
  /**
   * 'per-task' only: the tasks (head indices) whose patience ends training (default: every task). A model read
   * for one task (an oracle's target) then stops by that task's own patience, as the task alone would: a
   * source that keeps improving neither holds training open nor gives the target more epochs to be read at.
   */
  stopOn?: readonly number[];
}

export interface TrainReport {
  epochs: number;
  bestEpoch: number;
  bestValLoss: number;
  valLosses: number[];
  steps: number;
  /** samples × (forward + backward) passes spent on training steps */
  samplePasses: number;
  /** `earlyStopping: 'per-task'` only: per task, the epoch of its lowest validation loss (−1: no labels) */
  taskBestEpochs?: number[];
  /** `earlyStopping: 'per-task'` only: per task, its lowest validation loss (NaN: no labels) */
  taskBestValLosses?: number[];
}

/** Sum over tasks of the per-task validation losses (tasks without labels contribute 0). */
export function totalLoss(losses: Float64Array): number {
  let s = 0;
  for (const l of losses) if (Number.isFinite(l)) s += l;
  return s;
}

/** Subset of labelled rows by positions into `data.rows`. */
export function takeRows(data: LabelledRows, positions: ArrayLike<number>, K: number): LabelledRows {
  const rows = new Int32Array(positions.length);
  const labels = new Int8Array(positions.length * K);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    rows[i] = data.rows[p];
    labels.set(data.labels.subarray(p * K, p * K + K), i * K);
  }
  return { rows, labels };
}

/** Rows with at least one visible label: unlabelled rows add nothing to the loss but cost time. */
export function dropUnlabelled(data: LabelledRows, K: number): LabelledRows {
  const keep: number[] = [];
  for (let i = 0; i < data.rows.length; i++) {
    for (let t = 0; t < K; t++)
      if (data.labels[i * K + t] >= 0) {
        keep.push(i);
        break;
      }
  }
  return keep.length === data.rows.length ? data : takeRows(data, keep, K);
}

/** Evaluation-mode per-task losses over a whole labelled set, in chunks. */
export function evaluateLosses(model: MultiTaskModel, data: LabelledRows, chunk = 1024): Float64Array {
  const K = model.spec.numTasks;
  const sum = new Float64Array(K);
  const count = new Float64Array(K);
  for (let s = 0; s < data.rows.length; s += chunk) {
    const e = Math.min(data.rows.length, s + chunk);
    const part: LabelledRows = { rows: data.rows.subarray(s, e), labels: data.labels.subarray(s * K, e * K) };
    const l = model.taskLosses(part);
    for (let t = 0; t < K; t++) {
      let n = 0;
      for (let i = s; i < e; i++) if (data.labels[i * K + t] >= 0) n++;
      if (n > 0) {
        sum[t] += l[t] * n;
        count[t] += n;
      }
    }
  }
  return sum.map((s, t) => (count[t] > 0 ? s / count[t] : NaN));
}

export function trainModel(model: MultiTaskModel, train: LabelledRows, val: LabelledRows | undefined, opts: TrainOptions): TrainReport {
  const K = model.spec.numTasks;
  const maxEpochs = opts.maxEpochs ?? model.spec.maxEpochs;
  const patience = opts.patience ?? model.spec.patience;
  const batchSize = opts.batchSize ?? model.spec.batchSize;
  const data = dropUnlabelled(train, K);
  const valData = val ? dropUnlabelled(val, K) : undefined;
  const hasVal = !!valData && valData.rows.length > 0;
  const perTask = opts.earlyStopping === 'per-task';
  const report: TrainReport = { epochs: 0, bestEpoch: -1, bestValLoss: Infinity, valLosses: [], steps: 0, samplePasses: 0 };
  if (perTask) {
    report.taskBestEpochs = new Array<number>(K).fill(-1);
    report.taskBestValLosses = new Array<number>(K).fill(NaN);
  }
  if (data.rows.length === 0) return report;
  let best: Checkpoint | undefined;
  let sinceBest = 0;
  const taskSinceBest = new Array<number>(K).fill(0);
  const watched = new Array<boolean>(K).fill(!opts.stopOn);
  for (const t of opts.stopOn ?? []) {
    if (!(Number.isInteger(t) && t >= 0 && t < K)) throw new Error(`trainModel: stopOn has ${t}; expected head indices in [0, ${K})`);
    watched[t] = true;
  }
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    opts.hooks?.signal?.throwIfAborted();
    const order = opts.rng.permutation(data.rows.length);
    for (let s = 0; s < order.length; s += batchSize) {
      const batch = takeRows(data, order.subarray(s, Math.min(order.length, s + batchSize)), K);
      opts.hooks?.beforeStep?.(report.steps, batch, epoch);
      model.trainStep(batch);
      report.steps++;
      report.samplePasses += batch.rows.length;
    }
    report.epochs = epoch + 1;
    const taskLosses = hasVal ? evaluateLosses(model, valData!) : undefined;
    const valLoss = taskLosses ? totalLoss(taskLosses) : NaN;
    report.valLosses.push(valLoss);
    opts.hooks?.afterEpoch?.(epoch, valLoss);
    if (!hasVal) continue;
    report.samplePasses += valData!.rows.length / 2; // forward only ≈ half a pass
    let improved = false;
    if (valLoss < report.bestValLoss - 1e-7) {
      report.bestValLoss = valLoss;
      report.bestEpoch = epoch;
      best = saveCheckpoint(model, best); // only the latest best is kept: its memory is reused
      sinceBest = 0;
      improved = true;
    } else {
      sinceBest++;
    }
    if (!perTask) {
      if (!improved && sinceBest > patience) break;
      continue;
    }
    const bestTasks: number[] = [];
    let anyActive = false;
    for (let t = 0; t < K; t++) {
      const l = taskLosses![t];
      if (!Number.isFinite(l)) continue; // no validation labels for this task: it does not hold training open
      const prev = report.taskBestValLosses![t];
      if (Number.isNaN(prev) || l < prev - 1e-7) {
        report.taskBestValLosses![t] = l;
        report.taskBestEpochs![t] = epoch;
        taskSinceBest[t] = 0;
        bestTasks.push(t);
      } else {
        taskSinceBest[t]++;
      }
      if (watched[t] && taskSinceBest[t] <= patience) anyActive = true;
    }
    if (bestTasks.length > 0) opts.hooks?.afterTaskBest?.(epoch, bestTasks, taskLosses!);
    if (!anyActive) break;
  }
  if (best) loadCheckpoint(model, best);
  return report;
}
