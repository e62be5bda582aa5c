import { packageTestConfig } from '../../vitest.shared.ts';

// Most tests take a few seconds (a CLI or trial child process starts in about 2–3 s); the ones that run whole
// suites through child processes, Redis and kills set their own timeouts. Test files that start no long-lived
// processes and leave no global state share one module graph (saves a re-import of every package per file); the
// queue, trial and fault tests (environment changes, process groups) stay isolated, as does any new file.
export default packageTestConfig({
  testTimeout: 30_000,
  hookTimeout: 60_000,
  sharedModules: [
    'src/scoring/**/*.test.ts',
    'src/suite/**/*.test.ts',
    'src/report/**/*.test.ts',
    'src/plugins/**/*.test.ts',
    'src/store/**/*.test.ts',
    'src/commands/**/*.test.ts',
    'src/run/{code-change,plugin-files,plugin-output,calibration}.test.ts',
    'src/queue/{connection,redis-url,stamp,job-data}.test.ts',
  ],
});
