/**
 * `transferbench fit-curve --input points.csv --family exp3|exp3.2|pairwise [--json]`: fits one learning-curve
 * family to measured points and prints the parameters with SEs, 95 % Wald CIs (t, n − p df), p-values, the
 * transfer parameter's Wald and nested-F p-values, RSS, df, the converged flag and the restarts.
 * A fit that fails is printed with `converged: false` and its reason (and a note on stderr), not hidden.
 */
import type { Command } from 'commander';
import { CURVE_FAMILIES, fitCurve, transferFTest, type CurveFit, type NestedFTest } from '@transferbench/core';
import { z } from 'zod';
import { readCurveCsv } from './fit-curve-csv.ts';

const optionsSchema = z.object({
  input: z.string().min(1),
  family: z.enum(['exp3', 'exp3.2', 'pairwise']),
  json: z.boolean().default(false),
  upperAsymptote: z.coerce.number().refine(Number.isFinite, 'expected a finite number').optional(),
  restarts: z.coerce.number().int().min(0).max(1000).default(8),
  seed: z.coerce.number().int().default(0),
});
export type FitCurveOptions = z.input<typeof optionsSchema>;

export interface FitCurveReport {
  input: string;
  family: string;
  formula: string;
  nPoints: number;
  parameters: {
    name: string;
    estimate: number | null;
    se: number | null;
    lower: number | null;
    upper: number | null;
    pValue: number | null;
  }[];
  transfer: {
    name: string;
    waldPValue: number | null;
    fTest: { F: number | null; df1: number; df2: number; pValue: number | null; valid: boolean; reason: string | null };
  }[];
  rss: number | null;
  df: number;
  sigma2: number | null;
  converged: boolean;
  reason: string | null;
  warnings: string[];
  restarts: CurveFit['restarts'];
  level: number;
}

const num = (v: number) => (Number.isFinite(v) ? v : null);

export function runFitCurve(raw: FitCurveOptions): FitCurveReport {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `fit-curve: option --${String(issue.path[0] ?? '?').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`,
    );
  }
  const o = parsed.data;
  const family = CURVE_FAMILIES[o.family];
  const points = readCurveCsv(o.input, family);
  const fitOptions = { upperAsymptote: o.upperAsymptote, restarts: o.restarts, seed: o.seed };
  const fit = fitCurve(family, points, fitOptions);
  const tests: NestedFTest[] = fit.transfer.map((rate) => transferFTest(family, points, rate, fit, fitOptions));
  return {
    input: o.input,
    family: family.name,
    formula: family.formula,
    nPoints: fit.nPoints,
    parameters: fit.parameters.map((name) => ({
      name,
      estimate: fit.estimate[name],
      se: fit.se[name],
      lower: fit.lower[name],
      upper: fit.upper[name],
      pValue: fit.pValue[name],
    })),
    transfer: tests.map((t) => ({
      name: t.rate,
      waldPValue: fit.pValue[t.rate],
      fTest: { F: num(t.F), df1: t.df1, df2: t.df2, pValue: num(t.pValue), valid: t.valid, reason: t.reason },
    })),
    rss: num(fit.rss),
    df: fit.df,
    sigma2: num(fit.sigma2),
    converged: fit.converged,
    reason: fit.reason,
    warnings: fit.warnings,
    restarts: fit.restarts,
    level: fit.level,
  };
}

const fmt = (v: number | null, digits = 6) =>
  v === null ? '—' : Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(digits - 1) : v.toPrecision(digits);
const fmtP = (v: number | null) => (v === null ? '—' : v < 1e-4 ? v.toExponential(2) : v.toFixed(4));

export function formatFitCurveTable(r: FitCurveReport): string {
  const lines = [`fit-curve ${r.family}: m = ${r.formula}   (${r.input}, ${r.nPoints} points)`];
  const ci = `${Math.round(r.level * 100)} % CI`;
  const rows = [
    ['parameter', 'estimate', 'SE', ci, 'p (Wald t)'],
    ...r.parameters.map((p) => [p.name, fmt(p.estimate), fmt(p.se, 4), `[${fmt(p.lower, 4)}, ${fmt(p.upper, 4)}]`, fmtP(p.pValue)]),
  ];
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  for (const row of rows)
    lines.push(
      row
        .map((cell, j) => cell.padEnd(widths[j]))
        .join('  ')
        .trimEnd(),
    );
  for (const t of r.transfer) {
    const f = t.fTest.valid
      ? `F test (${t.name} = 0): F = ${fmt(t.fTest.F, 4)}, df (${t.fTest.df1}, ${t.fTest.df2}), p = ${fmtP(t.fTest.pValue)}`
      : `F test (${t.name} = 0) not available: ${t.fTest.reason}`;
    lines.push(`transfer ${t.name}: Wald p = ${fmtP(t.waldPValue)}; ${f}`);
  }
  lines.push(
    `RSS ${fmt(r.rss)}   df ${r.df}   s² ${fmt(r.sigma2, 4)}   converged ${r.converged ? 'yes' : 'NO'}   restarts ${r.restarts.attempted} (${r.restarts.failed} failed)`,
  );
  if (!r.converged) lines.push(`fit failed: ${r.reason}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export function registerFitCurve(program: Command): void {
  program
    .command('fit-curve')
    .description(
      'Fit a learning-curve family (EXP3, EXP3.2, pairwise) to points from a CSV and report estimates, SEs, CIs and transfer tests',
    )
    .requiredOption('--input <file>', 'CSV with header n,y (exp3) | n_i,n_sigma,y (exp3.2) | n_i,n_j,y (pairwise)')
    .requiredOption('--family <name>', 'exp3 | exp3.2 | pairwise')
    .option('--json', 'print one JSON object instead of a table', false)
    .option('--upper-asymptote <c>', 'upper bound on the asymptote c (1 for AUC-like metrics)')
    .option('--restarts <k>', 'seeded random restarts after the data-driven start', '8')
    .option('--seed <s>', 'seed of the random restarts', '0')
    .action((opts: FitCurveOptions) => {
      const report = runFitCurve(opts);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatFitCurveTable(report));
      if (!report.converged) process.stderr.write(`transferbench fit-curve: the fit did not converge: ${report.reason}\n`);
    });
}
