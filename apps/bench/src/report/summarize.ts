/**
 * Builds summary.json from the planned jobs and the latest record of each trial:
 *   - per dataset and truth scope (pairwise, contextual): the truth's cells with their classes (DESIGN §8 rule,
 *     the scope's margin δ), constructed nulls (cells touching a label-permuted control), settled share, and the
 *     truth's split-half reliability;
 *   - the folds of a cross-validation group (`folds: each`) count as one dataset: their truths pooled into the group's
 *     (scoring/cross-validated-truth.ts), their trials scored against it together;
 *   - per dataset × estimator × budget: each scope scored over the seeds (scoring/pool-seeds.ts), cost figures;
 *     an oracle estimator in the ladder is the reference frontier (its seeds must be disjoint from the truth's);
 *   - per dataset × estimator × scope: CPU-seconds to the target power (scoring/cost-to-power.ts);
 *   - per dataset × scope: power of every ladder at one matched cost.
 * Planned jobs without a record count as missing; only the latest record of a trial counts.
 */
import {
  CLASS_RULE,
  RESULTS_SCHEMA_VERSION,
  trialLabel,
  type BenchSummary,
  type ScoreScope,
  type SessionRecord,
  type SummaryRow,
  type TrialJob,
  type TransferEstimate,
  type TrialRecord,
  type TruthSummary,
} from '@transferbench/core';
import { hasScope, truthGrid, type TruthGrid } from '../scoring/cells.ts';
import { costToPower, type LadderBudget } from '../scoring/cost-to-power.ts';
import { crossValidatedTruth } from '../scoring/cross-validated-truth.ts';
import { matchedCost, powerAtCost } from '../scoring/matched-cost.ts';
import { fprAboveAlpha } from '../scoring/fpr-control.ts';
import { poolSeeds } from '../scoring/pool-seeds.ts';
import { truthReliability } from '../scoring/reliability.ts';
import { scoreTrial } from '../scoring/score-trial.ts';
import { seedStat } from '../scoring/seed-stat.ts';
import { truthJobFor } from '../suite/plan.ts';
import { datasetId, truthScopes, type Suite } from '../suite/suite-schema.ts';

export interface SummarizeInput {
  suite: Suite;
  suiteHash: string;
  jobs: TrialJob[];
  records: Map<string, TrialRecord>;
  sessions: SessionRecord[];
  /** estimator plugin name → kind (statistical/computational/oracle) */
  kinds: Map<string, string>;
  now?: Date;
}

interface Group {
  dataset: string;
  estimator: string;
  plugin: string;
  budget: string;
  budgetIndex: number;
  jobs: TrialJob[];
}

interface TruthEntry {
  summary: TruthSummary;
  grid: TruthGrid | null;
  /** replicate seeds of the truth run (to check the reference frontier's are disjoint) */
  seeds: Set<number>;
}

const replicateSeeds = (rec: TrialRecord | undefined): number[] =>
  ((rec?.estimate?.details?.replicates ?? []) as { seed?: unknown }[]).flatMap((r) => (typeof r.seed === 'number' ? [r.seed] : []));

function summarizeTruth(
  suite: Suite,
  jobs: TrialJob[],
  records: Map<string, TrialRecord>,
  dataset: string,
  scope: ScoreScope,
): TruthEntry | null {
  const spec = suite.truth[scope];
  const job = truthJobFor(jobs, suite, dataset, scope);
  if (!spec || !job) return null;
  const rec = records.get(job.id);
  const est = rec?.status === 'ok' ? rec.estimate : undefined;
  return truthEntry(spec, dataset, scope, est, {
    trialId: job.id,
    status: rec?.status ?? 'missing',
    controls: rec?.datasetInfo?.controls ?? [],
    seeds: replicateSeeds(rec),
    cpuSeconds: rec?.measures.cpuMs != null ? rec.measures.cpuMs / 1000 : null,
    trainingSeconds: trainingSeconds(rec),
  });
}

/**
 * The truth of a cross-validation group (`folds: each`): its folds' truths pooled (scoring/cross-validated-truth.ts);
 * missing or failed while any fold's truth is.
 */
