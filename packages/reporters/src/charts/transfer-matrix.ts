/**
 * The transfer matrices a report shows per dataset: the pairwise truth (summary.truths: the oracle's or the
 * planted effects per ordered pair) and, for each estimator (reference rows included), its estimate at the
 * largest budget that has finished trials, averaged cell by cell over the seeds (and the folds of a
 * cross-validation group); estimators without a pairwise output are left out. Orientation as in TransferEstimate: effect[target][source]. null cells (the diagonal,
 * pairs not estimated) stay null.
 */
import type { ResultsBundle, TrialRecord } from '@transferbench/core';
import { datasetMembers } from '../dataset-members.ts';

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
  const truth = s.truths.find((t) => t.dataset === dataset && t.scope === 'pairwise');
  if (truth && truth.cells.length) {
    const pos = new Map(truth.tasks.map((t, k) => [t, k]));
    const effect = truth.tasks.map(() => new Array<number | null>(truth.tasks.length).fill(null));
    for (const c of truth.cells) if (c.source !== null) effect[pos.get(c.target)!][pos.get(c.source)!] = c.effect;
    out.push({
      name: 'truth',
      title: `pairwise truth (${truth.source === 'planted' ? 'planted' : truth.estimator}), δ = ${truth.nullMargin}`,
      unit: truth.unit ?? 'unit not reported',
      tasks: truth.tasks,
      effect,
      trials: [truth.trialId],
    });
  }
  const rows = s.rows.filter((r) => r.dataset === dataset);
  const members = datasetMembers(s, dataset);
  for (const estimator of [...new Set(rows.map((r) => r.estimator))]) {
    const ladder = rows.filter((r) => r.estimator === estimator).sort((a, b) => b.budgetIndex - a.budgetIndex);
    for (const row of ladder) {
      const recs = bundle.trials.filter(
        (t) =>
          t.status === 'ok' &&
          t.estimate &&
          t.job.kind === 'estimate' &&
          members.has(t.job.dataset.id) &&
          t.job.estimator?.id === estimator &&
          t.job.estimator.budget === row.budget,
      );
      if (!recs.length) continue;
      recs.sort((a, b) => a.job.seed - b.job.seed);
      const mean = meanMatrix(recs);
      // no pairwise output (e.g. a contextual-only oracle): nothing to draw
      if (!mean.effect.some((row, i) => row.some((v, j) => i !== j && v !== null))) break;
      out.push({
        name: estimator,
        title: `${estimator}${row.role === 'reference' ? ' (reference)' : ''} @ ${row.budget} (mean of ${recs.length} seed${recs.length === 1 ? '' : 's'})`,
        unit: recs[0].estimate!.unit,
        ...mean,
        trials: recs.map((r) => r.id),
      });
      break;
    }
  }
  return out;
}
