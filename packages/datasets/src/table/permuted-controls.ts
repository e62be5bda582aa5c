/**
 * Label-permuted control tasks for real data: the constructed nulls a study calibrates its estimators on (DESIGN
 * §8: "pairs null by construction … uniformity on constructed nulls"). A control is a copy of a selected task whose
 * labels are shuffled among that task's labelled compounds: the same compounds, label count and class balance,
 * no association with structure left. As a target its contextual effect is null by construction; as a source, its
 * pairwise effect on every target is. Controls come after task selection (they copy selected tasks), are named
 * `<task> (permuted)` and are listed in `meta.controls`, where the bench finds the constructed nulls. Which tasks
 * are copied and every shuffle come from `controlsSeed`, so a study's controls are the same in every trial.
 */
import { z } from 'zod';
import { Rng } from '@transferbench/core';
import type { LabelTable } from './label-table.ts';

export const permutedControlsSchema = z.object({
  /** label-permuted copies of selected tasks to add (constructed nulls); 0 = none */
  controls: z.number().int().min(0).max(1000).default(0),
  /** seed of which tasks are copied and of their shuffles */
  controlsSeed: z.number().int().default(0),
});

export const controlId = (taskId: string): string => `${taskId} (permuted)`;

/** The table with `controls` label-permuted copies of distinct tasks appended; their indices in `controls`. */
export function withPermutedControls(table: LabelTable, controls: number, seed: number): LabelTable & { controls: number[] } {
  const K = table.tasks.length;
  if (controls === 0) return { ...table, controls: [] };
  if (controls > K)
    throw new Error(`controls: ${controls} label-permuted copies asked of ${K} selected tasks; expected at most ${K} (one per task)`);
  const rng = new Rng(seed).stream('permuted-controls');
  const chosen = rng.sample(
    table.tasks.map((_, t) => t),
    controls,
  );
  const N = table.compounds.length;
  const K2 = K + controls;
  const labels = new Int8Array(N * K2);
  for (let r = 0; r < N; r++) labels.set(table.labels.subarray(r * K, r * K + K), r * K2);
  chosen.forEach((t, c) => {
    const rows: number[] = [];
    for (let r = 0; r < N; r++) if (table.labels[r * K + t] >= 0) rows.push(r);
    const shuffled = rng.stream(c).shuffle(rows.map((r) => table.labels[r * K + t]));
    for (let r = 0; r < N; r++) labels[r * K2 + K + c] = -1;
    rows.forEach((r, i) => (labels[r * K2 + K + c] = shuffled[i]));
  });
  return {
    ...table,
    tasks: [
      ...table.tasks,
      ...chosen
        .map((t) => table.tasks[t])
        .map(({ id, name }) => ({ id: controlId(id), ...(name ? { name: controlId(name) } : {}), group: null })),
    ],
    labels,
    controls: chosen.map((_, c) => K + c),
    warnings: [...table.warnings],
  };
}
