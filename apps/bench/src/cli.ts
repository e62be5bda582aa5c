/** transferbench CLI entry: builds the commander program and maps errors to a one-line message + exit 1. */
import { buildProgram } from './program.ts';

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`transferbench: ${msg}\n`);
  if (process.env.TRANSFERBENCH_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}
