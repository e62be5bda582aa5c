/**
 * A small, schema-valid results bundle (results schema 2) for the reporters' tests, built in memory (no suite
 * run): datasets of 6 tasks (two planted families and a label-permuted control), a pairwise and a contextual
 * truth with cells in every class and constructed nulls, estimators with budget ladders whose pooled power per
 * scope and CPU-seconds are given (so the rankings and the Wilson intervals are known), an estimator without
 * p-values and without a contextual output, two reference rows (the truths' oracles at small budgets), and a
 * learning-curve estimator whose `details` carry points drawn from known EXP3 curves.
 *
 * The summary's numbers are set, not scored from the trial records (the bench's scoring lives in apps/bench,
 * which packages may not import): proportions go through core's Wilson interval and KS test; the costs to the
 * target power and the matched cost follow apps/bench/src/scoring/{cost-to-power,matched-cost}.ts's point
 * estimates (linear in log cost), with intervals set by the fixture. The trial records carry effects and CIs
 * for the charts that read estimates (heatmaps, forest plot, learning curves).
 */
import {
  CLASS_RULE,
  RESULTS_SCHEMA_VERSION,
  Rng,
  classifyEffect,
  ksUniform,
  makeTrialJob,
  squareMatrix,
  summarize,
  summarySchema,
  trialLabel,
  trialRecordSchema,
  wilsonInterval,
  type BenchSummary,
  type CostToPowerRow,
  type ScopeScore,
  type ScoreScope,
  type SummaryRow,
  type TrialJob,
  type TrialRecord,
  type TransferEstimate,
  type TruthSummary,
} from '@transferbench/core';
import type { ReportBundle } from '../bundle.ts';

export interface FixtureEstimator {
  id: string;
  plugin: string;
  kind: 'statistical' | 'computational' | 'oracle';
  /** 'reference': the truth's oracle at small budgets (default 'estimator') */
  role?: 'estimator' | 'reference';
  budgets: string[];
  /** mean CPU-seconds per estimate per budget (per-seed values spread ±5 % around it) */
  cpu: number[];
  /**
   * pooled power per budget for each scope (hits = round(power × n), n = the truth's positive and negative cells
   * × seeds); null = an output without p-values; absent = no output of that scope
   */
  pairwise?: number[] | null;
  contextual?: number[] | null;
  /** cost-to-power overrides per scope (default: interpolated / at-budget / plateau from the ladder) */
  cost?: Partial<Record<ScoreScope, Partial<CostToPowerRow>>>;
  /** p-values on constructed nulls: 'uniform' (calibrated, default) or 'small' (anti-conservative, u³) */
  calibration?: 'uniform' | 'small';
}

export interface FixtureOptions {
  suiteName?: string;
  suiteHash?: string;
  seeds?: number[];
  datasets?: string[];
  estimators?: FixtureEstimator[];
  /** truth scopes of every dataset (default both) */
  scopes?: ScoreScope[];
  gitSha?: string;
  dir?: string;
}

export const FIXTURE_TASKS = ['fam0-0', 'fam0-1', 'fam0-2', 'fam1-0', 'fam1-1', 'control0'];
const FAMILY = [0, 0, 0, 1, 1, null];
const CONTROL = 'control0';

export const DEFAULT_FIXTURE_ESTIMATORS: FixtureEstimator[] = [
  {
    id: 'tag',
    plugin: 'tag',
    kind: 'computational',
    budgets: ['r3', 'r6', 'r12'],
    cpu: [1, 2, 4],
    pairwise: [0.3, 0.6, 0.9],
    contextual: [0.25, 0.5, 0.75],
    cost: { contextual: { method: 'extrapolated', cpuSeconds: 9, lower: 5, upper: 30, budget: null } },
    calibration: 'small',
  },
  {
    id: 'gradient-cosine',
    plugin: 'gradient-cosine',
    kind: 'computational',
    budgets: ['r3', 'r6', 'r12'],
    cpu: [0.5, 1, 2],
    pairwise: [0.2, 0.4, 0.5],
    contextual: [0.5, 0.75, 1],
    cost: { pairwise: { method: 'extrapolated', cpuSeconds: 12, lower: 6, upper: null, budget: null } },
  },
  {
    id: 'learning-curve',
    plugin: 'learning-curve',
    kind: 'statistical',
    budgets: ['small', 'large'],
    cpu: [1.5, 6],
    pairwise: [0.7, 0.9],
    contextual: [0.5, 8 / 12],
  },
  { id: 'no-p', plugin: 'no-p', kind: 'computational', budgets: ['default'], cpu: [0.2], pairwise: null },
  {
    id: 'pairwise-oracle',
    plugin: 'pairwise-oracle',
    kind: 'oracle',
    role: 'reference',
    budgets: ['r4', 'r8'],
    cpu: [1.5, 8],
    pairwise: [0.6, 0.9],
  },
  {
    id: 'contextual-oracle',
    plugin: 'contextual-oracle',
    kind: 'oracle',
    role: 'reference',
    budgets: ['r2', 'r4'],
    cpu: [2, 6],
    contextual: [0.5, 10 / 12],
  },
];

