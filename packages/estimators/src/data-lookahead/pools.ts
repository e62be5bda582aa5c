/**
 * Accumulating data for data-lookahead: per task, its train pool (the split's train compounds labelled for
 * that task) in a seeded random order, split into an INCLUDED prefix (what the model trains on) and the
 * rest (never trained on yet). Stage s includes the prefix of `fraction_s · pool`, fractions rising linearly
 * from `startFraction` to `endFraction` over the stages.
 *
 * Unseen samples for lookahead probes come from the slice the NEXT stage will add (in the last stage: the
 * remainder beyond `endFraction`), consumed front to back by a cursor that never moves backwards: a sample
 * is used by at most one probe, and only before the model has trained on it. How a slice is divided over a
 * stage's probes is the stage plan's business (schedule.ts); asking for more than is left is a planning
 * error and throws. No sample is ever reused.
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
  /** per task: unseen samples handed to probes so far */
  readonly probed: number[];
  /** per task: unseen samples offered by the slices of all stages entered so far */
  readonly offered: number[];
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
    this.probed = new Array<number>(this.K).fill(0);
    this.offered = new Array<number>(this.K).fill(0);
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
      this.offered[t] += this.sliceEnd[t] - this.cursor[t];
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

  /** Unseen samples left for probes of task t in this stage. */
  available(t: number): number {
    return this.sliceEnd[t] - this.cursor[t];
  }

  /** The next `size` unseen samples of task t, labelled for task t only (more than are left in the stage's slice: throws). */
  takeUnseen(t: number, size: number): LabelledRows {
    const left = this.available(t);
    if (!(Number.isInteger(size) && size >= 1 && size <= left)) {
      throw new Error(`TaskPools: ${size} unseen samples of task ${t} asked for in stage ${this.stageIndex}; ${left} left in its slice`);
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
