/**
 * Each package's public surface, pinned: the names its index (packages/<pkg>/src/index.ts) exports, values and
 * types, as explicit sorted lists. A package exports what other packages, apps/bench and plugin authors use
 * (issue 13); adding or dropping a name means editing this file too, so it is a deliberate change.
 * The index is read with TypeScript's parser (no type check: fast); the values are also checked against what
 * importing the package gives at run time, so a name in the list that does not resolve fails as well.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './code-hash.ts';

const surfaces: Record<string, { values: string[]; types: string[] }> = {
  '@transferbench/core': {
    values: [
      'CLASS_RULE',
      'CURVE_FAMILIES',
      'CostMeter',
      'DatasetValidationError',
      'EXP3',
      'EXP3_2',
      'InvalidOptionsError',
      'PAIRWISE',
      'RESULTS_SCHEMA_VERSION',
      'Registry',
      'Rng',
      'averagePrecisionMasked',
      'bhAdjust',
      'bootstrapCi',
      'bootstrapCurve',
      'canonicalJson',
      'classifyEffect',
      'classifyTruth',
      'classifyVectorTruth',
      'contentHash',
      'covariateNames',
      'curveExpTerm',
      'curveValue',
      'defineDataset',
      'defineEstimator',
      'defineReporter',
      'dropUnlabelled',
      'emptyClassCounts',
      'environmentSchema',
      'evaluateLosses',
      'fitCurve',
      'initialWeights',
      'jointFamily',
      'ksUniform',
      'labelledFor',
      'labelledRows',
      'learningCurveDetailsSchema',
      'logLossMasked',
      'lookaheadLosses',
      'lookaheadLossesByStepping',
      'makeTrialJob',
      'median',
      'modelSpecSchema',
      'moderatedTTests',
      'parameterNames',
      'parseOptions',
      'pluginMetaSchema',
      'preloadEstimatorStatistics',
      'quantiles',
      'resultLineSchema',
      'resultsJsonSchemas',
      'rocAuc',
      'rocAucMasked',
      'runTrainJob',
      'samplePassFlops',
      'sharedGradientProducts',
      'spearman',
      'squareMatrix',
      'summarize',
      'summarySchema',
      'tCritical',
      'tTestOneSample',
      'takeRows',
      'taskLabelStats',
      'trainMany',
      'trainModel',
      'transferEstimateSchema',
      'transferFTest',
      'trialId',
      'trialJobSchema',
      'trialLabel',
      'trialOutcomeSchema',
      'trialRecordSchema',
      'trialResultSchema',
      'twoSidedTPValue',
      'validateDataset',
      'validateEstimate',
      'wilsonInterval',
      'withoutRate',
    ],
    types: [
      'BenchSummary',
      'Cost',
      'CostToPowerRow',
      'CsrMatrix',
      'CurveBootstrap',
      'CurveFamily',
      'CurveFit',
      'CurveFitOptions',
      'CurvePoint',
      'DatasetLoadContext',
      'DatasetPlugin',
      'EngineDescriptor',
      'Environment',
      'EstimatorCheckInput',
      'EstimatorContext',
      'EstimatorKind',
      'GradientProducts',
      'LabelledRows',
      'LearningCurveDetails',
      'LookaheadLosses',
      'LookaheadRequest',
      'Matrix',
      'ModelFactory',
      'ModelSpec',
      'ModelSpecInput',
      'ModelWeights',
      'MultiTaskDataset',
      'MultiTaskModel',
      'NestedFTest',
      'ParallelModelFactory',
      'PluginMeta',
      'RenderedFile',
      'ReporterPlugin',
      'ResultLine',
      'ResultsBundle',
      'SampleInfo',
      'ScopeScore',
      'ScoreScope',
      'SessionRecord',
      'SharedWorkArrays',
      'Split',
      'SplitKind',
      'SummaryRow',
      'TaskInfo',
      'TrainJob',
      'TrainJobResult',
      'TrainManyOptions',
      'TrainReport',
      'TransferEstimate',
      'TransferEstimator',
      'TrialFailure',
      'TrialJob',
      'TrialOutcome',
      'TrialRecord',
      'TrialResult',
      'TruthClass',
      'TruthSummary',
    ],
  },
  '@transferbench/datasets': {
    values: [
      'builtinDatasets',
      'featurizationReport',
      'featurizationReportSchema',
      'generateSynthetic',
      'loadCsv',
      'makeSplit',
      'randomSplit',
      'splitOptionsSchema',
      'syntheticDataset',
    ],
    types: ['FeaturizationReport'],
  },
  '@transferbench/models': {
    values: ['engines', 'loadEngine', 'randomProblem'],
    types: [],
  },
  '@transferbench/estimators': {
    values: ['builtinEstimators', 'pairwiseTTests', 'vectorTTests'],
    types: ['InferenceMethod'],
  },
  '@transferbench/reporters': {
    values: ['REPORT_FORMATS', 'builtinReporters', 'escapeHtml', 'formatSeconds', 'leaderboardJsonSchema'],
    types: ['MergeInfo', 'ReportBundle', 'ReportFormat'],
  },
};

/** The names a module's source exports, from its syntax; `export *` is listed apart (it would hide what the surface is). */
function exportsOf(file: string, text: string): { values: string[]; types: string[]; star: string[] } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const out = { values: [] as string[], types: [] as string[], star: [] as string[] };
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s)) {
      if (!s.exportClause || !ts.isNamedExports(s.exportClause)) out.star.push(s.getText(sf));
      else for (const e of s.exportClause.elements) (s.isTypeOnly || e.isTypeOnly ? out.types : out.values).push(e.name.text);
    } else if (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) out.values.push(d.name.getText(sf));
      else if (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) out.types.push(s.name.text);
      else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) out.values.push(s.name.text);
    } else if (ts.isExportAssignment(s)) out.values.push('default');
  }
  return { values: out.values.sort(), types: out.types.sort(), star: out.star };
}

function indexExports(pkg: string) {
  const file = join(REPO_ROOT, 'packages', pkg.replace('@transferbench/', ''), 'src', 'index.ts');
  return exportsOf(file, readFileSync(file, 'utf8'));
}

describe('public surfaces', () => {
  it.each(Object.keys(surfaces))('%s exports exactly the pinned names, none through `export *`', (pkg) => {
    const { values, types, star } = indexExports(pkg);
    expect(star).toEqual([]);
    expect({ values, types }).toEqual(surfaces[pkg]);
  });

  it.each(Object.keys(surfaces))('%s gives the pinned values at run time', async (pkg) => {
    const mod = (await import(pkg)) as Record<string, unknown>;
    expect(Object.keys(mod).sort()).toEqual(surfaces[pkg].values);
    for (const name of surfaces[pkg].values) expect(mod[name], name).toBeDefined();
  });

  it('reads every form of export, and sees a planted `export *`', () => {
    const planted = [
      "export * from './a.ts';",
      "export * as ns from './n.ts';",
      "export { b, type C, d as e } from './b.ts';",
      "export type { F } from './f.ts';",
      'export const g = 1, h = 2;',
      'export function i() {}',
      'export class J {}',
      'export interface K {}',
      'export type L = string;',
      'const hidden = 3;',
    ].join('\n');
    expect(exportsOf('planted.ts', planted)).toEqual({
      values: ['J', 'b', 'e', 'g', 'h', 'i'],
      types: ['C', 'F', 'K', 'L'],
      star: ["export * from './a.ts';", "export * as ns from './n.ts';"],
    });
  });
});
