import { describe, expect, it } from 'vitest';
import { fixtureBundle } from '../testing/fixture-bundle.ts';
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

  it('renders the ranking as a text table and writes it to a file when asked (no printing with stream none)', async () => {
    const files = await consoleReporter.render(fixtureBundle(), consoleReporter.options!.parse({ stream: 'none', file: 'table.txt' }));
    expect(files).toHaveLength(1);
    const lines = (files[0].content as string).split('\n');
    expect(lines[0]).toBe('fixture (f1x7u4e0000hash1) · seeds 1,2,3 · target power 0.8');
    const header = lines.findIndex((l) => l.startsWith('rank'));
    const body = lines.slice(header + 2).filter(Boolean);
    expect(body).toHaveLength(9);
    expect(body[0]).toMatch(/^ {3}1 {2}learning-curve +small +0\.70 +0\.03 +0\.51 +1\.50 +3\/3 +2\.61 +1$/);
    expect(body[8]).toMatch(/^ {3}4 {2}no-p +default +n\/a +n\/a .* n\/a +—$/);
    const widths = new Set(
      [lines[header], ...body].map((l) => (l.indexOf('budget') >= 0 ? l.indexOf('budget') : l.search(/(small|large|r3|r6|r12|default)/))),
    );
    expect(widths.size).toBe(1); // the budget column starts at the same offset on every line
  });
});
