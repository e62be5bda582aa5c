/**
 * Suite: what a benchmark run compares — datasets × estimators × budget levels × seeds, the truth to
 * score them against, the significance level, model defaults and engine, reporters, output folder,
 * per-trial limits and user plugins. Written by people (YAML/JSON), so every object is strict: a typo
 * is an error naming its path, not a silently ignored key.
 *
 * It lives in apps/bench: only the bench reads suites (results carry just the suite's name and hash).
 * Plugin-specific options stay opaque records here; the bench app parses each of them with the
 * plugin's own schema (for every budget level) before any trial runs.
 */
import { z } from 'zod';
import { contentHash, modelSpecSchema } from '@transferbench/core';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const idSchema = z
  .string()
  .max(100, 'at most 100 characters (it names files and folders)')
  .regex(idPattern, 'letters, digits, ".", "_" or "-" (a file-name-safe label)');

/**
 * Seeds are 32-bit signed integers: core's generator (rng.ts) is seeded with 32 bits, so a larger seed would
 * silently repeat a smaller one's numbers (2^32 + 1 draws what 1 draws). Refused here, where people type them.
 */
export const SEED_MIN = -(2 ** 31);
export const SEED_MAX = 2 ** 31 - 1;
export const seedSchema = z
  .number()
  .int('expected a whole number')
  .min(SEED_MIN, `expected a seed in [${SEED_MIN}, ${SEED_MAX}] (32-bit)`)
  .max(SEED_MAX, `expected a seed in [${SEED_MIN}, ${SEED_MAX}] (32-bit)`);

/** Longest trial timeout: Node's timers hold at most 2^31 − 1 ms (24.8 days); a week is far beyond any trial. */
export const MAX_TIMEOUT_SEC = 7 * 24 * 3600;
const timeoutSecSchema = z.number().positive().max(MAX_TIMEOUT_SEC, `at most ${MAX_TIMEOUT_SEC} s (7 days)`);
/** Largest per-trial memory cap, MiB (1 TiB): beyond it the number is a typo, not a machine. */
const memoryMbSchema = z
  .number()
  .int()
  .min(64)
  .max(2 ** 20, 'at most 1048576 MiB (1 TiB)');
const optionsSchema = z.record(z.string(), z.unknown());

export const truthScopes = ['pairwise', 'contextual'] as const;
export type TruthScope = (typeof truthScopes)[number];

/** Folds of a k-fold split without `split.folds`: the datasets package's default (splits/options.ts; a test checks they agree). */
export const DEFAULT_FOLDS = 10;
/** Most folds `folds: each` expands to (one dataset entry, so truth and estimate trials, per fold). */
export const MAX_EACH_FOLDS = 100;
const kfoldKinds = ['kfold', 'scaffold-kfold'];

export const datasetEntrySchema = z
  .object({
    /** label in results; defaults to the plugin name (must be unique within the suite) */
    id: idSchema.optional(),
    plugin: z.string().min(1),
    options: optionsSchema.default({}),
    /** split options (kind, seed, fractions, fold …) as the datasets package's `makeSplit` takes them */
    split: optionsSchema.default({}),
    /**
     * `each`: one entry per fold of the k-fold split, `<id>.f<i>` with `split.fold: i` — the folds are the replicates
     * of a cross-validation study. Expanded when the suite parses, so plan, check, summary and hash see the folds.
     */
    folds: z.literal('each').optional(),
    /** the entry a fold entry came from (set by `folds: each`; kept so a parsed suite, e.g. run.json's, parses again) */
    group: z.string().min(1).optional(),
    /** truth scopes scored on this dataset (default: all the suite's `truth` defines): a pairwise truth may be affordable only on a small panel */
    truths: z
      .array(z.enum(truthScopes))
      .min(1)
      .refine((t) => new Set(t).size === t.length, 'expected distinct truth scopes')
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.folds) return;
    const kind = d.split.kind ?? 'random';
    if (typeof kind !== 'string' || !kfoldKinds.includes(kind))
      ctx.addIssue({
        code: 'custom',
        path: ['folds'],
        message: `folds: "each" expects a k-fold split (split.kind "kfold" or "scaffold-kfold"), got ${JSON.stringify(kind)}${d.split.kind === undefined ? ' (the default)' : ''}`,
      });
    if (d.split.fold !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['split', 'fold'],
        message: 'expected no split.fold beside folds: "each" (it gives each entry its fold)',
      });
    if (foldCount(d) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['split', 'folds'],
        message: `expected a whole number of folds in [2, ${MAX_EACH_FOLDS}] with folds: "each", got ${JSON.stringify(d.split.folds)}`,
      });
  });
