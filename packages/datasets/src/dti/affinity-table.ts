/** Continuous DTI measurements before binarization: compounds × targets, NaN = not measured. */
import type { LabelTable, TableCompound } from '../table/label-table.ts';
import type { TaskInfo } from '@transferbench/core';
import { binarize, ruleText, variantGroups, type DtiVariant } from './variants.ts';

export interface AffinityTable {
  variant: DtiVariant;
  source: string;
  compounds: TableCompound[];
  targets: string[];
  /** N×K row-major */
  values: Float64Array;
  warnings: string[];
}

export function toLabelTable(aff: AffinityTable, threshold?: number): LabelTable {
  const groups = aff.variant === 'davis' ? variantGroups(aff.targets) : aff.targets.map(() => undefined);
  const tasks: TaskInfo[] = aff.targets.map((id, t) => (groups[t] ? { id, group: groups[t] } : { id }));
  return {
    name: aff.variant,
    source: aff.source,
    tasks,
    compounds: aff.compounds,
    labels: binarize(aff.values, aff.variant, threshold),
    warnings: [...aff.warnings, `labels: ${ruleText(aff.variant, threshold)}`],
  };
}
