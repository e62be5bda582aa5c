import { describe, expect, it } from 'vitest';
import { selectTasks, parseTaskSpec } from './select-tasks.ts';
import { tableTaskStats, type LabelTable } from './label-table.ts';

// 4 compounds × 4 tasks; labels per task: T0 4 (2 pos), T1 3 (0 pos), T2 4 (1 pos), T3 1 (1 pos)
const table: LabelTable = {
  name: 't',
  source: 'table.csv',
  tasks: [{ id: 'T0' }, { id: 'T1' }, { id: 'T2' }, { id: 'T3' }],
  compounds: ['a', 'b', 'c', 'd'].map((id) => ({ id, smiles: 'C' })),
  labels: Int8Array.from([1, 0, 0, -1, 1, 0, 0, -1, 0, 0, 1, -1, 0, -1, 0, 1]),
  warnings: [],
};

describe('selectTasks', () => {
  it('filters by labels / positives / negatives', () => {
    expect(selectTasks(table, { minLabels: 3 }).tasks.map((t) => t.id)).toEqual(['T0', 'T1', 'T2']);
    expect(selectTasks(table, { minPositives: 1 }).tasks.map((t) => t.id)).toEqual(['T0', 'T2', 'T3']);
    expect(selectTasks(table, { minNegatives: 3 }).tasks.map((t) => t.id)).toEqual(['T1', 'T2']);
  });

  it('top:K keeps the K tasks with most labels (ties: more positives), in file order', () => {
    expect(selectTasks(table, { tasks: 'top:2' }).tasks.map((t) => t.id)).toEqual(['T0', 'T2']);
    expect(selectTasks(table, { top: 3 }).tasks.map((t) => t.id)).toEqual(['T0', 'T1', 'T2']);
    expect(selectTasks(table, { top: 1, minPositives: 1, tasks: 'top:1' }).tasks.map((t) => t.id)).toEqual(['T0']);
  });

  it('ids keep the requested order; labels follow their columns; unlabelled compounds are dropped', () => {
    const t = selectTasks(table, { tasks: ['T3', 'T0'] });
    expect(t.tasks.map((x) => x.id)).toEqual(['T3', 'T0']);
    expect(Array.from(t.labels)).toEqual([-1, 1, -1, 1, -1, 0, 1, 0]);
    const only3 = selectTasks(table, { tasks: 'T3' });
    expect(only3.compounds.map((c) => c.id)).toEqual(['d']);
    expect(only3.warnings).toContain('3 compounds have no label in the selected tasks and were dropped');
    expect(selectTasks(table, { tasks: 'T3', dropUnlabelled: false }).compounds).toHaveLength(4);
    expect(tableTaskStats(only3)).toEqual([{ id: 'T3', labels: 1, positives: 1, negatives: 0 }]);
  });

  it('clear errors', () => {
    expect(() => selectTasks(table, { tasks: ['T9'] })).toThrow(/unknown task id "T9" in table\.csv \(4 tasks, e\.g\. T0, T1, T2, T3\)/);
    expect(() => selectTasks(table, { tasks: 'top:2', top: 3 })).toThrow(/conflicting top-K/);
    expect(() => selectTasks(table, { minLabels: 99 })).toThrow(/no task of table\.csv passes the selection \(minLabels 99/);
    expect(() => parseTaskSpec('top:x')).toThrow(/expected top:K with K a positive integer/);
    expect(() => selectTasks(table, { tasks: ['T0', 'T0'] })).toThrow(/listed twice/);
  });
});