/** A dataset entry of a parsed suite: `folds: each` is expanded, one entry per fold. */
export type DatasetEntry = Omit<z.infer<typeof datasetEntrySchema>, 'folds'>;
export type DatasetEntryInput = z.input<typeof datasetEntrySchema>;

/** `split.folds` of an entry (the default when absent), or null when it is not a usable fold count. */
function foldCount(d: { split: Record<string, unknown> }): number | null {
  const n = d.split.folds ?? DEFAULT_FOLDS;
  return typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= MAX_EACH_FOLDS ? n : null;
}

/** The entries a dataset entry stands for: one per fold with `folds: each`, else itself. */
function expandFolds({ folds, ...d }: z.infer<typeof datasetEntrySchema>): DatasetEntry[] {
  const n = folds ? foldCount(d) : null;
  if (n === null) return [d];
  const group = datasetId(d);
  return Array.from({ length: n }, (_, i) => ({ ...d, id: `${group}.f${i}`, split: { ...d.split, fold: i }, group }));
}

export const trialLimitsSchema = z
  .object({
    /** wall-clock limit per trial; the child's process group is killed after it */
    timeoutSec: timeoutSecSchema.default(1800),
    /** memory cap of the child, MiB: resident memory of the whole process (and the V8 heap cap) */
    memoryMb: memoryMbSchema.default(4096),
  })
  .strict();
export type TrialLimits = z.infer<typeof trialLimitsSchema>;

/** Per-estimator (or truth) overrides of the suite's trial limits. */
export const trialLimitsOverrideSchema = z
  .object({ timeoutSec: timeoutSecSchema.optional(), memoryMb: memoryMbSchema.optional() })
  .strict();

/** A budget level: named overrides of the estimator's options (the compute knob of the power-vs-cost curve). */
export const budgetSchema = z
  .object({
    name: idSchema,
    options: optionsSchema.default({}),
  })
  .strict();
export type Budget = z.infer<typeof budgetSchema>;

export const estimatorEntrySchema = z
  .object({
    id: idSchema.optional(),
    plugin: z.string().min(1),
    /** base options shared by every budget level */
    options: optionsSchema.default({}),
    /** budget ladder, cheapest first; one `default` level when omitted */
    budgets: z
      .array(budgetSchema)
      .min(1)
      .default([{ name: 'default', options: {} }]),
    /** overrides of the suite's `trial` limits for this estimator's trials */
    trial: trialLimitsOverrideSchema.optional(),
    /**
     * the datasets it runs on (ids, or the id of a `folds: each` entry for all its folds); default every dataset.
     * A reference frontier of a truth scope is affordable, and scored, only where that truth is.
     */
    datasets: z.array(idSchema).min(1).optional(),
  })
  .strict();
export type EstimatorEntry = z.infer<typeof estimatorEntrySchema>;

/**
 * Practical margin δ of the truth classes (in the truth's unit, e.g. ΔAUC; truth-classes.ts): an effect whose
 * CI excludes 0 is relevant (positive / negative) when |Δ| ≥ δ, else small; a CI inside ±δ is a true null.
 */
const nullMarginSchema = z.number().nonnegative().default(0.01);

const oracleTruthSchema = (defaultEstimator: string) =>
  z
    .object({
      source: z.literal('oracle'),
      /** estimator whose CIs define the truth (kind 'oracle') */
      estimator: z.string().min(1).default(defaultEstimator),
      options: optionsSchema.default({}),
      /** seed of the truth trial (the oracle replicates with seeds derived from it) */
      seed: seedSchema.default(0),
      nullMargin: nullMarginSchema,
      /** overrides of the suite's `trial` limits for the truth trials (the oracle is slow by design) */
      trial: trialLimitsOverrideSchema.optional(),
    })
    .strict();

