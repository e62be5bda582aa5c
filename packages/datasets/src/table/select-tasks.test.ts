import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '@transferbench/core';
import { selectTasks, parseTaskSpec, TaskSelectionError } from './select-tasks.ts';
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

// T1 (all negative) and T3 (one positive) hold one class: the tests of the filters keep them explicitly
const keep = { keepDegenerate: true };

describe('selectTasks', () => {
  it('filters by labels / positives / negatives, with a warning naming what they drop', () => {
    expect(selectTasks(table, { ...keep, minLabels: 3 }).tasks.map((t) => t.id)).toEqual(['T0', 'T1', 'T2']);
    expect(selectTasks(table, { ...keep, minPositives: 1 }).tasks.map((t) => t.id)).toEqual(['T0', 'T2', 'T3']);
    const neg = selectTasks(table, { ...keep, minNegatives: 3 });
    expect(neg.tasks.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(neg.warnings).toContain(
      '2 tasks dropped by the label filters (minLabels 0, minPositives 0, minNegatives 3): T0 (2+/2−), T3 (1+/0−)',
    );
  });

  it('top:K keeps the K tasks with most labels (ties: more positives), in file order', () => {
    expect(selectTasks(table, { ...keep, tasks: 'top:2' }).tasks.map((t) => t.id)).toEqual(['T0', 'T2']);
    expect(selectTasks(table, { ...keep, top: 3 }).tasks.map((t) => t.id)).toEqual(['T0', 'T1', 'T2']);
    expect(selectTasks(table, { ...keep, top: 1, minPositives: 1, tasks: 'top:1' }).tasks.map((t) => t.id)).toEqual(['T0']);
  });

  it('ids keep the requested order; labels follow their columns; unlabelled compounds are dropped', () => {
    const t = selectTasks(table, { ...keep, tasks: ['T3', 'T0'] });
    expect(t.tasks.map((x) => x.id)).toEqual(['T3', 'T0']);
    expect(Array.from(t.labels)).toEqual([-1, 1, -1, 1, -1, 0, 1, 0]);
    const only3 = selectTasks(table, { ...keep, tasks: 'T3' });
    expect(only3.compounds.map((c) => c.id)).toEqual(['d']);
    expect(only3.warnings).toContain('3 compounds have no label in the selected tasks and were dropped');
    expect(selectTasks(table, { ...keep, tasks: 'T3', dropUnlabelled: false }).compounds).toHaveLength(4);
    expect(tableTaskStats(only3)).toEqual([{ id: 'T3', labels: 1, positives: 1, negatives: 0 }]);
  });

  it('empty and one-class columns are named in warnings and dropped by default; keepDegenerate keeps them', () => {
    // T4: no label at all
    const wide: LabelTable = {
      ...table,
      tasks: [...table.tasks, { id: 'T4' }],
      labels: Int8Array.from([1, 0, 0, -1, -1, 1, 0, 0, -1, -1, 0, 0, 1, -1, -1, 0, -1, 0, 1, -1]),
    };
    const t = selectTasks(wide);
    expect(t.tasks.map((x) => x.id)).toEqual(['T0', 'T2']);
    expect(t.warnings).toEqual([
      '1 task column has no label in table.csv, dropped (keepDegenerate: true keeps them): T4',
      '2 task columns hold one class only in table.csv, dropped (keepDegenerate: true keeps them): T1 (3 labels, all negative), T3 (1 labels, all positive)',
    ]);
    const kept = selectTasks(wide, keep);
    expect(kept.tasks.map((x) => x.id)).toEqual(['T0', 'T1', 'T2', 'T3', 'T4']);
    expect(kept.warnings[0]).toMatch(/^1 task column has no label in table\.csv, kept \(keepDegenerate\): T4$/);
    // requested ids: only the requested columns are judged
    const asked = selectTasks(wide, { tasks: 'T0,T1' });
    expect(asked.tasks.map((x) => x.id)).toEqual(['T0']);
    expect(asked.warnings[0]).toBe(
      '1 task column holds one class only in table.csv, dropped (keepDegenerate: true keeps them): T1 (3 labels, all negative)',
    );
    expect(() => selectTasks(wide, { tasks: 'T1,T3' })).toThrow(/no task of table\.csv passes the selection .*2 of 5 columns dropped/);
  });

  it('at hundreds of columns the warnings list 30 names and count the rest', () => {
    const K = 200;
    const many: LabelTable = {
      name: 'w',
      source: 'w.csv',
      tasks: Array.from({ length: K }, (_, k) => ({ id: `assay_${k}` })),
      compounds: [
        { id: 'a', smiles: 'C' },
        { id: 'b', smiles: 'CC' },
      ],
      // column k: even → empty; odd → both rows 0 (one class) except k = 1, which has both classes
      labels: Int8Array.from({ length: 2 * K }, (_, i) => {
        const k = i % K;
        return k % 2 === 0 ? -1 : k === 1 && i >= K ? 1 : 0;
      }),
      warnings: [],
    };
    const t = selectTasks(many);
    expect(t.tasks.map((x) => x.id)).toEqual(['assay_1']);
    expect(t.warnings[0]).toMatch(/^100 task columns have no label in w\.csv, dropped .*: assay_0, assay_2, .*, assay_58, … and 70 more$/);
    expect(t.warnings[1]).toMatch(/^99 task columns hold one class only .*: assay_3 \(2 labels, all negative\), .*… and 69 more$/);
  });

  it('clear errors', () => {
    expect(() => selectTasks(table, { tasks: ['T9'] })).toThrow(/unknown task id "T9" in table\.csv \(4 tasks, e\.g\. T0, T1, T2, T3\)/);
    expect(() => selectTasks(table, { tasks: 'top:2', top: 3 })).toThrow(/conflicting top-K/);
    expect(() => selectTasks(table, { minLabels: 99 })).toThrow(/no task of table\.csv passes the selection \(minLabels 99/);
    const err = (() => {
      try {
        selectTasks(table, { tasks: ['T9'] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TaskSelectionError);
    expect(err).toBeInstanceOf(InvalidOptionsError); // the bench prints it without a stack trace
    expect(err).toMatchObject({ field: 'tasks', file: 'table.csv' });
    expect(() => parseTaskSpec('top:x')).toThrow(/expected top:K with K a positive integer/);
    expect(() => selectTasks(table, { tasks: ['T0', 'T0'] })).toThrow(/listed twice/);
  });
});
