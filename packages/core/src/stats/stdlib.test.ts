/**
 * core loads @stdlib on first use (start-up of trial children and CLI commands, issue 13), in fresh processes:
 * importing core loads none of it; the preload a trial runs before the estimator's clock loads the
 * distributions estimators use, not the KS test; the functions give @stdlib's own values.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ksUniform, tCritical } from '../index.ts';
import { normalQuantile, polygamma, tCdf } from './stdlib.ts';

const script = `
  import { createRequire } from 'node:module';
  const stdlib = () => [...new Set(Object.keys(createRequire(import.meta.url).cache)
    .map((f) => f.match(/@stdlib\\/(stats-kstest|stats-base-dists-[a-z]+-[a-z]+|math-base-special-[a-z]+gamma)\\//)?.[1])
    .filter(Boolean))].sort();
  const core = await import('@transferbench/core');
  const steps = { imported: stdlib() };
  core.preloadEstimatorStatistics();
  steps.preloaded = stdlib();
  core.ksUniform([0.1, 0.5, 0.9]);
  steps.afterKs = stdlib().includes('stats-kstest');
  console.log(JSON.stringify(steps));
`;

describe('@stdlib on first use', () => {
  it('importing core loads none of it; the trial preload loads the distributions, not the KS test', async () => {
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx/esm', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    });
    const steps = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(steps.imported).toEqual([]);
    expect(steps.preloaded).toEqual(
      expect.arrayContaining([
        'math-base-special-digamma',
        'math-base-special-polygamma',
        'math-base-special-trigamma',
        'stats-base-dists-normal-quantile',
        'stats-base-dists-t-cdf',
        'stats-base-dists-t-quantile',
      ]),
    );
    expect(steps.preloaded).not.toContain('stats-kstest');
    expect(steps.afterKs).toBe(true);
  }, 60_000);

  it("gives @stdlib's values", () => {
    expect(tCdf(2.228138851986274, 10)).toBeCloseTo(0.975, 12);
    expect(normalQuantile(0.975, 0, 1)).toBeCloseTo(1.959963984540054, 12);
    expect(polygamma(2, 1)).toBeCloseTo(-2.404113806319188, 12); // ψ''(1) = −2 ζ(3)
    expect(tCritical(0.95, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(ksUniform([0.5]).statistic).toBeCloseTo(0.5, 12);
  });
});
