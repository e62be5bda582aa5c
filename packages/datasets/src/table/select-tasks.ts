/**
 * Task selection on a LabelTable: filters (min labels / positives / negatives) first, then either an
 * explicit id list or the top-K tasks by number of labels. Compounds left without any label in the
 * selected tasks are dropped (they carry no training signal), unless asked to keep them.
 */
import { z } from 'zod';
import { subsetTable, tableTaskStats, type LabelTable } from './label-table.ts';

export const taskSelectionSchema = z.object({
  /** task ids (array or comma-separated string), or "top:K" */
  tasks: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]).optional(),
  /** keep the K tasks with the most labels (after the filters) */
  top: z.number().int().positive().optional(),
  minLabels: z.number().int().nonnegative().default(0),
  minPositives: z.number().int().nonnegative().default(0),
  minNegatives: z.number().int().nonnegative().default(0),
  dropUnlabelled: z.boolean().default(true),
});
export type TaskSelection = z.input<typeof taskSelectionSchema>;

export class TaskSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskSelectionError';
  }
}

/** Parses the `tasks` option: an id list, or a top-K request. */
export function parseTaskSpec(spec: string | string[] | undefined): { ids?: string[]; top?: number } {
  if (spec === undefined) return {};
  if (Array.isArray(spec)) return { ids: spec };
  const m = /^top:(\d+)$/i.exec(spec.trim());
  if (m) {
    const top = Number(m[1]);
    if (top < 1) throw new TaskSelectionError(`tasks "${spec}": expected top:K with K ≥ 1`);
    return { top };
  }
  if (/^top:/i.test(spec.trim())) throw new TaskSelectionError(`tasks "${spec}": expected top:K with K a positive integer`);
  return {
    ids: spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export function selectTasks(table: LabelTable, selection: TaskSelection = {}): LabelTable {
  const sel = taskSelectionSchema.parse(selection);
  const spec = parseTaskSpec(sel.tasks);
  if (spec.top !== undefined && sel.top !== undefined && spec.top !== sel.top) {
    throw new TaskSelectionError(`conflicting top-K: tasks "top:${spec.top}" and top ${sel.top}`);
  }
  const top = spec.top ?? sel.top;
  if (spec.ids && top !== undefined) throw new TaskSelectionError('give either task ids or top-K, not both');

  const stats = tableTaskStats(table);
  const passes = (t: number) =>
    stats[t].labels >= sel.minLabels && stats[t].positives >= sel.minPositives && stats[t].negatives >= sel.minNegatives;
  const warnings: string[] = [];
  let chosen: number[];
  if (spec.ids) {
    const index = new Map(table.tasks.map((t, i) => [t.id, i]));
    const unknown = spec.ids.filter((id) => !index.has(id));
    if (unknown.length) {
      const sample = table.tasks
        .slice(0, 8)
        .map((t) => t.id)
        .join(', ');
      throw new TaskSelectionError(
        `unknown task id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in ${table.source}` +
          ` (${table.tasks.length} tasks, e.g. ${sample}${table.tasks.length > 8 ? ', …' : ''})`,
      );
    }
    const dup = spec.ids.find((id, i) => spec.ids!.indexOf(id) !== i);
    if (dup) throw new TaskSelectionError(`task id "${dup}" listed twice`);
    chosen = spec.ids.map((id) => index.get(id)!);
    const failing = chosen.filter((t) => !passes(t));
    if (failing.length) warnings.push(`requested tasks dropped by the label filters: ${failing.map((t) => table.tasks[t].id).join(', ')}`);
    chosen = chosen.filter(passes);
  } else {
    chosen = table.tasks.map((_, t) => t).filter(passes);
    if (top !== undefined && chosen.length > top) {
      // most labels first; ties by more positives, then file order (stable sort keeps it deterministic)
      const ranked = [...chosen].sort((a, b) => stats[b].labels - stats[a].labels || stats[b].positives - stats[a].positives);
      const keep = new Set(ranked.slice(0, top));
      chosen = chosen.filter((t) => keep.has(t));
    }
  }
  if (chosen.length === 0) {
    throw new TaskSelectionError(
      `no task of ${table.source} passes the selection (minLabels ${sel.minLabels}, minPositives ${sel.minPositives}, minNegatives ${sel.minNegatives})`,
    );
  }
  const K = table.tasks.length;
  let rows = table.compounds.map((_, r) => r);
  if (sel.dropUnlabelled) {
    rows = rows.filter((r) => chosen.some((t) => table.labels[r * K + t] >= 0));
    const dropped = table.compounds.length - rows.length;
    if (dropped) warnings.push(`${dropped} compounds have no label in the selected tasks and were dropped`);
  }
  const out = subsetTable(table, chosen, rows);
  out.warnings.push(...warnings);
  return out;
}
