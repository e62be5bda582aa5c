/**
 * A small, schema-valid results bundle for the reporters' tests, built in memory (no suite run): one or more
 * datasets of 6 tasks (two planted families and a control), an oracle truth, estimators with budget ladders
 * whose power and CPU-seconds per seed are given (so the rankings are known), one estimator without
 * p-values, and a learning-curve estimator whose `details` carry points drawn from known EXP3 curves.
 * Summary statistics go through core's seedStat / costToReachPower / matchedCost like the bench's own.
 */
import {
  RESULTS_SCHEMA_VERSION,
  Rng,
  costToReachPower,
  makeTrialJob,
  matchedCost,
  powerAtCost,
  seedStat,
  squareMatrix,
  summarySchema,
  trialLabel,
  trialRecordSchema,
  type BenchSummary,
  type SummaryRow,
  type TrialJob,
  type TrialRecord,
  type TransferEstimate,
} from '@transferbench/core';
import type { ReportBundle } from '../bundle.ts';

export interface FixtureEstimator {
  id: string;
  plugin: string;
  kind: 'statistical' | 'computational';
  budgets: string[];
  /** mean power per budget (per-seed values spread ±0.05 around it); null = no p-values */
  power: number[] | null;
  /** mean CPU-seconds per estimate per budget */
  cpu: number[];
}

export interface FixtureOptions {
  suiteName?: string;
  suiteHash?: string;
  seeds?: number[];
  datasets?: string[];
  estimators?: FixtureEstimator[];
  gitSha?: string;
  dir?: string;
}

export const FIXTURE_TASKS = ['fam0-0', 'fam0-1', 'fam0-2', 'fam1-0', 'fam1-1', 'control0'];
const FAMILY = [0, 0, 0, 1, 1, null];

export const DEFAULT_FIXTURE_ESTIMATORS: FixtureEstimator[] = [
  { id: 'tag', plugin: 'tag', kind: 'computational', budgets: ['r3', 'r6', 'r12'], power: [0.3, 0.6, 0.9], cpu: [1, 2, 4] },
  {
    id: 'gradient-cosine',
    plugin: 'gradient-cosine',
    kind: 'computational',
    budgets: ['r3', 'r6', 'r12'],
    power: [0.2, 0.4, 0.55],
    cpu: [0.5, 1, 2],
  },
  { id: 'learning-curve', plugin: 'learning-curve', kind: 'statistical', budgets: ['small', 'large'], power: [0.7, 0.95], cpu: [1.5, 6] },
  { id: 'no-p', plugin: 'no-p', kind: 'computational', budgets: ['default'], power: null, cpu: [0.2] },
];

/** EXP3 parameters of the planted learning curves, per task: m(n) = c − exp(b − a·n). */
export const FIXTURE_CURVES = FIXTURE_TASKS.map((_, i) => ({ c: 0.9 - 0.02 * i, b: -1 + 0.1 * i, a: 0.01 + 0.002 * i }));

const related = (i: number, j: number) => i !== j && FAMILY[i] !== null && FAMILY[i] === FAMILY[j];

function environment(gitSha: string) {
  return {
    packages: { '@transferbench/core': '0.1.0', '@transferbench/reporters': '0.1.0', transferbench: '0.1.0' },
    git: { sha: gitSha, dirty: false },
    node: 'v20.0.0-fixture',
    platform: 'linux',
    arch: 'x64',
    cpu: { model: 'Fixture CPU', count: 2 },
    totalMemoryMb: 8192,
    engine: { name: 'fast', backend: 'js' },
    capturedAt: '2026-01-01T00:00:00.000Z',
  };
}

function learningCurveDetails(rng: Rng): Record<string, unknown> {
  const K = FIXTURE_TASKS.length;
  const grid = [0.1, 0.25, 0.5, 1];
  const pool = 200;
  const points = [];
  for (let r = 0; r < 2; r++) {
    for (let p = 0; p < 12; p++) {
      const counts = FIXTURE_TASKS.map((_, t) => Math.round(grid[(p + t + r) % grid.length] * pool));
      const metric = counts.map((n, t) => {
        const { c, b, a } = FIXTURE_CURVES[t];
        return c - Math.exp(b - a * n) + rng.normal(0, 0.005);
      });
      points.push({
        index: r * 12 + p,
        replicate: r,
        pair: null,
        fractions: counts.map((n) => n / pool),
        counts,
        metric,
        epochs: 10,
        bestEpoch: 8,
      });
    }
  }
  return {
    metric: 'auc',
    design: { kind: 'random', grid, replicates: 2, poolSizes: new Array(K).fill(pool) },
    points,
    singleTask: FIXTURE_TASKS.map((task, t) => ({
      task,
      family: 'exp3',
      formula: 'c − exp(b − a·n)',
      parameters: ['c', 'b', 'a'],
      estimate: FIXTURE_CURVES[t],
      converged: true,
      nPoints: points.length,
    })),
  };
}

