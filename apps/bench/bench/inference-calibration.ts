/**
 * Is the moderated t calibrated where the plain t is, and what power does it buy? Re-tests a finished run's
 * replicate-based estimates both ways — from each trial's per-replicate effects (details.replicates[].effect and
 * .contextual), so nothing is recomputed — and scores them against the run's own truths (scoring/pool-seeds.ts).
 * Prints, per estimator × budget × scope and method: power [Wilson CI], the raw rejection rate at α on the
 * constructed nulls (a calibrated test: α ± 2 SE) with its SE, the BH FPR on constructed nulls, and the KS p of the
 * constructed-null p-values.
 *
 *   npx tsx apps/bench/bench/inference-calibration.ts results/<run>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Matrix, type ScoreScope, type TransferEstimate, type TrialRecord } from '@transferbench/core';
import { pairwiseTTests, vectorTTests, type InferenceMethod } from '@transferbench/estimators';
import { loadResultsDir } from '../src/report/load-results.ts';
import { truthGrid } from '../src/scoring/cells.ts';
import { poolSeeds } from '../src/scoring/pool-seeds.ts';
import { truthJobFor } from '../src/suite/plan.ts';
import { truthScopes } from '../src/suite/suite-schema.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: inference-calibration.ts <results folder>');
const run = loadResultsDir(dir);
const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
const suite = run.run!.suite;
const alpha = suite.alpha;
const records = [...run.records.values()];
const jobs = records.map((r) => r.job);

/** The estimate re-tested with `method` from its per-replicate effects. */
function retest(est: TransferEstimate, method: InferenceMethod): TransferEstimate | null {
  const reps = (est.details?.replicates ?? []) as { effect?: Matrix; contextual?: (number | null)[] }[];
  if (!reps.length || !reps.every((r) => r.effect)) return null;
  const p = pairwiseTTests(
    reps.map((r) => r.effect!),
    0.95,
    method,
  );
  const out: TransferEstimate = { ...est, pairwise: { effect: p.effect, lower: p.lower, upper: p.upper, pValue: p.pValue } };
  if (reps.every((r) => r.contextual)) {
    const v = vectorTTests(
      reps.map((r) => r.contextual!),
      est.tasks.length,
      0.95,
      method,
    );
    out.contextual = { effect: v.effect, lower: v.lower, upper: v.upper, pValue: v.pValue };
  }
  return out;
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));
console.log(`run ${dir} (suite ${summary.suite.name}); α = ${alpha}`);
for (const scope of truthScopes as readonly ScoreScope[]) {
  const tJob = truthJobFor(jobs, suite, suite.datasets[0].id ?? suite.datasets[0].plugin, scope);
  const tRec = tJob && run.records.get(tJob.id);
  const spec = suite.truth[scope];
  if (!tRec?.estimate || !spec) continue;
  const grid = truthGrid(scope, tRec.estimate, spec.nullMargin, tRec.datasetInfo?.controls ?? []);
  if (!grid) continue;
  console.log(`\n${scope} truth: ${tRec.estimate.unit}`);
  console.log('estimator budget method | power [CI] | raw rejection on constructed nulls ± SE | BH FPR constructed | KS p');
  const groups = new Map<string, TrialRecord[]>();
  for (const r of records) {
    if (r.job.kind !== 'estimate' || r.status !== 'ok' || !r.estimate) continue;
    const key = `${r.job.estimator!.id} ${r.job.estimator!.budget}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, recs] of groups)
    for (const method of ['t', 'moderated-t'] as const) {
      const ests = recs.map((r) => retest(r.estimate!, method)).filter((e): e is TransferEstimate => e !== null);
      if (!ests.length || (scope === 'contextual' && !ests.every((e) => e.contextual))) continue;
      const s = poolSeeds(grid, scope, ests, alpha, `${key}/${method}`);
      const raw = s.calibration.pValues.filter((p) => p <= alpha).length;
      const n = s.calibration.n;
      const se = Math.sqrt((alpha * (1 - alpha)) / Math.max(1, n));
      console.log(
        `${key.padEnd(26)} ${method.padEnd(11)} | ${fmt(s.power.value)} [${fmt(s.power.lower)}, ${fmt(s.power.upper)}] | ` +
          `${fmt(n ? raw / n : null, 3)} (α ± 2SE: ${fmt(alpha - 2 * se, 3)}–${fmt(alpha + 2 * se, 3)}, n ${n}) | ${fmt(s.fprConstructed.value, 3)} | ${fmt(s.calibration.ksPValue, 3)}`,
      );
    }
}
