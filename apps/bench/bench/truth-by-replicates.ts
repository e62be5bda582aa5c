/**
 * How many replicates does a contextual truth need to settle its targets? Reads one contextual-oracle estimate
 * (`transferbench estimate --estimator contextual-oracle --json`, so with its per-replicate effects in
 * details.replicates) and classifies the truth computed from the first R replicates only (DESIGN §8 rule at δ),
 * with the CPU-s those R replicates cost (the estimate's CPU-s pro rata; run the oracle with `--opt cache=false`
 * so that every replicate pays for its trainings). Replicates are nested: replicate r is the same training
 * whatever the total.
 *
 *   npx tsx apps/bench/bench/truth-by-replicates.ts <estimate.json> [δ] [R list, e.g. 8,16,24,48,96]
 */
import { readFileSync } from 'node:fs';
import { classifyVectorTruth, tTestOneSample } from '@transferbench/core';
import { z } from 'zod';

const estimateSchema = z.object({
  tasks: z.array(z.string()),
  cost: z.object({ cpuMs: z.number(), trainings: z.number() }),
  details: z.object({ replicates: z.array(z.object({ contextual: z.array(z.number().nullable()) })).min(2) }),
});

const [file, deltaArg = '0.01', everyArg = '8,16,24,32,48,64,96'] = process.argv.slice(2);
if (!file) throw new Error('usage: truth-by-replicates.ts <estimate.json> [δ] [R list]');
const parsed = estimateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) throw new Error(`${file}: not a contextual-oracle estimate with replicates:\n${z.prettifyError(parsed.error)}`);
const { tasks, cost, details } = parsed.data;
const reps = details.replicates;
const cpuPerReplicate = cost.cpuMs / 1000 / reps.length;

for (const R of everyArg.split(',').map(Number)) {
  if (!(R >= 2 && R <= reps.length)) continue;
  const tests = tasks.map((_, i) => tTestOneSample(reps.slice(0, R).flatMap((r) => (r.contextual[i] === null ? [] : [r.contextual[i]!]))));
  const { counts } = classifyVectorTruth(
    {
      tasks,
      contextual: { effect: tests.map((t) => t.estimate), lower: tests.map((t) => t.ciLower), upper: tests.map((t) => t.ciUpper) },
    },
    Number(deltaArg),
  );
  const settled = tasks.length - counts.indeterminate;
  console.log(
    `R ${String(R).padStart(3)}  ≈ ${(cpuPerReplicate * R).toFixed(0).padStart(4)} CPU-s  settled ${settled}/${tasks.length}  ${JSON.stringify(counts)}`,
  );
}
console.log(
  `${reps.length} replicates, ${(cost.cpuMs / 1000).toFixed(1)} CPU-s (${cpuPerReplicate.toFixed(2)} a replicate), ${cost.trainings} trainings`,
);
