import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA_VERSION } from '@transferbench/core';
import { allSchemas } from './schema.ts';

type Json = { properties?: Record<string, Json>; required?: string[]; anyOf?: Json[]; oneOf?: Json[]; const?: unknown; items?: Json };

describe('transferbench schema', () => {
  it('publishes JSON Schemas of trials.jsonl lines, summary.json, TransferEstimate and suites, generated from zod', () => {
    const all = allSchemas() as Record<string, Json>;
    expect(all.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(RESULTS_SCHEMA_VERSION).toBe(2); // results schema 2: pairwise and contextual truths and scores
    const summary = all['summary.json'];
    expect(summary.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'suite', 'environment', 'rows', 'costToPower', 'powerAtMatchedCost', 'truths']),
    );
    const row = summary.properties!.rows.items!;
    expect(Object.keys(row.properties!)).toEqual(expect.arrayContaining(['pairwise', 'contextual', 'cpuSeconds', 'samplePasses']));
    // each scope's scores (or null when the estimator has no output for it)
    for (const scope of ['pairwise', 'contextual']) {
      const scores = (row.properties![scope].anyOf ?? []).find((v) => v.properties);
      expect(Object.keys(scores?.properties ?? {}), scope).toEqual(
        expect.arrayContaining(['truth', 'power', 'fpr', 'spearman', 'calibration']),
      );
    }
    const env = summary.properties!.environment;
    expect(Object.keys(env.properties!)).toEqual(expect.arrayContaining(['packages', 'git', 'node', 'cpu', 'engine']));
    const line = all['trials.jsonl (each line)'];
    const variants = line.oneOf ?? line.anyOf ?? [];
    expect(variants.map((v) => v.properties?.type?.const).sort()).toEqual(['session', 'trial']);
    // the code hash a session ran: optional, so logs and summaries from before it was recorded still validate
    const sessionLine = variants.find((v) => v.properties?.type?.const === 'session')!;
    expect(Object.keys(sessionLine.properties!)).toContain('codeHash');
    expect(sessionLine.required).not.toContain('codeHash');
    expect(Object.keys(summary.properties!.sessions.items!.properties!)).toEqual(expect.arrayContaining(['codeHash', 'trials']));
    expect(Object.keys(all['suite (input)'].properties!)).toEqual(
      expect.arrayContaining(['datasets', 'estimators', 'seeds', 'truth', 'alpha']),
    );
  });
});