/** EXP3 parameters of the planted learning curves, per task: m(n) = c − exp(b − a·n). */
export const FIXTURE_CURVES = FIXTURE_TASKS.map((_, i) => ({ c: 0.9 - 0.02 * i, b: -1 + 0.1 * i, a: 0.01 + 0.002 * i }));

/** The truths' margins δ (different per scope, so a report that prints the wrong one is caught). */
export const FIXTURE_DELTA = { pairwise: 0.005, contextual: 0.004 } as const;
/** The oracles' units as they write them (packages/estimators/src/oracles/oracle-text.ts). */
export const FIXTURE_UNITS = {
  pairwise:
    "Δ test ROC-AUC of the target trained with the source − with the source's labels permuted (specific transfer) (target at 0.25 of its training labels, sources at full data; > 0 = the other task(s) help)",
  contextual: 'Δ test ROC-AUC of the target in the model of all tasks − trained alone (full data; > 0 = the other task(s) help)',
} as const;
export const FIXTURE_CEILING = { pairwise: 0.9, contextual: 0.8 } as const;

const related = (i: number, j: number) => i !== j && FAMILY[i] !== null && FAMILY[i] === FAMILY[j];

/**
 * The pairwise truth, target i ← source j: siblings positive (+0.02); fam1 ← fam0-0 negative (−0.012);
 * fam0 ← fam1 small (+0.003, CI above 0); fam1 ← fam0-1/2 indeterminate; every pair touching the control null
 * (and null by construction). Counts: 8 positive, 2 negative, 6 small, 10 null, 4 indeterminate.
 */
function pairwiseTruthCell(i: number, j: number): { effect: number; lower: number; upper: number } {
  const t = FIXTURE_TASKS;
  if (t[i] === CONTROL || t[j] === CONTROL) return { effect: 0.0005, lower: -0.003, upper: 0.004 };
  if (related(i, j)) return { effect: 0.02, lower: 0.016, upper: 0.024 };
  if (FAMILY[i] === 1 && j === 0) return { effect: -0.012, lower: -0.016, upper: -0.008 };
  if (FAMILY[i] === 0) return { effect: 0.003, lower: 0.001, upper: 0.005 };
  return { effect: 0.004, lower: -0.004, upper: 0.012 };
}

/** The contextual truth per target: family targets positive but fam1-1 small; the control null. */
function contextualTruthCell(i: number): { effect: number; lower: number; upper: number } {
  if (FIXTURE_TASKS[i] === CONTROL) return { effect: 0.001, lower: -0.002, upper: 0.003 };
  if (FIXTURE_TASKS[i] === 'fam1-1') return { effect: 0.002, lower: 0.0005, upper: 0.0035 };
  return { effect: 0.03, lower: 0.02, upper: 0.04 };
}

function truthCells(scope: ScoreScope): TruthSummary['cells'] {
  const t = FIXTURE_TASKS;
  const cells: TruthSummary['cells'] = [];
  if (scope === 'pairwise') {
    t.forEach((target, i) =>
      t.forEach((source, j) => {
        if (i === j) return;
        const c = pairwiseTruthCell(i, j);
        cells.push({
          target,
          source,
          ...c,
          class: classifyEffect(c.effect, c.lower, c.upper, FIXTURE_DELTA.pairwise),
          constructedNull: target === CONTROL || source === CONTROL,
        });
      }),
    );
  } else {
    t.forEach((target, i) => {
      const c = contextualTruthCell(i);
      cells.push({
        target,
        source: null,
        ...c,
        class: classifyEffect(c.effect, c.lower, c.upper, FIXTURE_DELTA.contextual),
        constructedNull: target === CONTROL,
      });
    });
  }
  return cells;
}

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

