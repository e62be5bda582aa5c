/**
 * leaderboard.md shows text from results files — a suite's description, a plugin's failure message — as text
 * (issue 17: raw HTML passed through, so a failure message could put markup or script into a rendered page).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSuite } from '../run/run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';

describe('leaderboard.md escaping', () => {
  it('renders HTML from a description and a failure message as text', async () => {
    const dir = tempDir();
    const suiteFile = writeSuite(dir, {
      name: 'escaping',
      description: 'A study <script>alert("description")</script> & more',
      datasets: [{ plugin: 'tiny-planted' }],
      estimators: [{ plugin: 'test-signal' }, { plugin: 'test-throws', options: { message: 'boom <img src=x onerror=alert(1)> | piped' } }],
      seeds: [1],
      truth: { source: 'planted' },
      engine: { name: 'none' },
    });
    const host = await createBenchHost();
    const out = await runSuite({ suiteFile, out: join(dir, 'out'), runner: () => new InProcessRunner(host), log: () => {} });
    const md = readFileSync(join(out.dir, 'leaderboard.md'), 'utf8');
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).toContain('A study &lt;script&gt;alert("description")&lt;/script&gt; &amp; more');
    expect(md).toContain('boom &lt;img src=x onerror=alert(1)&gt; \\| piped');
  });
});
