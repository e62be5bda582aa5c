import { describe, expect, it } from 'vitest';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
import { leaderboardReporter, renderLeaderboard } from './leaderboard-md.ts';

describe('markdown leaderboard', () => {
  it('renders one table row per estimator × budget in ranking order, with provenance', async () => {
    const bundle = fixtureBundle();
    const [file] = await leaderboardReporter.render(bundle, leaderboardReporter.options!.parse({}));
    expect(file.path).toBe('leaderboard.md');
    const md = file.content as string;
    const lines = md.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| rank | estimator | budget | power |'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^\|---:\|---\|/);
    const rows = lines.slice(header + 2, lines.indexOf('', header));
    expect(rows).toHaveLength(9); // 3 + 3 + 2 + 1 budgets
    expect(rows[0]).toMatch(/^\| 1 \| learning-curve \| small \| 0\.70 \[0\.58, 0\.82\] \|/);
    expect(rows[2]).toMatch(/^\| 2 \| tag \| r3 \| 0\.30 /);
    expect(rows[8]).toMatch(/^\| 4 \| no-p \| default \| n\/a \| n\/a \|.* — \|$/);
    expect(md).toContain('- **learning-curve**: 2.61 CPU-s (interpolated, reached at large)');
    expect(md).toContain(
      'Power at matched cost (2.00 CPU-s per estimate, interpolated in log cost): learning-curve 0.75 > tag 0.60 > gradient-cosine 0.55.',
    );
    expect(md).toContain(`**commit**: ${bundle.summary.environment.git.sha}`);
    expect(md).toContain('**seeds**: 1, 2, 3');
    expect(md).not.toContain('Warning');
  });

  it('says loudly when the report merges incompatible runs by force', () => {
    const bundle = fixtureBundle({ suiteHash: 'aaaa+bbbb' });
    bundle.merge = {
      forced: true,
      conflicts: ['suite hash differs: aaaa (runs/a), bbbb (runs/b)'],
      duplicateTrials: 0,
      runs: [
        { dir: 'runs/a', suite: { name: 'fixture', hash: 'aaaa' }, schemaVersion: 1, gitShas: ['c1'], trials: 10 },
        { dir: 'runs/b', suite: { name: 'fixture', hash: 'bbbb' }, schemaVersion: 1, gitShas: ['c2'], trials: 12 },
      ],
    };
    const md = renderLeaderboard(bundle);
    expect(md.split('\n')[2]).toMatch(
      /^> \*\*Warning — FORCED MERGE of 2 incompatible runs \(--force\): suite hash differs: aaaa \(runs\/a\), bbbb \(runs\/b\)\. Suite hashes merged: aaaa, bbbb\./,
    );
    expect(md).toMatch(/\*\*commit\*\*: .*c1, c2/);
  });

  it('escapes pipes in names so the table keeps its columns', () => {
    const bundle = fixtureBundle({
      estimators: [{ id: 'a|b', plugin: 'x', kind: 'computational', budgets: ['lo'], power: [0.5], cpu: [1] }],
    });
    const row = renderLeaderboard(bundle)
      .split('\n')
      .find((l) => l.includes('a\\|b'))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(12);
  });
});