/**
 * An estimate: pairwise effects = strength × (sign of the truth's relevant effect) + noise, contextual effects
 * likewise with a CI of ± 0.01; p-values when `withP`.
 */
function estimateFor(
  name: string,
  rng: Rng,
  strength: number,
  e: FixtureEstimator,
  details?: Record<string, unknown>,
  cpuMs = 0,
): TransferEstimate {
  const K = FIXTURE_TASKS.length;
  const effect = squareMatrix(K),
    pValue = squareMatrix(K);
  if (e.pairwise !== undefined)
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        if (i === j) continue;
        const truth = pairwiseTruthCell(i, j).effect;
        const signal = Math.abs(truth) >= FIXTURE_DELTA.pairwise ? Math.sign(truth) : 0;
        effect[i][j] = strength * signal + rng.normal(0, 0.02);
        pValue[i][j] = signal !== 0 ? rng.next() * 0.01 : rng.next();
      }
  const ctx =
    e.contextual === undefined
      ? undefined
      : (() => {
          const eff = FIXTURE_TASKS.map((_, i) => {
            const truth = contextualTruthCell(i).effect;
            return strength * (Math.abs(truth) >= FIXTURE_DELTA.contextual ? 1 : 0) + rng.normal(0, 0.02);
          });
          return {
            effect: eff,
            lower: eff.map((v) => v - 0.01),
            upper: eff.map((v) => v + 0.01),
            ...(e.contextual ? { pValue: eff.map((v) => (v > strength / 2 ? rng.next() * 0.01 : rng.next())) } : {}),
            unit: 'fixture contextual units',
          };
        })();
  return {
    estimator: { name, version: '1.0.0' },
    tasks: FIXTURE_TASKS,
    unit: 'fixture units',
    pairwise: e.pairwise ? { effect, pValue } : { effect },
    ...(ctx ? { contextual: ctx } : {}),
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
    datasetInfo: { tasks: FIXTURE_TASKS, controls: [CONTROL] },
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

function seedStat(xs: number[]): SummaryRow['cpuSeconds'] {
  if (!xs.length) return { mean: null, lower: null, upper: null, n: 0 };
  const d = summarize(xs);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return { mean: d.mean, lower: num(d.ciLower), upper: num(d.ciUpper), n: xs.length };
}

/** Constructed-null p-values: stratified uniform draws (calibrated) or their cubes (anti-conservative). */
function nullPValues(rng: Rng, n: number, kind: 'uniform' | 'small'): number[] {
  return Array.from({ length: n }, (_, k) => {
    const u = (k + rng.next()) / n;
    return Number((kind === 'small' ? u ** 3 : u).toPrecision(4));
  });
}

function scopeScore(
  scope: ScoreScope,
  truth: TruthSummary,
  e: FixtureEstimator,
  bi: number,
  seeds: number,
  alpha: number,
  rng: Rng,
): ScopeScore | null {
  const spec = e[scope];
  if (spec === undefined) return null;
  const counts = truth.counts!;
  const nonNull = (counts.positive + counts.negative) * seeds;
  const nulls = counts.null * seeds;
  const constructed = truth.constructedNulls * seeds;
  const none = wilsonInterval(0, 0);
  const bins =
    scope === 'pairwise'
      ? [
          { from: truth.nullMargin, to: 2 * truth.nullMargin, n: 0 },
          { from: 2 * truth.nullMargin, to: 4 * truth.nullMargin, n: counts.negative * seeds },
          { from: 4 * truth.nullMargin, to: null, n: counts.positive * seeds },
        ]
      : [
          { from: truth.nullMargin, to: 2 * truth.nullMargin, n: 0 },
          { from: 2 * truth.nullMargin, to: 4 * truth.nullMargin, n: 0 },
          { from: 4 * truth.nullMargin, to: null, n: counts.positive * seeds },
        ];
  const rho = (scope === 'pairwise' ? 0.5 : 0.3) + 0.1 * bi;
  const spearman = { mean: rho, lower: rho - 0.1, upper: Math.min(1, rho + 0.08), n: seeds };
  const cells = { ...counts, constructedNull: truth.constructedNulls, tested: spec ? truth.cells.length : 0 };
  if (spec === null)
    return {
      truth: truth.id,
      hasPValues: false,
      power: none,
      fpr: none,
      fprConstructed: none,
      powerRaw: none,
      fprRaw: none,
      signErrors: 0,
      calibration: { ks: null, ksPValue: null, n: 0, pValues: [] },
      spearman,
      powerByEffect: bins.map(({ from, to }) => ({ from, to, power: none })),
      cells,
    };
  const calibration = e.calibration ?? 'uniform';
  const hits = Math.round(spec[bi] * nonNull);
  const pValues = nullPValues(rng, constructed, calibration).sort((a, b) => a - b);
  const ks = ksUniform(pValues);
  const fprHits = calibration === 'small' ? Math.min(nulls, 5) : Math.min(nulls, 1);
  let left = hits;
  const byBin = [...bins].reverse().map((b) => {
    const h = Math.min(b.n, left);
    left -= h;
    return { from: b.from, to: b.to, power: wilsonInterval(h, b.n) };
  });
  return {
    truth: truth.id,
    hasPValues: true,
    power: wilsonInterval(hits, nonNull),
    fpr: wilsonInterval(fprHits, nulls),
    fprConstructed: wilsonInterval(calibration === 'small' ? pValues.filter((p) => p <= alpha).length : 0, constructed),
    powerRaw: wilsonInterval(Math.min(nonNull, hits + 1), nonNull),
    fprRaw: wilsonInterval(Math.min(nulls, fprHits + 1), nulls),
    signErrors: bi === 0 && calibration === 'small' ? 1 : 0,
    calibration: { ks: ks.statistic, ksPValue: ks.pValue, n: ks.n, pValues },
    spearman,
    powerByEffect: byBin.reverse(),
    cells,
  };
}

interface LadderPoint {
  budget: string;
  cost: number;
  power: number;
}

/** The bench's point estimate of the CPU-seconds to the target power (apps/bench/src/scoring/cost-to-power.ts). */
function costToTarget(
  points: LadderPoint[],
  target: number,
): Omit<CostToPowerRow, 'dataset' | 'estimator' | 'scope' | 'target' | 'fprAboveAlpha'> {
  const pts = [...points].sort((a, b) => a.cost - b.cost);
  const maxPower = Math.max(...pts.map((p) => p.power));
  const k = pts.findIndex((p) => p.power >= target);
  if (k === 0)
    return {
      cpuSeconds: pts[0].cost,
      lower: pts[0].cost * 0.8,
      upper: pts[0].cost * 1.25,
      method: 'at-budget',
      budget: pts[0].budget,
      maxPower,
    };
  if (k > 0) {
    const a = pts[k - 1],
      b = pts[k];
    const t = (target - a.power) / (b.power - a.power);
    const cost = Math.exp(Math.log(a.cost) + t * (Math.log(b.cost) - Math.log(a.cost)));
    return { cpuSeconds: cost, lower: cost * 0.8, upper: cost * 1.25, method: 'interpolated', budget: b.budget, maxPower };
  }
  return { cpuSeconds: null, lower: null, upper: null, method: 'plateau', budget: null, maxPower };
}

/** Power interpolated linearly in log cost inside the ladder (apps/bench/src/scoring/matched-cost.ts). */
function powerAtCost(points: LadderPoint[], cost: number): number | null {
  const pts = [...points].sort((a, b) => a.cost - b.cost);
  if (!(cost >= pts[0].cost && cost <= pts[pts.length - 1].cost)) return null;
  for (let k = 0; k < pts.length; k++) {
    if (pts[k].cost === cost) return pts[k].power;
    if (k > 0 && pts[k - 1].cost < cost && cost < pts[k].cost) {
      const t = (Math.log(cost) - Math.log(pts[k - 1].cost)) / (Math.log(pts[k].cost) - Math.log(pts[k - 1].cost));
      return pts[k - 1].power + t * (pts[k].power - pts[k - 1].power);
    }
  }
  return null;
}

function matchedCost(ladders: LadderPoint[][]): number | null {
  if (!ladders.length) return null;
  const lo = Math.max(...ladders.map((l) => Math.min(...l.map((p) => p.cost))));
  const hi = Math.min(...ladders.map((l) => Math.max(...l.map((p) => p.cost))));
  return lo <= hi ? hi : null;
}

export function fixtureBundle(o: FixtureOptions = {}): ReportBundle {
  const suiteName = o.suiteName ?? 'fixture';
  const suiteHash = o.suiteHash ?? 'f1x7u4e0000hash1';
  const seeds = o.seeds ?? [1, 2, 3];
  const datasets = o.datasets ?? ['synthetic'];
  const estimators = o.estimators ?? DEFAULT_FIXTURE_ESTIMATORS;
  const scopes = o.scopes ?? ['pairwise', 'contextual'];
  const gitSha = o.gitSha ?? '0123456789abcdef0123456789abcdef01234567';
  const alpha = 0.05;
  const targetPower = 0.8;
  const rng = new Rng(11);
  const common = { suiteHash, model: {}, engine: { name: 'fast' }, plugins: [], limits: { timeoutMs: 60_000, memoryMb: 1024 } };
  const trials: TrialRecord[] = [];
  const rows: SummaryRow[] = [];
  const truths: BenchSummary['truths'] = [];
  const costToPower: BenchSummary['costToPower'] = [];
  const powerAtMatchedCost: BenchSummary['powerAtMatchedCost'] = [];

  for (const ds of datasets) {
    const dataset = { id: ds, plugin: 'synthetic', options: {}, split: { kind: 'random' } };
    const dsTruths = new Map<ScoreScope, TruthSummary>();
    for (const scope of scopes) {
      const plugin = scope === 'pairwise' ? 'pairwise-oracle' : 'contextual-oracle';
      const job = makeTrialJob({
        ...common,
        kind: 'truth',
        truthSource: 'oracle',
        dataset,
        estimator: { id: 'truth', plugin, budget: 'truth', options: { replicates: 24 } },
        seed: 0,
      });
      const cells = truthCells(scope);
      const K = FIXTURE_TASKS.length;
      const est: TransferEstimate = {
        estimator: { name: plugin, version: '1.0.0' },
        tasks: FIXTURE_TASKS,
        unit: FIXTURE_UNITS[scope],
        pairwise: { effect: squareMatrix(K), lower: squareMatrix(K), upper: squareMatrix(K) },
        cost: { wallMs: 1, cpuMs: 1, peakRssMb: 1, trainings: 1, probes: 0, samplePasses: 1, flops: 0 },
        diagnostics: { warnings: [], fitFailures: 0, fitAttempts: 0, notes: [] },
      };
      if (scope === 'pairwise')
        for (const c of cells) {
          const i = FIXTURE_TASKS.indexOf(c.target),
            j = FIXTURE_TASKS.indexOf(c.source!);
          est.pairwise.effect[i][j] = c.effect;
          est.pairwise.lower![i][j] = c.lower;
          est.pairwise.upper![i][j] = c.upper;
        }
      else
        est.contextual = {
          effect: cells.map((c) => c.effect),
          lower: cells.map((c) => c.lower),
          upper: cells.map((c) => c.upper),
          unit: FIXTURE_UNITS[scope],
        };
      const cpu = scope === 'pairwise' ? 30 : 12;
      trials.push(record(job, est, cpu, suiteHash));
      const counts = { positive: 0, negative: 0, small: 0, null: 0, indeterminate: 0 };
      for (const c of cells) counts[c.class]++;
      const truth: TruthSummary = {
        id: `${ds}/${scope}`,
        dataset: ds,
        scope,
        source: 'oracle',
        estimator: plugin,
        trialId: job.id,
        status: 'ok',
        tasks: FIXTURE_TASKS,
        unit: FIXTURE_UNITS[scope],
        nullMargin: FIXTURE_DELTA[scope],
        counts,
        settled: (cells.length - counts.indeterminate) / cells.length,
        constructedNulls: cells.filter((c) => c.constructedNull).length,
        replicates: 24,
        reliability: FIXTURE_CEILING[scope] ** 2,
        ceiling: FIXTURE_CEILING[scope],
        cells,
        cpuSeconds: cpu,
        // the oracle's models came partly from its cache: training time exceeds this run's CPU time
        trainingSeconds: cpu * 4,
      };
      truths.push(truth);
      dsTruths.set(scope, truth);
    }

    const ladders: Record<ScoreScope, { estimator: string; points: LadderPoint[] }[]> = { pairwise: [], contextual: [] };
    for (const e of estimators) {
      const ladder: Record<ScoreScope, LadderPoint[]> = { pairwise: [], contextual: [] };
      e.budgets.forEach((budget, bi) => {
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
          trials.push(record(job, estimateFor(e.plugin, r, 0.1 * (bi + 1), e, details, cpu * 1000), cpu, suiteHash));
          cpus.push(cpu);
        });
        const cpuSeconds = seedStat(cpus);
        const score = (scope: ScoreScope) => {
          const truth = dsTruths.get(scope);
          return truth ? scopeScore(scope, truth, e, bi, seeds.length, alpha, rng.stream(`${ds}/${e.id}/${budget}/${scope}`)) : null;
        };
        const pairwise = score('pairwise');
        const contextual = score('contextual');
        const notes: string[] = [];
        for (const [scope, s] of [
          ['pairwise', pairwise],
          ['contextual', contextual],
        ] as const) {
          if (s && !s.hasPValues) notes.push(`${scope}: no p-values (power and FPR undefined)`);
          if (s?.hasPValues) ladder[scope].push({ budget, cost: cpuSeconds.mean!, power: s.power.value! });
        }
        rows.push({
          dataset: ds,
          estimator: e.id,
          plugin: e.plugin,
          kind: e.kind,
          role: e.role ?? 'estimator',
          budget,
          budgetIndex: bi,
          seeds: { total: seeds.length, ok: seeds.length, failed: 0, missing: 0 },
          cpuSeconds,
          wallSeconds: cpuSeconds,
          samplePasses: seedStat(cpus.map((c) => c * 1e6)),
          trainings: seedStat(cpus.map(() => bi + 1)),
          peakRssMb: seedStat(cpus.map(() => 120)),
          pairwise,
          contextual,
          notes,
        });
      });
      for (const scope of scopes) {
        if (e[scope] === undefined) continue;
        const computed = ladder[scope].length
          ? costToTarget(ladder[scope], targetPower)
          : { cpuSeconds: null, lower: null, upper: null, method: 'undefined' as const, budget: null, maxPower: null };
        costToPower.push({ dataset: ds, estimator: e.id, scope, target: targetPower, ...computed, fprAboveAlpha: [], ...e.cost?.[scope] });
        if (ladder[scope].length) ladders[scope].push({ estimator: e.id, points: ladder[scope] });
      }
    }
    for (const scope of scopes) {
      const ls = ladders[scope];
      if (!ls.length) continue;
      const cost = matchedCost(ls.map((l) => l.points));
      powerAtMatchedCost.push({
        dataset: ds,
        scope,
        cpuSeconds: cost,
        power: ls.map((l) => ({ estimator: l.estimator, power: cost === null ? null : powerAtCost(l.points, cost) })),
      });
    }
  }

  const summary = summarySchema.parse({
    schemaVersion: RESULTS_SCHEMA_VERSION,
    suite: { name: suiteName, hash: suiteHash, description: 'reporters test fixture' },
    createdAt: '2026-01-01T00:10:00.000Z',
    alpha,
    targetPower,
    classRule: CLASS_RULE,
    seeds,
    environment: environment(gitSha),
    sessions: [{ sessionId: 'fixture-session', startedAt: '2026-01-01T00:00:00.000Z', resumed: false, gitSha, engine: 'fast' }],
    engines: [{ name: 'fast', backend: 'js' }],
    trials: { total: trials.length, ok: trials.length, failed: 0, missing: 0 },
    truths,
    rows,
    costToPower,
    powerAtMatchedCost,
    failures: [],
  });
  return { summary, trials, dir: o.dir ?? '/fixture/results' };
}

/** Trial records of estimator trials, labelled (for assertions). */
export const labelsOf = (bundle: ReportBundle) => bundle.trials.map((t) => trialLabel(t.job));