function estimateFor(
  name: string,
  rng: Rng,
  strength: number,
  withP: boolean,
  details?: Record<string, unknown>,
  cpuMs = 0,
): TransferEstimate {
  const K = FIXTURE_TASKS.length;
  const effect = squareMatrix(K),
    pValue = squareMatrix(K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      effect[i][j] = (related(i, j) ? strength : 0) + rng.normal(0, 0.02);
      pValue[i][j] = related(i, j) ? rng.next() * 0.01 : rng.next();
    }
  return {
    estimator: { name, version: '1.0.0' },
    tasks: FIXTURE_TASKS,
    unit: 'fixture units',
    pairwise: withP ? { effect, pValue } : { effect },
    cost: { wallMs: cpuMs, cpuMs, peakRssMb: 100, trainings: 1, probes: 0, samplePasses: cpuMs * 1000, flops: 0 },
    diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
    ...(details ? { details } : {}),
  };
}

function record(job: TrialJob, estimate: TransferEstimate, cpuSeconds: number, suiteHash: string): TrialRecord {
  return trialRecordSchema.parse({
    type: 'trial',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    sessionId: 'fixture-session',
    suiteHash,
    job,
    id: job.id,
    status: 'ok',
    estimate,
    measures: {
      wallMs: cpuSeconds * 1000,
      cpuMs: cpuSeconds * 1000,
      setupMs: 1,
      processCpuMs: cpuSeconds * 1000 + 50,
      peakRssMb: 120,
      runnerWallMs: cpuSeconds * 1000 + 80,
    },
    engine: { name: 'fast', backend: 'js' },
    runner: 'fixture',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
  });
}

