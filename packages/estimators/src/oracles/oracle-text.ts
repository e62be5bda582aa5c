/** What the oracles say about themselves: the unit of an effect and the notes every oracle estimate carries. */
import type { OracleMetric } from './oracle-options.ts';

const METRIC_TEXT: Record<OracleMetric, string> = {
  auc: 'test ROC-AUC',
  ap: 'test average precision',
  logloss: 'negative test log-loss',
};

/** "Δ <metric> of the target: <comparison> (<operating point>; > 0 = helps)" — stated on every table using the truth. */
export function oracleUnit(metric: OracleMetric, comparison: string, targetFraction: number): string {
  const point = targetFraction < 1 ? `target at ${targetFraction} of its training labels, sources at full data` : 'full data';
  return `Δ ${METRIC_TEXT[metric]} of ${comparison} (${point}; > 0 = the other task(s) help)`;
}

export function oracleNotes(options: { resampleSplit: boolean; targetFraction: number }): string[] {
  return [
    'paired by seed: both models of a Δ share the replicate seed (same initial trunk and streams); the t-test over seeds is a paired test',
    options.resampleSplit
      ? 'each replicate re-draws the train/validation(/test) partition of the same compounds: the CIs include sampling of the held-out rows'
      : 'all replicates use the given split: the CIs are conditional on its test set (test-set sampling is not in them)',
    'each model: core trainModel with per-task early stopping — each task is scored on its test labels with the model at the epoch of its own lowest validation loss; training runs until every task read out (a target) has stopped improving',
    ...(options.targetFraction < 1
      ? [
          `operating point: each target keeps ${options.targetFraction} of its training labels (stratified, drawn per replicate, the same in all its models); validation and test labels and the sources are at full data`,
        ]
      : []),
  ];
}

/** The note on the oracle's training cache. */
export function cacheNote(dir: string | undefined, stats: { hits: number; writes: number; invalid: number }, trainings: number): string {
  return dir
    ? `cache ${dir}: ${stats.hits} hit(s), ${trainings} training(s) run, ${stats.writes} written` +
        (stats.invalid > 0 ? `, ${stats.invalid} invalid entr(ies) ignored` : '')
    : 'no cache directory (ctx.cacheDir unset or cache: false): every training was run';
}
