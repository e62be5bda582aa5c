/** Plugin files belong to the run's identity, and the run says which it loads (issue 17). */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSuite } from './run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { tempDir, writeSuite, TEST_PLUGINS } from '../testing/suite-files.ts';
import { pluginFileIds, runHash } from './plugin-files.ts';
import { suiteSchema } from '../suite/suite-schema.ts';

describe('plugin files in the run identity', () => {
  it('the run hash follows plugin file contents; without plugin files it is the plain suite hash', () => {
    const dir = tempDir();
    const copy = join(dir, 'plugins.ts');
    copyFileSync(TEST_PLUGINS, copy);
    const suite = suiteSchema.parse({
      name: 's',
      datasets: [{ plugin: 'd' }],
      estimators: [{ plugin: 'e' }],
      seeds: [1],
      plugins: ['plugins.ts'],
    });
    const before = pluginFileIds(suite, dir, [], 'suite.yaml');
    expect(before).toEqual([{ file: copy, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const h1 = runHash(suite, 'none', before);
    appendFileSync(copy, '\n// edited\n');
    const h2 = runHash(suite, 'none', pluginFileIds(suite, dir, [], 'suite.yaml'));
    expect(h2).not.toBe(h1);
    expect(runHash({ ...suite, plugins: [] }, 'none', [])).not.toBe(h1);
    expect(() => pluginFileIds({ ...suite, plugins: ['gone.mjs'] }, dir, [], 'suite.yaml')).toThrow(
      /plugins\[0\]: "gone\.mjs" does not exist/,
    );
  });

  it('a run prints each plugin file it loads with its sha256, and records them in run.json', async () => {
    const dir = tempDir();
    const suiteFile = writeSuite(dir, {
      name: 'says-what-it-loads',
      datasets: [{ plugin: 'tiny-planted' }],
      estimators: [{ plugin: 'test-signal' }],
      seeds: [1],
      truth: { source: 'planted' },
      engine: { name: 'none' },
    });
    const lines: string[] = [];
    const host = await createBenchHost();
    const out = await runSuite({ suiteFile, out: join(dir, 'out'), runner: () => new InProcessRunner(host), log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(
      /loading 1 plugin file\(s\) \(code that runs here and in every trial\):\n {2}\S*test-plugins\.ts sha256 [0-9a-f]{16}/,
    );
    const run = JSON.parse(readFileSync(join(out.dir, 'run.json'), 'utf8'));
    expect(run.pluginFiles).toEqual([{ file: TEST_PLUGINS, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });
});