/** `source` defaults to 'oracle' (a truth is normally an oracle estimator's run). */
const withSource = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && !('source' in v) ? { source: 'oracle', ...v } : v);

/** The truth the pairwise K×K estimates are scored against. */
export const pairwiseTruthSchema = z.preprocess(
  withSource,
  z.discriminatedUnion('source', [
    oracleTruthSchema('pairwise-oracle'),
    z
      .object({
        /** the dataset's planted structure (synthetic data): same family → positive, everything else → null */
        source: z.literal('planted'),
        nullMargin: nullMarginSchema,
      })
      .strict(),
  ]),
);
/** The truth the per-target contextual estimates are scored against (single- vs all-task). */
export const contextualTruthSchema = z.preprocess(withSource, oracleTruthSchema('contextual-oracle'));

/**
 * `truth: { pairwise: {...}, contextual: {...} }` — either or both. The shape of earlier suites, a single
 * `truth: { source, estimator, … }`, still reads as the pairwise truth.
 */
export const truthSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && ('source' in v || 'estimator' in v) ? { pairwise: v } : v),
  z
    .object({ pairwise: pairwiseTruthSchema.optional(), contextual: contextualTruthSchema.optional() })
    .strict()
    .refine((t) => t.pairwise || t.contextual, { message: 'expected a pairwise and/or a contextual truth' }),
);
export type TruthSpec = z.infer<typeof truthSchema>;
export type ScopeTruthSpec = NonNullable<TruthSpec['pairwise'] | TruthSpec['contextual']>;

export const modelDefaultsSchema = modelSpecSchema.omit({ inputDim: true, numTasks: true, seed: true }).strict();
export type ModelDefaults = z.infer<typeof modelDefaultsSchema>;

export const engineChoiceSchema = z
  .object({
    /** engine name from @transferbench/models, `auto` (prefer `fast`, else the first engine) or `none` (no models) */
    name: z.string().min(1).default('auto'),
    backend: z.string().min(1).optional(),
  })
  .strict();
export type EngineChoice = z.infer<typeof engineChoiceSchema>;

export const reporterEntrySchema = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), options: optionsSchema.default({}) }).strict(),
]);

export const suiteSchema = z
  .object({
    name: idSchema,
    description: z.string().optional(),
    datasets: z.array(datasetEntrySchema).min(1),
    estimators: z.array(estimatorEntrySchema).min(1),
    seeds: z.array(seedSchema).min(1),
    truth: truthSchema.prefault({ pairwise: { source: 'oracle' } }),
    /** significance level of the estimators' tests (after Benjamini–Hochberg across pairs) */
    alpha: z.number().gt(0).lt(1).default(0.05),
    /** power the "cost to reach" column aims at */
    targetPower: z.number().gt(0).lt(1).default(0.8),
    model: modelDefaultsSchema.prefault({}),
    engine: engineChoiceSchema.prefault({}),
    reporters: z.array(reporterEntrySchema).default([]),
    /** results root; `<output>/<suite>-<timestamp>/` is created per run */
    output: z.string().min(1).default('results'),
    trial: trialLimitsSchema.prefault({}),
    /** parallel trials; default max(1, cores − 1) */
    concurrency: z.number().int().positive().optional(),
    /** user plugin modules (paths resolve like other suite paths) */
    plugins: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    // ids as the expanded list has them, each reported at the entry (index) that made it
    const dup = (field: string, ids: [string, number][]) => {
      const seen = new Set<string>();
      for (const [id, i] of ids) {
        if (seen.has(id))
          ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `duplicate ${field} id "${id}"; give each entry a unique id` });
        seen.add(id);
      }
    };
    dup(
      'datasets',
      s.datasets.flatMap((d, i) => expandFolds(d).map((e): [string, number] => [datasetId(e), i])),
    );
    dup(
      'estimators',
      s.estimators.map((e, i) => [estimatorId(e), i]),
    );
    s.datasets.forEach((d, i) => {
      if (!d.folds) return;
      const bad = expandFolds(d).find((e) => !idSchema.safeParse(e.id).success);
      if (bad)
        ctx.addIssue({
          code: 'custom',
          path: ['datasets', i, 'id'],
          message: `fold id "${bad.id}" is not a valid id; give the entry a shorter, file-name-safe id`,
        });
    });
    s.datasets.forEach((d, i) => {
      const missing = d.truths?.filter((t) => !s.truth[t]) ?? [];
      if (missing.length)
        ctx.addIssue({
          code: 'custom',
          path: ['datasets', i, 'truths'],
          message: `the suite's truth defines no ${missing.join(' or ')} truth; expected scopes it defines (${truthScopes.filter((t) => s.truth[t]).join(', ')})`,
        });
    });
    // an entry's id, its folds' ids, and (for an already expanded suite) the group of a fold
    const named = s.datasets.map((d) => d.group ?? datasetId(d));
    const known = new Set([...named, ...s.datasets.flatMap((d) => expandFolds(d).map(datasetId))]);
    s.estimators.forEach((e, i) =>
      e.datasets?.forEach((id, k) => {
        if (!known.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['estimators', i, 'datasets', k],
            message: `no dataset "${id}"; expected a dataset id of this suite (${[...new Set(named)].join(', ')})`,
          });
      }),
    );
    s.estimators.forEach((e, i) => {
      const names = new Set<string>();
      e.budgets.forEach((b, k) => {
        if (names.has(b.name))
          ctx.addIssue({ code: 'custom', path: ['estimators', i, 'budgets', k, 'name'], message: `duplicate budget "${b.name}"` });
        names.add(b.name);
      });
    });
    if (new Set(s.seeds).size !== s.seeds.length) ctx.addIssue({ code: 'custom', path: ['seeds'], message: 'seeds must be distinct' });
  })
  .transform((s) => ({ ...s, datasets: s.datasets.flatMap(expandFolds) }));
