/** A suite whose dataset options hold a typo is refused before any trial, naming the option and the valid ones. */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createBenchHost } from '../plugins/bench-host.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';
import { checkSuite } from './check-suite.ts';
import { loadSuite } from './load-suite.ts';

const dir = tempDir('tb-data-opts-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('suite dataset options are strict', () => {
  it.each([
    ['synthetic', { compound: 100 }, /unknown option "compound" \(did you mean "compounds"\?\); valid options: tasks, compounds, /],
    ['kiba', { minPositive: 100 }, /unknown option "minPositive" \(did you mean "minPositives"\?\); valid options: tasks, top, .*dataDir/],
    ['csv', { file: 'x.csv', delimeter: ';' }, /unknown option "delimeter"; valid options: .*delimiter/],
  ])('%s', async (plugin, options, message) => {
    const file = writeSuite(
      dir,
      {
        name: `typo-${plugin}`,
        datasets: [{ id: 'd', plugin, options, split: { kind: 'random' } }],
        estimators: [{ plugin: 'test-signal', budgets: [{ name: 'b', options: {} }] }],
        seeds: [0],
      },
      `${plugin}.yaml`,
    );
    const { suite, baseDir } = await loadSuite(file);
    await expect(checkSuite(suite, await createBenchHost(), baseDir, `${plugin}.yaml`)).rejects.toThrow(message);
  });
});
