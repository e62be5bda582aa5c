/**
 * Builds summary.json from the planned jobs and the latest record of each trial: truth classes per
 * dataset, then per dataset × estimator × budget the per-seed scores (power, FPR, Spearman, cost)
 * averaged over seeds with CIs, and the cost to reach the target power along each budget ladder.
 * Planned jobs without a record count as missing; only the latest record of a trial counts.
 */
import {
  RESULTS_SCHEMA_VERSION,
  classifyTruth,
  costToReachPower,
  matchedCost,
  powerAtCost,
  scoreEstimate,
  seedStat,
  trialLabel,
  type BenchSummary,
  type EstimateScore,
  type SessionRecord,
  type Suite,
  type SummaryRow,
  type TrialJob,
  type TrialRecord,
  type TruthClasses,
} from '@transferbench/core';

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

export function summarize(input: SummarizeInput): BenchSummary {
  const { suite, jobs, records } = input;
  const alpha = suite.alpha;
  const nullMargin = suite.truth.nullMargin;
  const latest = input.sessions.at(-1);
  if (!latest) throw new Error('summarize: no session record in the log');

  // truth per dataset
  const truths = new Map<string, TruthClasses | null>();
  const truthSummaries: BenchSummary['truth'] = [];
  for (const job of jobs.filter((j) => j.kind === 'truth')) {
    const rec = records.get(job.id);
    const classes = rec?.status === 'ok' && rec.estimate ? classifyTruth(rec.estimate, nullMargin) : null;
    truths.set(job.dataset.id, classes);
    truthSummaries.push({
      dataset: job.dataset.id,
      source: job.truthSource ?? 'oracle',
      trialId: job.id,
      status: rec ? rec.status : 'missing',
      tasks: classes?.tasks ?? [],
      nullMargin,
      counts: classes?.counts ?? null,
      unit: rec?.estimate?.unit ?? null,
      cpuSeconds: rec?.measures.cpuMs != null ? rec.measures.cpuMs / 1000 : null,
    });
  }

  // estimate groups in suite order
  const groups = new Map<string, Group>();
  for (const job of jobs) {
    if (job.kind !== 'estimate' || !job.estimator) continue;
    const entry = suite.estimators.find((e) => (e.id ?? e.plugin) === job.estimator!.id);
    const budgetIndex = Math.max(0, entry?.budgets.findIndex((b) => b.name === job.estimator!.budget) ?? 0);
    const key = `${job.dataset.id}\u0000${job.estimator.id}\u0000${job.estimator.budget}`;
    if (!groups.has(key))
      groups.set(key, {
        dataset: job.dataset.id,
        estimator: job.estimator.id,
        plugin: job.estimator.plugin,
        budget: job.estimator.budget,
        budgetIndex,
        jobs: [],
      });
    groups.get(key)!.jobs.push(job);
  }

  const rows: SummaryRow[] = [];
  for (const g of groups.values()) {
    const truth = truths.get(g.dataset) ?? null;
    const recs = g.jobs.map((j) => records.get(j.id));
    const ok = recs.filter((r): r is TrialRecord => r?.status === 'ok' && !!r.estimate);
    const scores: EstimateScore[] = truth ? ok.map((r) => scoreEstimate(r.estimate!, truth, alpha)) : [];
    const hasPValues = ok.some((r) => r.estimate!.pairwise.pValue?.some((row) => row.some((v) => v !== null && Number.isFinite(v))));
    const pick = (f: (s: EstimateScore) => number | null) => seedStat(scores.map(f));
    const notes: string[] = [];
    if (!truth) notes.push('truth unavailable: power, FPR and Spearman not computed');
    else if (!hasPValues && ok.length) notes.push('no p-values: power and FPR undefined');
    const failed = recs.filter((r) => r?.status === 'failed').length;
    const missing = recs.filter((r) => !r).length;
    if (failed) notes.push(`${failed} of ${g.jobs.length} seeds failed`);
    if (missing) notes.push(`${missing} of ${g.jobs.length} seeds not run`);
    rows.push({
      dataset: g.dataset,
      estimator: g.estimator,
      plugin: g.plugin,
      kind: input.kinds.get(g.plugin) ?? null,
      budget: g.budget,
      budgetIndex: g.budgetIndex,
      seeds: { total: g.jobs.length, ok: ok.length, failed, missing },
      hasPValues,
      power: pick((s) => s.power),
      fpr: pick((s) => s.fpr),
      powerRaw: pick((s) => s.powerRaw),
      fprRaw: pick((s) => s.fprRaw),
      spearman: pick((s) => s.spearman),
      cpuSeconds: seedStat(ok.map((r) => (r.measures.cpuMs != null ? r.measures.cpuMs / 1000 : null))),
      wallSeconds: seedStat(ok.map((r) => (r.measures.wallMs != null ? r.measures.wallMs / 1000 : null))),
      samplePasses: seedStat(ok.map((r) => r.estimate!.cost.samplePasses)),
      trainings: seedStat(ok.map((r) => r.estimate!.cost.trainings)),
      peakRssMb: seedStat(ok.map((r) => r.measures.peakRssMb)),
      pairs: {
        nonNull: truth ? truth.counts.positive + truth.counts.negative : 0,
        null: truth?.counts.null ?? 0,
        indeterminate: truth?.counts.indeterminate ?? 0,
        tested: scores.length ? Math.max(...scores.map((s) => s.tested)) : 0,
      },
      signErrors: hasPValues && scores.length ? scores.reduce((a, s) => a + (s.signErrors ?? 0), 0) : null,
      notes,
    });
  }

  const costToPower: BenchSummary['costToPower'] = [];
  const ladders = new Map<string, SummaryRow[]>();
  for (const r of rows) {
    const k = `${r.dataset}\u0000${r.estimator}`;
    if (!ladders.has(k)) ladders.set(k, []);
    ladders.get(k)!.push(r);
  }
  for (const ladder of ladders.values()) {
    const c = costToReachPower(
      ladder.map((r) => ({ budget: r.budget, cost: r.cpuSeconds.mean, power: r.power.mean })),
      suite.targetPower,
    );
    costToPower.push({
      dataset: ladder[0].dataset,
      estimator: ladder[0].estimator,
      target: c.target,
      cpuSeconds: c.cost,
      method: c.method,
      budget: c.budget,
      maxPower: c.maxPower,
    });
  }

  const powerAtMatchedCost: BenchSummary['powerAtMatchedCost'] = [];
  for (const dataset of [...new Set(rows.map((r) => r.dataset))]) {
    const lads = [...ladders.values()].filter((l) => l[0].dataset === dataset && l.some((r) => r.power.mean !== null));
    const points = lads.map((l) => l.map((r) => ({ budget: r.budget, cost: r.cpuSeconds.mean, power: r.power.mean })));
    const cost = matchedCost(points);
    powerAtMatchedCost.push({
      dataset,
      cpuSeconds: cost,
      power: lads.map((l, k) => ({ estimator: l[0].estimator, power: cost === null ? null : powerAtCost(points[k], cost) })),
    });
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
    truth: truthSummaries,
    rows,
    costToPower,
    powerAtMatchedCost,
    failures: jobs.flatMap((j) => {
      const r = records.get(j.id);
      return r?.status === 'failed' && r.failure
        ? [{ trialId: j.id, label: trialLabel(j), reason: r.failure.reason, message: r.failure.message }]
        : [];
    }),
  };
}
