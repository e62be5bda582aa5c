/**
 * Accumulating data for data-lookahead: per task, its train pool (the split's train compounds labelled for
 * that task) in a seeded random order, split into an INCLUDED prefix (what the model trains on) and the
 * rest (never trained on yet). Stage s includes the prefix of `fraction_s · pool`, fractions rising linearly
 * from `startFraction` to `endFraction` over the stages.
 *
 * Unseen samples for lookahead probes come from the slice the NEXT stage will add (in the last stage: the
 * remainder beyond `endFraction`), consumed front to back by a cursor that never moves backwards: a sample
 * is used by at most one probe, and only before the model has trained on it. When a source's slice cannot
 * fill a probe batch, probing of that source stops until the next stage opens a new slice; the pools report
 * where that happened (`exhausted`). No sample is ever reused.
 */
import type { LabelledRows, MultiTaskDataset, Rng, Split } from '@transferbench/core';
import { labelledFor } from '@transferbench/core';

export interface StageSchedule {
  stages: number;
  startFraction: number;
  endFraction: number;
}

/** Included fraction of each task's pool at stage s (linear from start to end). */
export function stageFraction(schedule: StageSchedule, stage: number): number {
  const { stages, startFraction, endFraction } = schedule;
  return stages <= 1 ? startFraction : startFraction + ((endFraction - startFraction) * stage) / (stages - 1);
}

/**
 * The probe interval that spreads a stage's unseen slice (`slice` samples, `batch` per probe) evenly over the
 * stage's `plannedSteps` training steps (probes at steps 0, k, 2k, … < plannedSteps, at most slice/batch of
 * them): the slice lasts the whole stage instead of being used up in its first steps.
 */
export function spreadInterval(plannedSteps: number, slice: number, batch: number): number {
  const probes = Math.floor(slice / batch);
  return Math.max(1, probes <= 0 ? plannedSteps : Math.ceil(plannedSteps / probes));
}

export interface ExhaustionEvent {
  task: number;
  stage: number;
  /** global training step at which the source could not fill a probe batch */
  step: number;
  /** unseen samples left in the stage's slice (fewer than one batch) */
  left: number;
}

export class TaskPools {
  readonly K: number;
  /** per task: dataset rows of its train pool, shuffled */
  readonly pool: Int32Array[];
  /** per task: included prefix length at the current stage */
  readonly included: number[];
  /** per task: next unseen position handed to a probe */
  private readonly cursor: number[];
  /** per task: end (exclusive) of the slice probes may use in the current stage */
  private readonly sliceEnd: number[];
  /** per task: whether the current stage opened a non-empty unseen slice */
  private readonly sliceOpen: boolean[];
  readonly exhausted: ExhaustionEvent[] = [];
  /** per task: unseen samples handed to probes so far */
  readonly probed: number[];
  private stageIndex = -1;

  constructor(
    private readonly ds: MultiTaskDataset,
    split: Split,
    readonly schedule: StageSchedule,
    rng: Rng,
  ) {
    this.K = ds.tasks.length;
    this.pool = ds.tasks.map((_, t) => rng.stream(`pool/${t}`).shuffle(labelledFor(ds, split.train, t)));
    this.included = new Array<number>(this.K).fill(0);
    this.cursor = new Array<number>(this.K).fill(0);
    this.sliceEnd = new Array<number>(this.K).fill(0);
    this.sliceOpen = new Array<boolean>(this.K).fill(false);
    this.probed = new Array<number>(this.K).fill(0);
  }

  get stage(): number {
    return this.stageIndex;
  }

  /** Moves to stage s (only forwards): grows the included prefixes and opens the next unseen slice. */
  enterStage(stage: number): void {
    if (stage <= this.stageIndex || stage >= this.schedule.stages) {
      throw new Error(`TaskPools: cannot enter stage ${stage} from stage ${this.stageIndex} (stages = ${this.schedule.stages})`);
    }
    this.stageIndex = stage;
    const here = stageFraction(this.schedule, stage);
    const next = stage + 1 < this.schedule.stages ? stageFraction(this.schedule, stage + 1) : 1;
    for (let t = 0; t < this.K; t++) {
      const P = this.pool[t].length;
      this.included[t] = Math.max(this.included[t], Math.round(here * P));
      this.cursor[t] = Math.max(this.cursor[t], this.included[t]);
      this.sliceEnd[t] = Math.max(this.cursor[t], Math.round(next * P));
      this.sliceOpen[t] = this.sliceEnd[t] > this.cursor[t];
    }
  }

  /** Included label count per task at the current stage. */
  counts(): number[] {
    return this.included.slice();
  }

  /** The training set: every compound with an included label, labels of non-included (row, task) pairs hidden. */
  trainingRows(): LabelledRows {
    const K = this.K;
    const slot = new Map<number, number>();
    const rows: number[] = [];
    for (let t = 0; t < K; t++)
      for (let p = 0; p < this.included[t]; p++) {
        const r = this.pool[t][p];
        if (!slot.has(r)) {
          slot.set(r, rows.length);
          rows.push(r);
        }
      }
    // ascending dataset order: the training stream's permutation, not the pool order, decides batches
    const order = rows.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
    const sorted = Int32Array.from(order, ([r]) => r);
    const position = new Map<number, number>();
    sorted.forEach((r, i) => position.set(r, i));
    const labels = new Int8Array(sorted.length * K).fill(-1);
    for (let t = 0; t < K; t++)
      for (let p = 0; p < this.included[t]; p++) {
        const r = this.pool[t][p];
        labels[position.get(r)! * K + t] = this.ds.labels[r * K + t];
      }
    return { rows: sorted, labels };
  }

  /** The smallest non-empty unseen slice left in this stage (0 when no task has one). */
  smallestSlice(): number {
    let m = Infinity;
    for (let t = 0; t < this.K; t++) if (this.available(t) > 0) m = Math.min(m, this.available(t));
    return Number.isFinite(m) ? m : 0;
  }

  /** Unseen samples left for probes of task t in this stage. */
  available(t: number): number {
    return this.sliceEnd[t] - this.cursor[t];
  }

  /**
   * A batch of `size` unseen samples of task t, labelled for task t only, or null when the stage's slice
   * cannot fill it (recorded once per task and stage as exhaustion — unless the stage opened no slice at
   * all, e.g. the last stage with endFraction = 1, which is by design).
   */
  takeUnseen(t: number, size: number, step: number): LabelledRows | null {
    const left = this.available(t);
    if (left < size) {
      if (this.sliceOpen[t] && !this.exhausted.some((e) => e.task === t && e.stage === this.stageIndex)) {
        this.exhausted.push({ task: t, stage: this.stageIndex, step, left });
      }
      return null;
    }
    const K = this.K;
    const rows = this.pool[t].slice(this.cursor[t], this.cursor[t] + size);
    this.cursor[t] += size;
    this.probed[t] += size;
    const labels = new Int8Array(size * K).fill(-1);
    for (let i = 0; i < size; i++) labels[i * K + t] = this.ds.labels[rows[i] * K + t];
    return { rows, labels };
  }
}