export function fixtureBundle(o: FixtureOptions = {}): ReportBundle {
  const suiteName = o.suiteName ?? 'fixture';
  const suiteHash = o.suiteHash ?? 'f1x7u4e0000hash1';
  const seeds = o.seeds ?? [1, 2, 3];
  const datasets = o.datasets ?? ['synthetic'];
  const estimators = o.estimators ?? DEFAULT_FIXTURE_ESTIMATORS;
  const gitSha = o.gitSha ?? '0123456789abcdef0123456789abcdef01234567';
  const rng = new Rng(11);
  const common = { suiteHash, model: {}, engine: { name: 'fast' }, plugins: [], limits: { timeoutMs: 60_000, memoryMb: 1024 } };
  const trials: TrialRecord[] = [];
  const rows: SummaryRow[] = [];
  const truth: BenchSummary['truth'] = [];
  const costToPower: BenchSummary['costToPower'] = [];
  const powerAtMatchedCost: BenchSummary['powerAtMatchedCost'] = [];

  for (const ds of datasets) {
    const dataset = { id: ds, plugin: 'synthetic', options: {}, split: { kind: 'random' } };
    const truthJob = makeTrialJob({
      ...common,
      kind: 'truth',
      truthSource: 'oracle',
      dataset,
      estimator: { id: 'truth', plugin: 'pairwise-oracle', budget: 'truth', options: {} },
      seed: 0,
    });
    const truthEst = estimateFor('pairwise-oracle', rng.stream(`truth/${ds}`), 0.05, true);
    truthEst.pairwise.lower = truthEst.pairwise.effect.map((r) => r.map((v) => (v === null ? null : v - 0.004)));
    truthEst.pairwise.upper = truthEst.pairwise.effect.map((r) => r.map((v) => (v === null ? null : v + 0.004)));
    trials.push(record(truthJob, truthEst, 30, suiteHash));
    truth.push({
      dataset: ds,
      source: 'oracle',
      trialId: truthJob.id,
      status: 'ok',
      tasks: FIXTURE_TASKS,
      nullMargin: 0.005,
      counts: { positive: 8, negative: 0, null: 22, indeterminate: 0 },
      unit: 'fixture units',
      cpuSeconds: 30,
    });

    const ladders: { estimator: string; points: { budget: string; cost: number | null; power: number | null }[] }[] = [];
    for (const e of estimators) {
      const ladder: { budget: string; cost: number | null; power: number | null }[] = [];
      e.budgets.forEach((budget, bi) => {
        const powers: (number | null)[] = [];
        const cpus: number[] = [];
        seeds.forEach((seed, si) => {
          const job = makeTrialJob({
            ...common,
            kind: 'estimate',
            dataset,
            estimator: { id: e.id, plugin: e.plugin, budget, options: {} },
            seed,
          });
          const cpu = e.cpu[bi] * (1 + 0.05 * (si - (seeds.length - 1) / 2));
          const r = rng.stream(`${ds}/${e.id}/${budget}/${seed}`);
          const details = e.plugin === 'learning-curve' ? learningCurveDetails(r.stream('lc')) : undefined;
          trials.push(record(job, estimateFor(e.plugin, r, 0.1 * (bi + 1), e.power !== null, details, cpu * 1000), cpu, suiteHash));
          cpus.push(cpu);
          powers.push(e.power ? Math.min(1, Math.max(0, e.power[bi] + 0.05 * (si - (seeds.length - 1) / 2))) : null);
        });
        const power = seedStat(powers);
        const cpuSeconds = seedStat(cpus);
        ladder.push({ budget, cost: cpuSeconds.mean, power: power.mean });
        const none = seedStat([]);
        rows.push({
          dataset: ds,
          estimator: e.id,
          plugin: e.plugin,
          kind: e.kind,
          budget,
          budgetIndex: bi,
          seeds: { total: seeds.length, ok: seeds.length, failed: 0, missing: 0 },
          hasPValues: e.power !== null,
          power,
          fpr: e.power ? seedStat(seeds.map((_, k) => 0.02 + 0.01 * k)) : none,
          powerRaw: power,
          fprRaw: none,
          spearman: seedStat(seeds.map((_, k) => 0.5 + 0.1 * bi + 0.01 * k)),
          cpuSeconds,
          wallSeconds: cpuSeconds,
          samplePasses: seedStat(cpus.map((c) => c * 1e6)),
          trainings: seedStat(cpus.map(() => bi + 1)),
          peakRssMb: seedStat(cpus.map(() => 120)),
          pairs: { nonNull: 8, null: 22, indeterminate: 0, tested: 30 },
          signErrors: e.power ? 0 : null,
          notes: e.power ? [] : ['no p-values: power and FPR undefined'],
        });
      });
      ladders.push({ estimator: e.id, points: ladder });
      const c = costToReachPower(ladder, 0.8);
      costToPower.push({
        dataset: ds,
        estimator: e.id,
        target: c.target,
        cpuSeconds: c.cost,
        method: c.method,
        budget: c.budget,
        maxPower: c.maxPower,
      });
    }
    const withPower = ladders.filter((l) => l.points.some((p) => p.power !== null));
    const cost = matchedCost(withPower.map((l) => l.points));
    powerAtMatchedCost.push({
      dataset: ds,
      cpuSeconds: cost,
      power: withPower.map((l) => ({ estimator: l.estimator, power: cost === null ? null : powerAtCost(l.points, cost) })),
    });
  }

  const summary = summarySchema.parse({
    schemaVersion: RESULTS_SCHEMA_VERSION,
    suite: { name: suiteName, hash: suiteHash, description: 'reporters test fixture' },
    createdAt: '2026-01-01T00:10:00.000Z',
    alpha: 0.05,
    targetPower: 0.8,
    seeds,
    environment: environment(gitSha),
    sessions: [{ sessionId: 'fixture-session', startedAt: '2026-01-01T00:00:00.000Z', resumed: false, gitSha, engine: 'fast' }],
    engines: [{ name: 'fast', backend: 'js' }],
    trials: { total: trials.length, ok: trials.length, failed: 0, missing: 0 },
    truth,
    rows,
    costToPower,
    powerAtMatchedCost,
    failures: [],
  });
  return { summary, trials, dir: o.dir ?? '/fixture/results' };
}

/** Trial records of estimator trials, labelled (for assertions). */
export const labelsOf = (bundle: ReportBundle) => bundle.trials.map((t) => trialLabel(t.job));
