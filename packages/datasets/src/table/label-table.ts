/**
 * LabelTable: the parsed, not yet featurized form of a multi-task data file. Parsing (text → labels)
 * and featurizing (SMILES → fingerprints) are separate steps so label counts can be checked, tasks
 * selected and errors reported without starting RDKit.
 */
import type { TaskInfo } from '@transferbench/core';

export interface TableCompound {
  id: string;
  smiles: string;
  /** where the compound came from, for messages (e.g. "tox21.csv line 1324") */
  origin?: string;
}

export interface LabelTable {
  name: string;
  /** file(s) the table was read from */
  source: string;
  tasks: TaskInfo[];
  compounds: TableCompound[];
  /** N×K row-major: −1 missing, 0 negative, 1 positive */
  labels: Int8Array;
  warnings: string[];
  /** indices of label-permuted control tasks (permuted-controls.ts) */
  controls?: number[];
}

export interface TableTaskStats {
  id: string;
  labels: number;
  positives: number;
  negatives: number;
}

export function tableTaskStats(table: LabelTable): TableTaskStats[] {
  const K = table.tasks.length;
  const out = table.tasks.map((t) => ({ id: t.id, labels: 0, positives: 0, negatives: 0 }));
  for (let i = 0; i < table.labels.length; i++) {
    const v = table.labels[i];
    if (v < 0) continue;
    const s = out[i % K];
    s.labels++;
    if (v === 1) s.positives++;
    else s.negatives++;
  }
  return out;
}

/** Total labels and positives of a table. */
export function tableTotals(table: LabelTable): { compounds: number; tasks: number; labels: number; positives: number } {
  let labels = 0,
    positives = 0;
  for (const v of table.labels) {
    if (v >= 0) labels++;
    if (v === 1) positives++;
  }
  return { compounds: table.compounds.length, tasks: table.tasks.length, labels, positives };
}

/** A table restricted to the given task columns (in that order) and compound rows (in that order). */
export function subsetTable(table: LabelTable, taskIdx: readonly number[], rowIdx: readonly number[]): LabelTable {
  const K = table.tasks.length;
  const k = taskIdx.length;
  const labels = new Int8Array(rowIdx.length * k);
  rowIdx.forEach((r, i) => {
    for (let j = 0; j < k; j++) labels[i * k + j] = table.labels[r * K + taskIdx[j]];
  });
  return {
    ...table,
    tasks: taskIdx.map((t) => table.tasks[t]),
    compounds: rowIdx.map((r) => table.compounds[r]),
    labels,
    warnings: [...table.warnings],
  };
}
