/**
 * The transfer matrices a report shows per dataset: the truth (the oracle's or the planted effects) and, for
 * each estimator, its estimate at the largest budget that has finished trials, averaged cell by cell over
 * the seeds. Orientation as in TransferEstimate: effect[target][source]. null cells (the diagonal, pairs not
 * estimated) stay null.
 */
import type { ResultsBundle, TrialRecord } from '@transferbench/core';

export interface TransferMatrix {
  /** `truth` or the estimator id */
  name: string;
  title: string;
  unit: string;
  tasks: string[];
  effect: (number | null)[][];
  /** trials averaged */
  trials: string[];
}

function meanMatrix(records: TrialRecord[]): { tasks: string[]; effect: (number | null)[][] } {
  const tasks = records[0].estimate!.tasks;
  const K = tasks.length;
  const effect = Array.from({ length: K }, (_, i) =>
    Array.from({ length: K }, (_, j) => {
      const vals = records
        .map((r) => r.estimate!.pairwise.effect[i]?.[j])
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
    }),
  );
  return { tasks, effect };
}

export function transferMatrices(bundle: ResultsBundle, dataset: string): TransferMatrix[] {
  const s = bundle.summary;
  const out: TransferMatrix[] = [];
  const truth = s.truth.find((t) => t.dataset === dataset);
  const truthRec = truth ? bundle.trials.find((t) => t.id === truth.trialId && t.status === 'ok' && t.estimate) : undefined;
  if (truth && truthRec) {
    out.push({
      name: 'truth',
      title: `truth (${truth.source})`,
      unit: truthRec.estimate!.unit,
      ...meanMatrix([truthRec]),
      trials: [truthRec.id],
    });
  }
  const rows = s.rows.filter((r) => r.dataset === dataset);
  for (const estimator of [...new Set(rows.map((r) => r.estimator))]) {
    const ladder = rows.filter((r) => r.estimator === estimator).sort((a, b) => b.budgetIndex - a.budgetIndex);
    for (const row of ladder) {
      const recs = bundle.trials.filter(
        (t) =>
          t.status === 'ok' &&
          t.estimate &&
          t.job.kind === 'estimate' &&
          t.job.dataset.id === dataset &&
          t.job.estimator?.id === estimator &&
          t.job.estimator.budget === row.budget,
      );
      if (!recs.length) continue;
      recs.sort((a, b) => a.job.seed - b.job.seed);
      out.push({
        name: estimator,
        title: `${estimator} @ ${row.budget} (mean of ${recs.length} seed${recs.length === 1 ? '' : 's'})`,
        unit: recs[0].estimate!.unit,
        ...meanMatrix(recs),
        trials: recs.map((r) => r.id),
      });
      break;
    }
  }
  return out;
}
