import { describe, expect, it } from 'vitest';
import { FIXTURE_UNITS, fixtureBundle } from '../testing/fixture-bundle.ts';
import { consoleReporter, textTable } from './console-reporter.ts';

describe('console reporter', () => {
  it('pads columns to a common width (numbers right-aligned)', () => {
    expect(
      textTable(
        ['a', 'num'],
        [
          ['xyz', '1'],
          ['q', '10.5'],
        ],
        [false, true],
      ).split('\n'),
    ).toEqual(['a     num', '---  ----', 'xyz     1', 'q    10.5']);
  });

  it('renders a pairwise and a contextual table per dataset, each under its truth, and writes it to a file when asked', async () => {
    const files = await consoleReporter.render(fixtureBundle(), consoleReporter.options!.parse({ stream: 'none', file: 'table.txt' }));
    expect(files).toHaveLength(1);
    const lines = (files[0].content as string).split('\n');
    expect(lines[0]).toBe('fixture (f1x7u4e0000hash1) · seeds 1,2,3 · α 0.05 · target power 0.8');
    expect(lines[1]).toMatch(/^Truth classes \(δ per truth\): positive \/ negative: the truth CI excludes 0 and \|Δ\| ≥ δ; small:/);
    const heads = lines.flatMap((l, k) => (l.startsWith('synthetic · ') ? [k] : []));
    expect(heads.map((k) => lines[k])).toEqual([
      `synthetic · PAIRWISE · truth: pairwise-oracle (oracle): ${FIXTURE_UNITS.pairwise}; δ = 0.005`,
      `synthetic · CONTEXTUAL · truth: contextual-oracle (oracle): ${FIXTURE_UNITS.contextual}; δ = 0.004`,
    ]);
    expect(lines[heads[0] + 1]).toBe(
      '  8 positive, 2 negative, 6 small, 10 null, 4 indeterminate; settled 87 %; 10 constructed nulls; reliability 0.81',
    );
    const header = heads[0] + 2;
    expect(lines[header]).toMatch(
      /^rank +estimator +budget +power \[CI\] +FPR \[CI\] +FPR constr\. \[CI\] +KS p +rho \(ceiling 0\.90\) +CPU-s +seeds +to 80% +@cost$/,
    );
    const end = lines.findIndex((l, k) => k > header + 1 && (l === '' || /^ {2}\S/.test(l)));
    const body = lines.slice(header + 2, end);
    expect(body).toHaveLength(9 + 2); // 2 + 3 + 3 + 1 budgets ranked, then the reference's 2
    expect(body[0]).toMatch(
      /^ {3}1 {2}learning-curve +small +0\.70 \[0\.52, 0\.83\] +0\.03 \[0\.01, 0\.17\] +0\.00 \[0\.00, 0\.11\] +1\.00 \(n 30\) +0\.50 \[0\.40, 0\.58\] +1\.50 +3\/3 +3\.00 +1$/,
    );
    expect(body[5]).toMatch(/^ {3}3 {2}gradient-cosine +r3 .*≈ 12\.0 \(extrapolated\) +3$/);
    expect(body[8]).toMatch(/^ {3}4 {2}no-p +default +n\/a +n\/a +n\/a +n\/a .* n\/a +—$/);
    expect(body[9]).toMatch(/^ ref {2}pairwise-oracle +r4 +0\.60 \[0\.42, 0\.75\] .* 4\.58 +—$/);
    const offsets = new Set(
      [lines[header], ...body].map((l) =>
        l.indexOf('budget') >= 0 ? l.indexOf('budget') : l.search(/ (small|large|r3|r4|r6|r8|r12|default) /) + 1,
      ),
    );
    expect(offsets.size).toBe(1); // the budget column starts at the same offset on every line
    expect(lines).toContain(
      '  gradient-cosine: ≈ 12.0 CPU-s [6.00, unbounded] — EXTRAPOLATED beyond the budget ladder from a logistic fit of power on log CPU-s (best measured power 0.50)',
    );
    expect(lines).toContain('  no contextual output: no-p, pairwise-oracle');
  });
});
