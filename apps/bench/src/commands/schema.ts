/** `transferbench schema [--part name]`: JSON Schemas (generated from zod) of the result files and of suites. */
import type { Command } from 'commander';
import { z } from 'zod';
import { resultsJsonSchemas } from '@transferbench/core';
import { suiteSchema } from '../suite/suite-schema.ts';

export function allSchemas(): Record<string, unknown> {
  return {
    ...resultsJsonSchemas(),
    'suite (input)': z.toJSONSchema(suiteSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of results (trials.jsonl lines, summary.json, TransferEstimate) and of suite files')
    .option('--part <name>', 'print one part only: trials, summary, estimate or suite')
    .action((o: { part?: string }) => {
      const all = allSchemas();
      const parts: Record<string, string> = {
        trials: 'trials.jsonl (each line)',
        summary: 'summary.json',
        estimate: 'TransferEstimate',
        suite: 'suite (input)',
      };
      if (o.part && !parts[o.part]) throw new Error(`--part ${o.part}: expected one of ${Object.keys(parts).join(', ')}`);
      process.stdout.write(`${JSON.stringify(o.part ? all[parts[o.part]] : all, null, 2)}\n`);
    });
}
