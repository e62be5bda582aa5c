/** The commander program: one file per command under ./commands, registered here. */
import { Command } from 'commander';
import { commands } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command('transferbench')
    .description('Benchmark transfer estimators for multi-task learning: statistical power against compute cost')
    .showHelpAfterError()
    .exitOverride((err) => {
      // help/version are normal exits; everything else becomes a thrown error with commander's message
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
      throw err;
    });
  for (const register of commands) register(program);
  return program;
}
