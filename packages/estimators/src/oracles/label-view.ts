/**
 * What an oracle model sees of a task's labels in one replicate. A task enters a model in one of three roles:
 *   - `full`: all its labels (a source at full data);
 *   - `target`: its TRAINING labels cut to `targetFraction` of the train pool — the operating point where
 *     transfer matters (a data-poor target). The cut is stratified (that fraction of the positives and of the
 *     negatives, at least one of each) and drawn once per replicate and task, so a target has the same labels
 *     in every model of the replicate (alone, with j, with permuted j): the Δs stay paired. Validation and test
 *     labels are kept: early stopping and the metric stay as precise as at full data;
 *   - `permuted`: its training labels permuted over the train-pool compounds it is labelled for (and its
 *     validation labels over its validation compounds), once per replicate and task — same compounds, same label
 *     counts, no information. A model {i, perm j} has exactly the rows, heads and class balance of {i, j}, so
 *     m_i({i, j}) − m_i({i, perm j}) is the transfer of j's information with capacity and regularisation
 *     effects of the extra head removed (DESIGN §8, specific transfer).
 */
import { Rng, type MultiTaskDataset, type Split } from '@transferbench/core';

export type MemberRole = 'full' | 'target' | 'permuted';

export interface SubsetMember {
  task: number;
  role: MemberRole;
}

/** Stratified cut of a task's train-pool labels: the rows kept, and the class counts. */
export interface TargetCut {
  kept: Uint8Array;
  positives: number;
  negatives: number;
}

/** Train-pool class counts of a task and what a stratified cut to `fraction` keeps of each (≥ 1 when any). */
export function cutCounts(positives: number, negatives: number, fraction: number): { positives: number; negatives: number } {
  const keep = (n: number) => (n === 0 ? 0 : Math.max(1, Math.round(fraction * n)));
  return { positives: keep(positives), negatives: keep(negatives) };
}

export class LabelView {
  private readonly cuts = new Map<number, TargetCut>();
  private readonly permuted = new Map<number, Int8Array>();

  constructor(
    readonly dataset: MultiTaskDataset,
    readonly split: Split,
    readonly seed: number,
    readonly targetFraction: number,
  ) {}

  private rows(part: Int32Array, t: number, cls?: 0 | 1): number[] {
    const K = this.dataset.tasks.length;
    const out: number[] = [];
    for (const r of part) {
      const y = this.dataset.labels[r * K + t];
      if (y >= 0 && (cls === undefined || y === cls)) out.push(r);
    }
    return out;
  }

  /** The replicate's stratified cut of task t's train labels (null at fraction 1: nothing is cut). */
  cut(t: number): TargetCut | null {
    if (this.targetFraction >= 1) return null;
    let c = this.cuts.get(t);
    if (!c) {
      const rng = new Rng(this.seed).stream(`oracle/target-cut/${this.dataset.tasks[t].id}`);
      const pos = this.rows(this.split.train, t, 1);
      const neg = this.rows(this.split.train, t, 0);
      const want = cutCounts(pos.length, neg.length, this.targetFraction);
      const kept = new Uint8Array(this.dataset.samples.length);
      for (const r of rng.sample(pos, want.positives)) kept[r] = 1;
      for (const r of rng.sample(neg, want.negatives)) kept[r] = 1;
      c = { kept, ...want };
      this.cuts.set(t, c);
    }
    return c;
  }

  /** Task t's labels with its train and validation labels permuted within each part (per dataset row, −1 = none). */
  permutedLabels(t: number): Int8Array {
    let p = this.permuted.get(t);
    if (!p) {
      const K = this.dataset.tasks.length;
      p = new Int8Array(this.dataset.samples.length).fill(-1);
      const id = this.dataset.tasks[t].id;
      for (const [name, part] of [
        ['train', this.split.train],
        ['val', this.split.val],
      ] as const) {
        const rows = this.rows(part, t);
        const values = Int8Array.from(rows, (r) => this.dataset.labels[r * K + t]);
        new Rng(this.seed).stream(`oracle/permute/${id}/${name}`).shuffle(values);
        rows.forEach((r, i) => (p![r] = values[i]));
      }
      for (const r of this.split.test) p[r] = this.dataset.labels[r * K + t];
      this.permuted.set(t, p);
    }
    return p;
  }

  /** The label of dataset row r for a member, in the given part of the split. */
  label(r: number, m: SubsetMember, part: 'train' | 'val' | 'test'): number {
    if (m.role === 'permuted') return this.permutedLabels(m.task)[r];
    const y = this.dataset.labels[r * this.dataset.tasks.length + m.task];
    if (m.role === 'target' && part === 'train' && y >= 0) {
      const c = this.cut(m.task);
      if (c && !c.kept[r]) return -1;
    }
    return y;
  }
}