function summarizeGroupTruth(
  suite: Suite,
  jobs: TrialJob[],
  records: Map<string, TrialRecord>,
  group: string,
  folds: string[],
  scope: ScoreScope,
): TruthEntry | null {
  const spec = suite.truth[scope];
  const foldJobs = folds.map((d) => truthJobFor(jobs, suite, d, scope));
  if (!spec || foldJobs.some((j) => !j)) return null;
  const recs = foldJobs.map((j) => records.get(j!.id));
  const ests = recs.map((r) => (r?.status === 'ok' ? r.estimate : undefined));
  const all = ests.every((e) => e) ? (ests as TransferEstimate[]) : null;
  const total = (f: (r: TrialRecord | undefined) => number | null) => {
    const v = recs.map(f);
    return v.every((x) => x !== null) ? (v as number[]).reduce((a, b) => a + b, 0) : null;
  };
  return truthEntry(spec, group, scope, all ? crossValidatedTruth(all) : undefined, {
    trialId: foldJobs.map((j) => j!.id).join('+'),
    status: all ? 'ok' : recs.some((r) => r?.status === 'failed') ? 'failed' : 'missing',
    controls: recs[0]?.datasetInfo?.controls ?? [],
    seeds: recs.flatMap(replicateSeeds),
    cpuSeconds: total((r) => (r?.measures.cpuMs != null ? r.measures.cpuMs / 1000 : null)),
    trainingSeconds: total(trainingSeconds),
    folds,
  });
}

function truthEntry(
  spec: NonNullable<Suite['truth'][ScoreScope]>,
  dataset: string,
  scope: ScoreScope,
  est: TransferEstimate | undefined,
  m: {
    trialId: string;
    status: TruthSummary['status'];
    controls: string[];
    seeds: number[];
    cpuSeconds: number | null;
    trainingSeconds: number | null;
    folds?: string[];
  },
): TruthEntry {
  const grid = est ? truthGrid(scope, est, spec.nullMargin, m.controls) : null;
  const counts = grid ? { positive: 0, negative: 0, small: 0, null: 0, indeterminate: 0 } : null;
  if (grid && counts) for (const c of grid.cells) counts[c.class]++;
  // a cross-validated truth has no replicate series of its own: its folds are its replicates
  const rel =
    grid && est && !m.folds ? truthReliability(grid, est) : { replicates: m.folds?.length ?? null, reliability: null, ceiling: null };
  const total = grid?.cells.length ?? 0;
  return {
    grid,
    seeds: new Set(m.seeds),
    summary: {
      id: `${dataset}/${scope}`,
      dataset,
      scope,
      source: spec.source,
      estimator: spec.source === 'oracle' ? spec.estimator : null,
      trialId: m.trialId,
      status: m.status === 'ok' && est && !grid ? 'failed' : m.status,
      tasks: grid?.tasks ?? [],
      unit: (scope === 'contextual' ? est?.contextual?.unit : undefined) ?? est?.unit ?? null,
      nullMargin: spec.nullMargin,
      counts,
      settled: counts && total ? (total - counts.indeterminate) / total : null,
      constructedNulls: grid?.cells.filter((c) => c.constructedNull).length ?? 0,
      ...rel,
      cells: grid?.cells ?? [],
      cpuSeconds: m.cpuSeconds,
      trainingSeconds: m.trainingSeconds,
      ...(m.folds ? { folds: m.folds } : {}),
    },
  };
}

/** Σ of the oracle replicates' trainingMs (cached models included), in seconds; null when not reported. */
function trainingSeconds(rec: TrialRecord | undefined): number | null {
  const reps = (rec?.estimate?.details?.replicates ?? []) as { trainingMs?: unknown }[];
  const ms = reps.map((r) => r.trainingMs).filter((v): v is number => typeof v === 'number');
  return ms.length && ms.length === reps.length ? ms.reduce((a, b) => a + b, 0) / 1000 : null;
}

