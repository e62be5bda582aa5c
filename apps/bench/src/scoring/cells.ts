/**
 * The unit of scoring: a cell. Pairwise, a cell is an ordered pair (target ← source, i ≠ j) of the K×K matrix;
 * contextually, a cell is a target. A truth gives each cell a class (core truth-classes.ts) and an effect; an
 * estimate gives it an effect and, optionally, a raw two-sided p-value. Cells are aligned by task id, so an
 * estimate may order its tasks differently from the truth.
 *
 * Constructed nulls: a cell whose target or source is a label-permuted control has no effect by construction,
 * whatever the truth's CI says (DESIGN §8). Independent tasks are not: in a shared trunk an unrelated task's
 * information competes for capacity (the specific-transfer truth finds it negative on the default data).
 */
import {
  classifyTruth,
  classifyVectorTruth,
  type Matrix,
  type ScoreScope,
  type TransferEstimate,
  type TruthClass,
} from '@transferbench/core';

export interface TruthCell {
  target: string;
  /** null for a contextual cell */
  source: string | null;
  class: TruthClass;
  effect: number | null;
  lower: number | null;
  upper: number | null;
  constructedNull: boolean;
}

export interface TruthGrid {
  scope: ScoreScope;
  tasks: string[];
  cells: TruthCell[];
  nullMargin: number;
}

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The truth's cells of one scope; null when the truth has no output of that scope. */
export function truthGrid(scope: ScoreScope, truth: TransferEstimate, nullMargin: number, controls: readonly string[]): TruthGrid | null {
  const ctl = new Set(controls);
  const tasks = truth.tasks;
  if (scope === 'pairwise') {
    const { effect, lower, upper } = truth.pairwise;
    if (!effect.some((row, i) => row.some((v, j) => i !== j && num(v) !== null))) return null;
    const classes = classifyTruth(truth, nullMargin).classes;
    const cells: TruthCell[] = [];
    tasks.forEach((t, i) =>
      tasks.forEach((s, j) => {
        if (i === j) return;
        cells.push({
          target: t,
          source: s,
          class: classes[i][j]!,
          effect: num(effect[i]?.[j]),
          lower: num(lower?.[i]?.[j]),
          upper: num(upper?.[i]?.[j]),
          constructedNull: ctl.has(t) || ctl.has(s),
        });
      }),
    );
    return { scope, tasks, cells, nullMargin };
  }
  const c = truth.contextual;
  if (!c || !c.effect.some((v) => num(v) !== null)) return null;
  const classes = classifyVectorTruth({ tasks, contextual: c }, nullMargin).classes;
  return {
    scope,
    tasks,
    nullMargin,
    cells: tasks.map((t, i) => ({
      target: t,
      source: null,
      class: classes[i],
      effect: num(c.effect[i]),
      lower: num(c.lower?.[i]),
      upper: num(c.upper?.[i]),
      constructedNull: ctl.has(t),
    })),
  };
}

/** The estimate's effect and raw p for each truth cell (NaN where the estimate has none). */
export function estimateCells(grid: TruthGrid, est: TransferEstimate): { effect: number; p: number }[] {
  const pos = new Map(est.tasks.map((t, k) => [t, k]));
  const pick = (m: Matrix | undefined, a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? null : num(m?.[a]?.[b]);
  return grid.cells.map((cell) => {
    const a = pos.get(cell.target);
    let e: number | null, p: number | null;
    if (cell.source === null) {
      e = a === undefined ? null : num(est.contextual?.effect[a]);
      p = a === undefined ? null : num(est.contextual?.pValue?.[a]);
    } else {
      const b = pos.get(cell.source);
      e = pick(est.pairwise.effect, a, b);
      p = pick(est.pairwise.pValue, a, b);
    }
    return { effect: e ?? Number.NaN, p: e !== null && p !== null ? p : Number.NaN };
  });
}

/** Whether an estimate has any output (effects) for a scope. */
export function hasScope(scope: ScoreScope, est: TransferEstimate): boolean {
  if (scope === 'pairwise') return est.pairwise.effect.some((row, i) => row.some((v, j) => i !== j && num(v) !== null));
  return !!est.contextual && est.contextual.effect.some((v) => num(v) !== null);
}
