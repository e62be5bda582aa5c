/** The check's comparison: differences named by readable paths, none for equal inputs, the list capped at 20. */
import { describe, expect, it } from 'vitest';
import { ABSENT, comparePage, compareNumbers, countFigures, differenceLines } from './compare-numbers.ts';
import { studyNumbersSchema, type StudyNumbers } from './numbers.ts';

const bounds = (value: number) => ({ value, lower: value - 0.1, upper: value + 0.1, n: 30 });
const row = (estimator: string, budget: string, scope: 'pairwise' | 'contextual', power: number) => ({
  dataset: 'kiba-compound',
  estimator,
  role: 'estimator' as const,
  budget,
  scope,
  power: bounds(power),
  fpr: bounds(0.05),
  cpuSeconds: 1.2,
  seedsOk: 3,
});

const numbers = (): StudyNumbers =>
  studyNumbersSchema.parse({
    version: 2,
    study: 'kiba',
    suite: { name: 'kiba', hash: 'abc' },
    rows: [row('tag', 'r4', 'pairwise', 0.4), row('tag', 'r4', 'contextual', 0.63), row('learning-curve', 'small', 'pairwise', 0.7)],
    truths: [
      {
        dataset: 'kiba-compound',
        scope: 'pairwise',
        status: 'ok',
        counts: { positive: 3, negative: 2, small: 1, null: 4, indeterminate: 2 },
        settled: 0.83,
      },
    ],
    claim: [{ dataset: 'kiba-compound', part: 'pairwise power', verdict: 'confirmed' }],
    secondMetric: [
      {
        dataset: 'kiba-compound',
        metric: 'ap',
        counts: { positive: 3, negative: 0, small: 1, null: 1, indeterminate: 7 },
        meanEffect: 0.021,
        agreement: { settledBoth: 4, sameClass: 3, oppositeSign: 0 },
      },
    ],
    compute: {
      datasets: [
        {
          dataset: 'kiba-compound',
          parts: [
            { part: 'truths', trials: 2, cpuSeconds: 10, share: 50 },
            { part: 'tag', trials: 6, cpuSeconds: 10, share: 50 },
          ],
          trials: 8,
          cpuSeconds: 20,
          share: 100,
        },
      ],
      trials: 8,
      cpuSeconds: 20,
    },
  });

describe('compareNumbers', () => {
  it('finds nothing between equal inputs, whatever the order of the rows', () => {
    const a = numbers();
    const b = numbers();
    b.rows.reverse();
    expect(compareNumbers(a, b)).toEqual([]);
    expect(countFigures(a)).toBe(3 * (4 + 4 + 2) + (5 + 1) + 2 * 3 + 3 + 2 + 1); // rows, truths, compute, claim
  });

  it('names each differing figure by what identifies its row, and rows on one side only', () => {
    const a = numbers();
    const b = numbers();
    b.rows[1].power!.value = 0.58;
    b.rows[2].fpr = null;
    b.truths[0].counts!.positive = 4;
    b.claim[0].verdict = 'undecided';
    b.compute.datasets[0].parts[1].cpuSeconds = 11;
    b.rows.push(row('tag', 'r8', 'pairwise', 0.5));
    a.rows.splice(0, 1);
    const diffs = compareNumbers(a, b);
    expect(diffs.map((d) => [d.path, d.committed, d.fresh])).toEqual([
      ['rows[kiba-compound/tag/r4/contextual].power.value', 0.63, 0.58],
      ['rows[kiba-compound/learning-curve/small/pairwise].fpr', bounds(0.05), null],
      ['rows[kiba-compound/tag/r4/pairwise]', ABSENT, b.rows[0]],
      ['rows[kiba-compound/tag/r8/pairwise]', ABSENT, b.rows[3]],
      ['truths[kiba-compound/pairwise].counts.positive', 3, 4],
      ['claim[kiba-compound/pairwise power].verdict', 'confirmed', 'undecided'],
      ['compute.datasets[kiba-compound].parts[tag].cpuSeconds', 10, 11],
    ]);
    expect(differenceLines(diffs).slice(0, 3)).toEqual([
      'rows[kiba-compound/tag/r4/contextual].power.value: committed 0.63, fresh 0.58',
      'rows[kiba-compound/learning-curve/small/pairwise].fpr: committed {"value":0.05,"lower":-0.05,"upper":0.15000000000000002,"n":30}, fresh null',
      expect.stringMatching(/^rows\[kiba-compound\/tag\/r4\/pairwise\]: committed \(absent\), fresh \{"dataset":"kiba-compound",.*…$/),
    ]);
  });

  it('against a fresh run: CPU figures within the tolerance, every statistic and verdict still exact', () => {
    const fresh = numbers();
    fresh.rows[0].cpuSeconds = 1.6; // 25 % of the larger: within 0.5
    fresh.compute.datasets[0].parts[0].cpuSeconds = 30; // 67 %: beyond
    fresh.rows[1].power!.value = 0.64;
    fresh.claim[0].verdict = 'undecided';
    expect(compareNumbers(numbers(), fresh, 0.5).map((d) => d.path)).toEqual([
      'rows[kiba-compound/tag/r4/contextual].power.value',
      'claim[kiba-compound/pairwise power].verdict',
      'compute.datasets[kiba-compound].parts[truths].cpuSeconds',
    ]);
    // the same results (no tolerance): the CPU figure is a difference too
    expect(compareNumbers(numbers(), fresh).map((d) => d.path)).toContain('rows[kiba-compound/tag/r4/pairwise].cpuSeconds');
  });

  it('lists at most 20 differences, then how many more', () => {
    const a = numbers();
    const b = numbers();
    for (let k = 0; k < 25; k++) {
      a.rows.push(row('tag', `b${k}`, 'pairwise', 0.1));
      b.rows.push({ ...row('tag', `b${k}`, 'pairwise', 0.1), seedsOk: 2 });
    }
    const lines = differenceLines(compareNumbers(a, b));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('rows[kiba-compound/tag/b0/pairwise].seedsOk: committed 3, fresh 2');
    expect(lines[20]).toBe('… and 5 more');
    expect(differenceLines(compareNumbers(a, b).slice(0, 20))).toHaveLength(20);
  });
});

describe('comparePage', () => {
  const page = (created: string, power = '0.63') =>
    ['# kiba — study report', '', `| tag | r4 | ${power} |`, '', '## Provenance', '', `- **summary created**: ${created}`, ''].join('\n');

  it('ignores the creation time, and CRLF line ends', () => {
    expect(comparePage(page('2026-01-01T00:00:00Z'), page('2026-02-02T00:00:00Z'))).toBeNull();
    expect(comparePage(page('x').replace(/\n/g, '\r\n'), page('y'))).toBeNull();
  });

  it('gives the first line that differs, numbered as in the committed file', () => {
    expect(comparePage(page('x'), page('y', '0.58'))).toEqual({
      line: 3,
      committed: '| tag | r4 | 0.63 |',
      fresh: '| tag | r4 | 0.58 |',
      lines: 1,
    });
    expect(comparePage(page('x'), `${page('x')}\nmore`)).toEqual({ line: 9, committed: null, fresh: 'more', lines: 1 });
  });
});