export type Suite = z.infer<typeof suiteSchema>;
export type SuiteInput = z.input<typeof suiteSchema>;

export function datasetId(d: Pick<DatasetEntry, 'id' | 'plugin'>): string {
  return d.id ?? d.plugin;
}

/** Whether a dataset entry scores the truth of `scope` (its `truths`, default all; the suite must define the scope too). */
export function scoresTruth(d: Pick<DatasetEntry, 'truths'>, scope: TruthScope): boolean {
  return !d.truths || d.truths.includes(scope);
}

export function estimatorId(e: Pick<EstimatorEntry, 'id' | 'plugin'>): string {
  return e.id ?? e.plugin;
}

/** Whether a dataset entry is one of `ids`, by its id or its fold group (`folds: each`). */
export function namedIn(ids: readonly string[], d: Pick<DatasetEntry, 'id' | 'plugin' | 'group'>): boolean {
  return ids.includes(datasetId(d)) || (d.group !== undefined && ids.includes(d.group));
}

/** Whether an estimator entry runs on a dataset entry (its `datasets`, by id or fold group; default all). */
export function runsOn(e: Pick<EstimatorEntry, 'datasets'>, d: Pick<DatasetEntry, 'id' | 'plugin' | 'group'>): boolean {
  return !e.datasets || namedIn(e.datasets, d);
}

/** Shallow-merge a budget's overrides over the estimator's base options (nested objects merge one level deep). */
export function budgetOptions(entry: EstimatorEntry, budget: Budget): Record<string, unknown> {
  const out: Record<string, unknown> = { ...entry.options };
  for (const [k, v] of Object.entries(budget.options)) {
    const base = out[k];
    out[k] = isPlainObject(base) && isPlainObject(v) ? { ...base, ...v } : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Hash of everything in a parsed suite that changes what trials compute (name, datasets, estimators and
 * budgets, seeds, truth, model defaults, engine). Output folder, concurrency, limits, reporters, α and
 * plugin paths are left out: they change neither a trial's numbers nor its id.
 */
export function suiteHash(s: Suite): string {
  return contentHash({
    name: s.name,
    datasets: s.datasets.map((d) => ({ ...d, id: datasetId(d) })),
    estimators: s.estimators.map(({ trial: _limits, ...e }) => ({ ...e, id: estimatorId(e) })),
    seeds: s.seeds,
    truth: Object.fromEntries(Object.entries(s.truth).map(([scope, t]) => [scope, { ...t, trial: undefined }])),
    model: s.model,
    engine: s.engine,
  });
}
