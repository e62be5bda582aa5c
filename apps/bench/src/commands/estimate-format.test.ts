/** `transferbench estimate`'s text table: task names are never cut, however long. */
import { describe, expect, it } from 'vitest';
import type { TransferEstimate } from '@transferbench/core';
import { formatEstimate } from './estimate.ts';

/** one 10-character cell */
const c = (s: string) => s.padStart(10);

function estimate(tasks: string[]): TransferEstimate {
  const K = tasks.length;
  const effect = tasks.map((_, i) => tasks.map((_, j) => (i === j ? null : (i + 1) / 10 + j / 100)));
  return {
    tasks,
    unit: 'Δ AUC',
    estimator: { name: 'test', version: '1.0.0' },
    pairwise: { effect, pValue: tasks.map((_, i) => tasks.map((_, j) => (i === 1 && j === 0 ? 0.01 : 0.5))) },
    cost: { trainings: 1, probes: K, samplePasses: 100 },
    diagnostics: { warnings: [] },
  } as unknown as TransferEstimate;
}

describe('formatEstimate', () => {
  it('short names head the columns and rows, as before', () => {
    const text = formatEstimate(estimate(['NR-AR', 'SR-p53']), null);
    const lines = text.split('\n');
    expect(lines[1]).toBe('effect[target ← source] (rows receive transfer; * raw p < 0.05)');
    expect(lines[2]).toBe(c('') + c('NR-AR') + c('SR-p53'));
    expect(lines[3]).toBe(c('NR-AR') + c('· ') + c('0.110 '));
    expect(lines[4]).toBe(c('SR-p53') + c('0.200*') + c('· '));
  });

  it('long names are shown whole: numbered columns, rows with number and full name', () => {
    const tasks = ['TOX21_ERa_BLA_Antagonist_ratio', 'TOX21_ERa_BLA_Agonist_ratio', 'short'];
    const lines = formatEstimate(estimate(tasks), 1500).split('\n');
    expect(lines[1]).toBe('effect[target ← source] (rows receive transfer; * raw p < 0.05; column #j = source task #j)');
    const width = '#1 TOX21_ERa_BLA_Antagonist_ratio '.length;
    expect(lines[2]).toBe(' '.repeat(width) + c('#1') + c('#2') + c('#3'));
    expect(lines[3]).toBe('#1 TOX21_ERa_BLA_Antagonist_ratio'.padEnd(width) + c('· ') + c('0.110 ') + c('0.120 '));
    expect(lines[4]).toBe('#2 TOX21_ERa_BLA_Agonist_ratio'.padEnd(width) + c('0.200*') + c('· ') + c('0.220 '));
    expect(lines[5].startsWith('#3 short ')).toBe(true);
    for (const t of tasks) expect(lines.some((l) => l.includes(t))).toBe(true);
    expect(lines[6]).toMatch(/^cost: 1\.50 CPU-s, 1 trainings, 3 probes/);
  });
});
