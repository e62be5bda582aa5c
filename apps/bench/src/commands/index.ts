/** Every CLI command, one module each. Add a line here when you add a command. */
import type { Command } from 'commander';
import { registerRun } from './run.ts';
import { registerEstimate } from './estimate.ts';
import { registerSchema } from './schema.ts';
import { registerFitCurve } from './fit-curve.ts';
import { registerDataset } from './dataset.ts';
import { registerInfo } from './info.ts';
import { registerEngineBench } from './engine-bench.ts';
import { registerReport } from './report.ts';
import { registerStudyReport } from './study-report.ts';
import { registerWorker } from './worker.ts';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerFitCurve,
  registerRun,
  registerEstimate,
  registerSchema,
  registerDataset,
  registerInfo,
  registerEngineBench,
  registerReport,
  registerStudyReport,
  registerWorker,
];
