import { describe, expect, it } from 'vitest';
import { CLASS_RULE } from '@transferbench/core';
import { FIXTURE_UNITS, fixtureBundle } from '../testing/fixture-bundle.ts';
import { leaderboardReporter, renderLeaderboard } from './leaderboard-md.ts';

/** The oracles' units say "> 0 = helps": Markdown output shows `>` as an entity. */
const md_ = (s: string) => s.replace(/>/g, '&gt;');

/** Columns of a Markdown table line (escaped pipes do not split). */
const columns = (line: string) => line.split(/(?<!\\)\|/).length - 2;

/** The table that follows a heading-like line: its header, alignment row and body lines. */
function tableAfter(lines: string[], start: number): string[] {
  const head = lines.findIndex((l, k) => k > start && l.startsWith('|'));
  const end = lines.findIndex((l, k) => k > head && !l.startsWith('|'));
  return lines.slice(head, end);
}

describe('markdown leaderboard', () => {
  const bundle = fixtureBundle();
  const md = renderLeaderboard(bundle);
  const lines = md.split('\n');

  it('prints the class rule and a pairwise and a contextual table, each naming its truth and δ', async () => {
    const [file] = await leaderboardReporter.render(bundle, leaderboardReporter.options!.parse({}));
    expect(file.path).toBe('leaderboard.md');
    expect(file.content).toBe(md);
    expect(md).toContain(`**Truth classes (δ per truth): ${CLASS_RULE.replace('<', '&lt;')}.**`);
    expect(lines).toContain(`### Pairwise — truth: pairwise-oracle (oracle): ${md_(FIXTURE_UNITS.pairwise)}; δ = 0.005`);
    expect(lines).toContain(`### Contextual — truth: contextual-oracle (oracle): ${md_(FIXTURE_UNITS.contextual)}; δ = 0.004`);
    expect(md.indexOf('### Pairwise')).toBeLessThan(md.indexOf('### Contextual'));
    // without a contextual truth there is no contextual table
    expect(renderLeaderboard(fixtureBundle({ scopes: ['pairwise'] }))).not.toContain('### Contextual');
  });

  it('ranks pairwise rows with power, FPRs and their Wilson intervals, KS p, ρ under the ceiling, CPU-s', () => {
    const table = tableAfter(
      lines,
      lines.findIndex((l) => l.startsWith('### Pairwise')),
    );
    expect(table[0]).toBe(
      '| rank | estimator | budget | power | FPR | FPR constr. | KS p | ρ (ceiling 0.90) | CPU-s | passes | seeds ok | @cost |',
    );
    const rows = table.slice(2);
    expect(rows).toHaveLength(9); // 2 + 3 + 3 + 1 budgets; the reference is not in the ranking
    // learning-curve @ small: power 21/30 → Wilson [0.521, 0.833]; FPR 1/30 → [0.006, 0.167]; constructed 0/30 → [0, 0.114]
    expect(rows[0]).toBe(
      '| 1 | learning-curve | small | 0.70 [0.52, 0.83] | 0.03 [0.01, 0.17] | 0.00 [0.00, 0.11] | 1.00 (n 30) | 0.50 [0.40, 0.58] | 1.50 | 1.50 M | 3/3 | 1 |',
    );
    expect(rows[2]).toMatch(
      /^\| 2 \| tag \| r3 \| 0\.30 \[0\.17, 0\.48\] \| 0\.17 \[0\.07, 0\.34\] \| 0\.37 \[0\.22, 0\.54\] \| &lt;0\.001 \(n 30\) \|/,
    );
    expect(rows[5]).toMatch(/^\| 3 \| gradient-cosine \| r3 \|/);
    expect(rows[8]).toMatch(/^\| 4 \| no-p \| default \| n\/a \| n\/a \| n\/a \| n\/a \| 0\.50 \[0\.40, 0\.58\] \| 0\.20 \|.* — \|$/);
    for (const r of table) expect(columns(r)).toBe(12);
  });

  it('lists the reference frontier apart, then the costs (extrapolations marked) and the matched-cost comparison', () => {
    const start = lines.findIndex((l) => l.startsWith('Reference frontier'));
    expect(start).toBeGreaterThan(lines.findIndex((l) => l.startsWith('### Pairwise')));
    const ref = tableAfter(lines, start);
    expect(ref.slice(2)).toEqual([
      expect.stringMatching(/^\| pairwise-oracle \| r4 \| 0\.60 \[0\.42, 0\.75\] \|/),
      expect.stringMatching(/^\| {2}\| r8 \| 0\.90 \[0\.74, 0\.97\] \|/),
    ]);
    for (const r of ref) expect(columns(r)).toBe(10);
    expect(md).toContain('No pairwise output: contextual-oracle.');
    expect(md).toContain('- **learning-curve**: 3.00 CPU-s [2.40, 3.75] (interpolated in log cost; reached at large)');
    expect(md).toContain(
      '- **gradient-cosine**: ≈ 12.0 CPU-s [6.00, unbounded] — EXTRAPOLATED beyond the budget ladder from a logistic fit of power on log CPU-s (best measured power 0.50)',
    );
    expect(md).toContain('- reference **pairwise-oracle**: 4.58 CPU-s [3.66, 5.72] (interpolated in log cost; reached at r8)');
    expect(md).toContain(
      'Power at matched cost (2.00 CPU-s per estimate, interpolated in log cost): learning-curve 0.74 > tag 0.60 > gradient-cosine 0.50; reference frontier: pairwise-oracle 0.65.',
    );
    expect(md).toContain('- tag @ r3: 1 detection(s) with the wrong sign (pooled over seeds)');
  });

  it('ranks the contextual table on its own truth and costs', () => {
    const start = lines.findIndex((l) => l.startsWith('### Contextual'));
    const table = tableAfter(lines, start);
    expect(table[0]).toContain('| ρ (ceiling 0.80) |');
    expect(table.slice(2).map((l) => l.split('|')[2].trim())).toEqual(['gradient-cosine', '', '', 'tag', '', '', 'learning-curve', '']);
    // contextual power of gradient-cosine @ r12: 12/12 → Wilson [0.758, 1]
    expect(table[4]).toMatch(/^\| {2}\| {2}\| r12 \| 1\.00 \[0\.76, 1\.00\] \|/);
    expect(md).toContain('No contextual output: no-p, pairwise-oracle.');
    expect(md).toContain('- **learning-curve**: not reached: plateau (best measured power 0.67; the fitted power does not rise with cost)');
  });

  it('has the truths: classes, settled share, constructed nulls, reliability and ceiling', () => {
    const table = tableAfter(lines, lines.indexOf('Truths:'));
    expect(table[2]).toBe(
      `| pairwise | pairwise-oracle (oracle) | ${md_(FIXTURE_UNITS.pairwise)} | 0.005 | 8 positive, 2 negative, 6 small, 10 null, 4 indeterminate | 87 % | 10 | 0.81 (0.90) | 24 | 30.0 (120) | ok |`,
    );
    expect(table[3]).toMatch(
      /^\| contextual \| contextual-oracle \(oracle\) \| .* \| 0\.004 \| 4 positive, 0 negative, 1 small, 1 null, 0 indeterminate \| 100 % \| 1 \| 0\.64 \(0\.80\) \|/,
    );
  });

  it('every table keeps its columns', () => {
    let k = 0;
    while ((k = lines.findIndex((l, i) => i >= k && l.startsWith('|'))) >= 0) {
      const t = tableAfter(lines, k - 1);
      for (const r of t) expect(columns(r), r).toBe(columns(t[0]));
      k += t.length;
    }
  });

  it('says loudly when the report merges incompatible runs by force', () => {
    const b = fixtureBundle({ suiteHash: 'aaaa+bbbb' });
    b.merge = {
      forced: true,
      conflicts: ['suite hash differs: aaaa (runs/a), bbbb (runs/b)'],
      duplicateTrials: 0,
      runs: [
        { dir: 'runs/a', suite: { name: 'fixture', hash: 'aaaa' }, schemaVersion: 2, gitShas: ['c1'], trials: 10 },
        { dir: 'runs/b', suite: { name: 'fixture', hash: 'bbbb' }, schemaVersion: 2, gitShas: ['c2'], trials: 12 },
      ],
    };
    const text = renderLeaderboard(b);
    expect(text.split('\n')[2]).toMatch(
      /^> \*\*Warning — FORCED MERGE of 2 incompatible runs \(--force\): suite hash differs: aaaa \(runs\/a\), bbbb \(runs\/b\)\. Suite hashes merged: aaaa, bbbb\./,
    );
    expect(text).toMatch(/\*\*commit\*\*: .*c1, c2/);
    expect(md).not.toContain('Warning');
  });

  it('places a preamble once, after the head and before the datasets, under the given title', async () => {
    const preamble = '## Conclusion\n\n- On synthetic, the answer: **confirmed**.\n';
    const [file] = await leaderboardReporter.render(
      bundle,
      leaderboardReporter.options!.parse({ preamble, title: 'fixture — study report', file: 'README.md' }),
    );
    const page = file.content as string;
    expect(file.path).toBe('README.md');
    expect(page.split('\n')[0]).toBe('# fixture — study report');
    expect(page.split('## Conclusion').length - 1).toBe(1);
    const at = page.indexOf('## Conclusion\n\n- On synthetic, the answer: **confirmed**.\n');
    expect(at).toBeGreaterThan(page.indexOf('**power**: share of'));
    expect(at).toBeLessThan(page.indexOf('## synthetic'));
    // the rest of the page is the leaderboard's, unchanged
    expect(page.slice(page.indexOf('## synthetic'))).toBe(md.slice(md.indexOf('## synthetic')));
    expect(md.split('\n')[0]).toBe('# Leaderboard: fixture');
    expect(md).not.toContain('## Conclusion');
  });

  it('escapes what it prints from user content: pipes keep the columns, HTML is shown, never rendered', () => {
    const b = fixtureBundle({
      estimators: [{ id: 'a|b<i>', plugin: 'x', kind: 'computational', budgets: ['lo'], cpu: [1], pairwise: [0.5] }],
    });
    b.summary.suite.description = 'see <img src=x onerror=alert(1)> & more';
    b.summary.failures = [
      { trialId: 't1', label: 'synthetic/x@lo#1', reason: 'error', message: 'bad | <script>alert(1)</script>\nline 2' },
    ];
    const text = renderLeaderboard(b);
    const row = text.split('\n').find((l) => l.includes('a\\|b'))!;
    expect(row.startsWith('| 1 | a\\|b&lt;i&gt; | lo |')).toBe(true);
    expect(columns(row)).toBe(12);
    expect(text).toContain('see &lt;img src=x onerror=alert(1)&gt; &amp; more');
    expect(text).toContain('| synthetic/x@lo#1 | error | bad \\| &lt;script&gt;alert(1)&lt;/script&gt; line 2 |');
    expect(text).not.toMatch(/<script|<img|<i>/);
  });
});
