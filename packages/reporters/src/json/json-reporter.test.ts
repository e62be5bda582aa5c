import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { resultsJsonSchemas } from '@transferbench/core';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
import { jsonReporter, leaderboardJsonSchema, leaderboardJsonSchemaJson } from './json-reporter.ts';

function validator(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  return ajv.compile(schema as object);
}

describe('json reporter', () => {
  it('writes summary + estimates that validate against the published JSON Schemas (transferbench schema)', async () => {
    const bundle = fixtureBundle();
    const [file] = await jsonReporter.render(bundle, jsonReporter.options!.parse({}));
    expect(file.path).toBe('leaderboard.json');
    const doc = JSON.parse(file.content as string);
    const published = resultsJsonSchemas();
    const summaryOk = validator(published['summary.json']);
    expect(summaryOk(doc.summary), JSON.stringify(summaryOk.errors)).toBe(true);
    const estimateOk = validator(published.TransferEstimate);
    expect(doc.estimates).toHaveLength(bundle.trials.length); // 39 estimates + 2 truths
    for (const e of doc.estimates) expect(estimateOk(e.estimate), JSON.stringify(estimateOk.errors)).toBe(true);
    expect(validator(leaderboardJsonSchemaJson())(doc)).toBe(true);
    expect(doc.summary).toEqual(JSON.parse(JSON.stringify(bundle.summary)));
    expect(doc.summary.schemaVersion).toBe(2);
    expect(doc.summary.truths.map((t: { id: string }) => t.id)).toEqual(['synthetic/pairwise', 'synthetic/contextual']);
    const tag = doc.estimates.find((e: { label: string }) => e.label === 'synthetic/tag@r6#2');
    expect(tag).toMatchObject({ kind: 'estimate', dataset: 'synthetic', estimator: 'tag', budget: 'r6', seed: 2 });
    expect(tag.truths).toBeUndefined();
    // two truth trials of one dataset: each names its oracle and says which truth it defines
    const truths = doc.estimates.filter((e: { kind: string }) => e.kind === 'truth');
    expect(truths.map((e: { label: string; truths: string[] }) => [e.label, e.truths])).toEqual([
      ['synthetic/truth:oracle:pairwise-oracle', ['synthetic/pairwise']],
      ['synthetic/truth:oracle:contextual-oracle', ['synthetic/contextual']],
    ]);
    // the published schema rejects what it should: a summary without rows
    const { rows: _rows, ...noRows } = doc.summary;
    expect(summaryOk(noRows)).toBe(false);
    // …and a row with a proportion outside its shape (a flat number where a Wilson proportion belongs)
    const flat = structuredClone(doc.summary);
    flat.rows[0].pairwise.power = 0.7;
    expect(summaryOk(flat)).toBe(false);
  });

  it('drops estimator details by default and keeps them on request', async () => {
    const bundle = fixtureBundle();
    const withDetails = JSON.parse(
      (await jsonReporter.render(bundle, jsonReporter.options!.parse({ details: true })))[0].content as string,
    );
    const without = JSON.parse((await jsonReporter.render(bundle, jsonReporter.options!.parse({})))[0].content as string);
    const lc = (d: { estimates: { estimator: string; estimate: { details?: unknown } }[] }) =>
      d.estimates.find((e) => e.estimator === 'learning-curve')!.estimate;
    expect(lc(withDetails).details).toHaveProperty('points');
    expect(lc(without).details).toBeUndefined();
    leaderboardJsonSchema.parse(without);
  });

  it('refuses to write a document that does not match the schema, naming the field', async () => {
    const bundle = fixtureBundle();
    (bundle.summary.rows[0] as { budget: unknown }).budget = 7;
    await expect(async () => jsonReporter.render(bundle, jsonReporter.options!.parse({}))).rejects.toThrow(
      /does not match the published schema at summary\.rows\.0\.budget/,
    );
  });
});