export function summarize(input: SummarizeInput): BenchSummary {
  const { suite, jobs, records } = input;
  const alpha = suite.alpha;
  const latest = input.sessions.at(-1);
  if (!latest) throw new Error('summarize: no session record in the log');

  // the folds of a cross-validation group are scored together, against the group's truth
  const groupOf = new Map(suite.datasets.flatMap((d) => (d.group ? [[datasetId(d), d.group] as const] : [])));
  const scoredAs = (dataset: string) => groupOf.get(dataset) ?? dataset;
  const truths = new Map<string, TruthEntry>();
  for (const dataset of [...new Set(jobs.map((j) => j.dataset.id))]) {
    const group = groupOf.get(dataset);
    for (const scope of truthScopes) {
      if (group && truths.has(`${group}/${scope}`)) continue;
      const folds = [...groupOf].filter(([, g]) => g === group).map(([d]) => d);
      const t = group
        ? summarizeGroupTruth(suite, jobs, records, group, folds, scope)
        : summarizeTruth(suite, jobs, records, dataset, scope);
      if (t) truths.set(`${scoredAs(dataset)}/${scope}`, t);
    }
  }

  // estimate groups in suite order
  const groups = new Map<string, Group>();
  for (const job of jobs) {
    if (job.kind !== 'estimate' || !job.estimator) continue;
    const entry = suite.estimators.find((e) => (e.id ?? e.plugin) === job.estimator!.id);
    const budgetIndex = Math.max(0, entry?.budgets.findIndex((b) => b.name === job.estimator!.budget) ?? 0);
    const key = `${scoredAs(job.dataset.id)}\u0000${job.estimator.id}\u0000${job.estimator.budget}`;
    if (!groups.has(key))
      groups.set(key, {
        dataset: scoredAs(job.dataset.id),
        estimator: job.estimator.id,
        plugin: job.estimator.plugin,
        budget: job.estimator.budget,
        budgetIndex,
        jobs: [],
      });
    groups.get(key)!.jobs.push(job);
  }

  const rows: SummaryRow[] = [];
  const ladderSeeds = new Map<string, { budgets: LadderBudget[]; aboveAlpha: string[] }>();
  for (const g of groups.values()) {
    const recs = g.jobs.map((j) => records.get(j.id));
    const ok = recs.filter((r): r is TrialRecord => r?.status === 'ok' && !!r.estimate);
    const notes: string[] = [];
    const kind = input.kinds.get(g.plugin) ?? null;
    const role = kind === 'oracle' ? 'reference' : 'estimator';
    const failed = recs.filter((r) => r?.status === 'failed').length;
    const missing = recs.filter((r) => !r).length;
    if (failed) notes.push(`${failed} of ${g.jobs.length} seeds failed`);
    if (missing) notes.push(`${missing} of ${g.jobs.length} seeds not run`);
    const scores: Partial<Record<ScoreScope, SummaryRow['pairwise']>> = {};
    for (const scope of truthScopes) {
      const truth = truths.get(`${g.dataset}/${scope}`);
      if (!truth) continue;
      if (!truth.grid) {
        notes.push(`${scope} truth unavailable: not scored`);
        continue;
      }
      const ests = ok.map((r) => r.estimate!).filter((e) => hasScope(scope, e));
      if (!ests.length) continue;
      if (role === 'reference') {
        const overlap = ok.flatMap((r) => replicateSeeds(r)).filter((s) => truth.seeds.has(s));
        if (overlap.length) notes.push(`${overlap.length} replicate seed(s) shared with the ${scope} truth: not a disjoint seed stream`);
      }
      const score = poolSeeds(truth.grid, truth.summary.id, ests, alpha, `${g.dataset}/${g.estimator}/${g.budget}/${scope}`);
      if (!score.hasPValues) notes.push(`${scope}: no p-values (power and FPR undefined)`);
      scores[scope] = score;
      // per-seed detections and cost for the cost-to-power bootstrap (seed order = the group's job order)
      const key = `${g.dataset}\u0000${g.estimator}\u0000${scope}`;
      const seeds = recs.map((r) => {
        if (r?.status !== 'ok' || !r.estimate || r.measures.cpuMs == null || !hasScope(scope, r.estimate)) return null;
        const s = scoreTrial(truth.grid!, r.estimate, alpha);
        return s.hasPValues ? { cpuSeconds: r.measures.cpuMs / 1000, hits: s.power.hits, n: s.power.n } : null;
      });
      if (!ladderSeeds.has(key)) ladderSeeds.set(key, { budgets: [], aboveAlpha: [] });
      const ladder = ladderSeeds.get(key)!;
      if (score.hasPValues && fprAboveAlpha(score, alpha)) ladder.aboveAlpha.push(g.budget);
      else ladder.budgets.push({ budget: g.budget, seeds });
    }
    rows.push({
      dataset: g.dataset,
      estimator: g.estimator,
      plugin: g.plugin,
      kind,
      role,
      budget: g.budget,
      budgetIndex: g.budgetIndex,
      seeds: { total: g.jobs.length, ok: ok.length, failed, missing },
      cpuSeconds: seedStat(ok.map((r) => (r.measures.cpuMs != null ? r.measures.cpuMs / 1000 : null))),
      wallSeconds: seedStat(ok.map((r) => (r.measures.wallMs != null ? r.measures.wallMs / 1000 : null))),
      samplePasses: seedStat(ok.map((r) => r.estimate!.cost.samplePasses)),
      trainings: seedStat(ok.map((r) => r.estimate!.cost.trainings)),
      peakRssMb: seedStat(ok.map((r) => r.measures.peakRssMb)),
      pairwise: scores.pairwise ?? null,
      contextual: scores.contextual ?? null,
      notes,
    });
  }

  const costToPowerRows: BenchSummary['costToPower'] = [];
  for (const [key, ladder] of ladderSeeds) {
    const [dataset, estimator, scope] = key.split('\u0000') as [string, string, ScoreScope];
    const c = ladder.budgets.length
      ? costToPower(ladder.budgets, suite.targetPower, key.replaceAll('\u0000', '/'))
      : { cpuSeconds: null, lower: null, upper: null, method: 'fpr-above-alpha' as const, budget: null, maxPower: null };
    costToPowerRows.push({ dataset, estimator, scope, target: suite.targetPower, ...c, fprAboveAlpha: ladder.aboveAlpha });
  }

  const powerAtMatchedCost: BenchSummary['powerAtMatchedCost'] = [];
  for (const dataset of [...new Set(rows.map((r) => r.dataset))]) {
    for (const scope of truthScopes) {
      const ladders = new Map<string, SummaryRow[]>();
      for (const r of rows) {
        // the reference frontier is listed apart: its cost would shrink the range every estimator shares
        if (r.dataset !== dataset || r.role === 'reference' || !r[scope]?.hasPValues) continue;
        if (!ladders.has(r.estimator)) ladders.set(r.estimator, []);
        ladders.get(r.estimator)!.push(r);
      }
      if (!ladders.size) continue;
      const points = [...ladders.values()].map((l) =>
        l.map((r) => ({ budget: r.budget, cost: r.cpuSeconds.mean, power: r[scope]!.power.value })),
      );
      const cost = matchedCost(points);
      powerAtMatchedCost.push({
        dataset,
        scope,
        cpuSeconds: cost,
        power: [...ladders.keys()].map((estimator, k) => ({ estimator, power: cost === null ? null : powerAtCost(points[k], cost) })),
      });
    }
  }

  const planned = jobs.map((j) => records.get(j.id));
  const engines = new Map<string, { name: string; backend: string }>();
  for (const r of planned) if (r?.status === 'ok' && r.engine) engines.set(`${r.engine.name}/${r.engine.backend}`, r.engine);
  const engineList = [...engines.values()];
  const bySession = new Map<string, number>();
  for (const r of planned) if (r) bySession.set(r.sessionId, (bySession.get(r.sessionId) ?? 0) + 1);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    suite: { name: suite.name, hash: input.suiteHash, ...(suite.description ? { description: suite.description } : {}) },
    createdAt: (input.now ?? new Date()).toISOString(),
    alpha,
    targetPower: suite.targetPower,
    classRule: CLASS_RULE,
    seeds: suite.seeds,
    environment: {
      ...latest.environment,
      engine: { name: suite.engine.name, backend: engineList.map((e) => e.backend).join(', ') || null },
    },
    sessions: input.sessions.map((s) => ({
      sessionId: s.sessionId,
      startedAt: s.startedAt,
      resumed: s.resumed,
      gitSha: s.environment.git.sha,
      engine: s.environment.engine?.name ?? null,
      codeHash: s.codeHash ?? null,
      trials: bySession.get(s.sessionId) ?? 0,
    })),
    engines: engineList,
    trials: {
      total: jobs.length,
      ok: planned.filter((r) => r?.status === 'ok').length,
      failed: planned.filter((r) => r?.status === 'failed').length,
      missing: planned.filter((r) => !r).length,
    },
    truths: [...truths.values()].map((t) => t.summary),
    rows,
    costToPower: costToPowerRows,
    powerAtMatchedCost,
    failures: jobs.flatMap((j) => {
      const r = records.get(j.id);
      return r?.status === 'failed' && r.failure
        ? [{ trialId: j.id, label: trialLabel(j), reason: r.failure.reason, message: r.failure.message }]
        : [];
    }),
  };
}
