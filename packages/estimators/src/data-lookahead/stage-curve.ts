/**
 * The coarse learning curve that data-lookahead gets for free: at the end of every stage, each task's
 * validation ROC-AUC (evaluation mode) at its included label count n_i. Points of all replicates are pooled
 * per task (replicate = bootstrap group) and fitted with core's EXP3, m(n) = c − exp(b − a·n), c ≤ 1.
 * A fit that fails (too few points, flat curve, rate at its bound, …) is reported with core's reason, never
 * dropped silently; a stage where a task's validation labels hold one class gives no point (AUC undefined).
 */
import { EXP3, fitCurve, rocAucMasked, type CurveFit, type CurvePoint, type LabelledRows, type MultiTaskModel } from '@transferbench/core';

export interface StagePoint {
  stage: number;
  /** included labels per task */
  n: number[];
  /** validation ROC-AUC per task (null: one class or no labels) */
  auc: (number | null)[];
  /** validation loss per task (evaluation mode) */
  loss: (number | null)[];
  /** training epochs run in this stage */
  epochs: number;
}

/** Per-task validation ROC-AUC of the model (null where undefined). */
export function validationAucs(model: MultiTaskModel, val: LabelledRows): (number | null)[] {
  const K = model.spec.numTasks;
  const probs = model.predict(val.rows);
  return Array.from({ length: K }, (_, t) => {
    const y = new Int8Array(val.rows.length);
    const p = new Float64Array(val.rows.length);
    for (let i = 0; i < val.rows.length; i++) {
      y[i] = val.labels[i * K + t];
      p[i] = probs[i * K + t];
    }
    const auc = rocAucMasked(y, p);
    return Number.isFinite(auc) ? auc : null;
  });
}

export interface TaskCurveFit {
  task: string;
  points: number;
  converged: boolean;
  /** core's reason when the fit failed */
  reason: string | null;
  estimate: Record<string, number | null>;
  se: Record<string, number | null>;
  warnings: string[];
}

export interface StageCurveSummary {
  fits: TaskCurveFit[];
  attempts: number;
  failures: number;
}

/** EXP3 per task from the stage points of every replicate (one group per replicate). */
export function fitStageCurves(
  taskIds: readonly string[],
  replicates: readonly { seed: number; stages: StagePoint[] }[],
  seed: number,
): StageCurveSummary {
  const fits = taskIds.map((task, t): TaskCurveFit => {
    const points: CurvePoint[] = replicates.flatMap((r) =>
      r.stages.flatMap((s) => (s.auc[t] === null ? [] : [{ x: [s.n[t]], y: s.auc[t]!, group: r.seed }])),
    );
    let fit: CurveFit;
    try {
      fit = fitCurve(EXP3, points, { upperAsymptote: 1, seed });
    } catch (err) {
      return { task, points: points.length, converged: false, reason: (err as Error).message, estimate: {}, se: {}, warnings: [] };
    }
    return {
      task,
      points: points.length,
      converged: fit.converged,
      reason: fit.reason,
      estimate: fit.estimate,
      se: fit.se,
      warnings: fit.warnings,
    };
  });
  return { fits, attempts: fits.length, failures: fits.filter((f) => !f.converged).length };
}
