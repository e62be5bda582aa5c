/**
 * Task selection on a LabelTable: degenerate columns (no label, or one class only: no metric is defined
 * on them and nothing can be learnt) are dropped with a warning naming them unless `keepDegenerate`; then
 * the filters (min labels / positives / negatives, with a warning naming what they drop); then either an
 * explicit id list or the top-K tasks by number of labels. Compounds left without any label in the
 * selected tasks are dropped (they carry no training signal), unless asked to keep them.
 */
import { z } from 'zod';
import { DataError } from '../errors.ts';
import { subsetTable, tableTaskStats, type LabelTable, type TableTaskStats } from './label-table.ts';
import { listed } from './listed.ts';

export const taskSelectionSchema = z.object({
  /** task ids (array or comma-separated string), or "top:K" */
  tasks: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]).optional(),
  /** keep the K tasks with the most labels (after the filters) */
  top: z.number().int().positive().optional(),
  minLabels: z.number().int().nonnegative().default(0),
  minPositives: z.number().int().nonnegative().default(0),
  minNegatives: z.number().int().nonnegative().default(0),
  dropUnlabelled: z.boolean().default(true),
  /** keep task columns without labels or with one class only (dropped with a warning by default) */
  keepDegenerate: z.boolean().default(false),
});
export type TaskSelection = z.input<typeof taskSelectionSchema>;

/** A task selection that cannot be met (unknown id, conflicting options, nothing left); `field` = the option. */
export class TaskSelectionError extends DataError {
  constructor(message: string, field = 'tasks', file?: string) {
    super(message, file, field);
  }
}

/** How many names a selection warning lists before "… and N more". */
const NAMES_LISTED = 30;

function classText(s: TableTaskStats): string {
  return `${s.id} (${s.labels} labels, all ${s.positives ? 'positive' : 'negative'})`;
}

/** Empty and one-class columns among `candidates`: the warnings naming them, and the columns to drop. */
function degenerateColumns(
  table: LabelTable,
  stats: TableTaskStats[],
  candidates: readonly number[],
  keep: boolean,
): { drop: Set<number>; warnings: string[] } {
  const empty = candidates.filter((t) => stats[t].labels === 0);
  const oneClass = candidates.filter((t) => stats[t].labels > 0 && (stats[t].positives === 0 || stats[t].negatives === 0));
  const warnings: string[] = [];
  const fate = keep ? 'kept (keepDegenerate)' : 'dropped (keepDegenerate: true keeps them)';
  if (empty.length)
    warnings.push(
      `${empty.length} task column${empty.length > 1 ? 's have' : ' has'} no label in ${table.source}, ${fate}: ` +
        listed(empty, (t) => stats[t].id, NAMES_LISTED, ', '),
    );
  if (oneClass.length)
    warnings.push(
      `${oneClass.length} task column${oneClass.length > 1 ? 's hold' : ' holds'} one class only in ${table.source}, ${fate}: ` +
        listed(oneClass, (t) => classText(stats[t]), NAMES_LISTED, ', '),
    );
  return { drop: new Set(keep ? [] : [...empty, ...oneClass]), warnings };
}

/** Parses the `tasks` option: an id list, or a top-K request. */
export function parseTaskSpec(spec: string | string[] | undefined): { ids?: string[]; top?: number } {
  if (spec === undefined) return {};
  if (Array.isArray(spec)) return { ids: spec };
  const m = /^top:(\d+)$/i.exec(spec.trim());
  if (m) {
    const top = Number(m[1]);
    if (top < 1) throw new TaskSelectionError(`tasks "${spec}": expected top:K with K ≥ 1`, 'tasks');
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
    throw new TaskSelectionError(`conflicting top-K: tasks "top:${spec.top}" and top ${sel.top}`, 'top');
  }
  const top = spec.top ?? sel.top;
  if (spec.ids && top !== undefined) throw new TaskSelectionError('give either task ids or top-K, not both');

  const stats = tableTaskStats(table);
  const filters = `minLabels ${sel.minLabels}, minPositives ${sel.minPositives}, minNegatives ${sel.minNegatives}`;
  const passesFilters = (t: number) =>
    stats[t].labels >= sel.minLabels && stats[t].positives >= sel.minPositives && stats[t].negatives >= sel.minNegatives;
  const warnings: string[] = [];
  let dropped = 0; // degenerate or filtered out, for the message when nothing is left
  /** Degenerate columns out (warning), then the label filters (warning); the survivors in the given order. */
  const screen = (candidates: number[], filteredText: (n: number) => string): number[] => {
    const degenerate = degenerateColumns(table, stats, candidates, sel.keepDegenerate);
    warnings.push(...degenerate.warnings);
    const rest = candidates.filter((t) => !degenerate.drop.has(t));
    const failing = rest.filter((t) => !passesFilters(t));
    if (failing.length)
      warnings.push(
        `${filteredText(failing.length)} (${filters}): ` +
          listed(failing, (t) => `${stats[t].id} (${stats[t].positives}+/${stats[t].negatives}−)`, NAMES_LISTED, ', '),
      );
    dropped += degenerate.drop.size + failing.length;
    return rest.filter(passesFilters);
  };
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
        'tasks',
        table.source,
      );
    }
    const dup = spec.ids.find((id, i) => spec.ids!.indexOf(id) !== i);
    if (dup) throw new TaskSelectionError(`task id "${dup}" listed twice`);
    chosen = screen(
      spec.ids.map((id) => index.get(id)!),
      (n) => `${n} requested task${n > 1 ? 's' : ''} dropped by the label filters`,
    );
  } else {
    chosen = screen(
      table.tasks.map((_, t) => t),
      (n) => `${n} task${n > 1 ? 's' : ''} dropped by the label filters`,
    );
    if (top !== undefined && chosen.length > top) {
      // most labels first; ties by more positives, then file order (stable sort keeps it deterministic)
      const ranked = [...chosen].sort((a, b) => stats[b].labels - stats[a].labels || stats[b].positives - stats[a].positives);
      const keep = new Set(ranked.slice(0, top));
      chosen = chosen.filter((t) => keep.has(t));
    }
  }
  if (chosen.length === 0) {
    throw new TaskSelectionError(
      `no task of ${table.source} passes the selection (${filters}` +
        `${dropped ? `; ${dropped} of ${table.tasks.length} columns dropped, see the warnings` : ''})`,
      'minLabels',
      table.source,
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
