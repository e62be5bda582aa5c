/**
 * Where the study's compute went, per dataset (a cross-validation group as one) and in total: CPU-seconds of the
 * truth trials, of each estimator (over its budgets, seeds and folds) and the trials' start-up (Σ processCpuMs −
 * cpuMs: Node, imports, data, engine — everything but the estimator call), with shares of the total. Summed from
 * the trial records themselves, not from the summary's means, so the totals are exact sums. Every recorded trial
 * counts, failed ones too (their CPU was spent); a trial killed before it reported has no measure and is named.
 */
import type { TrialJob, TrialRecord, TruthSummary } from '@transferbench/core';
import { esc, mdText, tableHtml, tableMd, type Table } from './markup.ts';
import { datasetGroups } from './protocol.ts';
import { datasetId, estimatorId, type Suite } from '../suite/suite-schema.ts';

/** What the breakdown reads of a trial record (a TrialRecord is one). */
export interface ComputeRecord {
  status: 'ok' | 'failed';
  job: { kind: TrialJob['kind']; dataset: { id: string }; estimator: { id: string } | null };
  measures: Pick<TrialRecord['measures'], 'cpuMs' | 'processCpuMs'>;
}

export interface ComputePart {
  /** `truths`, an estimator id, or `start-up` */
  part: string;
  kind: 'truth' | 'estimator' | 'start-up';
  trials: number;
  cpuSeconds: number;
  /** of the study's total, in percent */
  share: number;
}

export interface ComputeGroup {
  dataset: string;
  parts: ComputePart[];
  trials: number;
  cpuSeconds: number;
  share: number;
}

export interface ComputeBreakdown {
  datasets: ComputeGroup[];
  trials: number;
  cpuSeconds: number;
  failed: number;
  /** trials without a CPU measure (not in the sums) */
  unmeasured: number;
  notes: string[];
}

/** CPU-seconds and shares as the page prints them; numbers.json stores the same rounding. */
export const shownSeconds = (v: number): string => v.toFixed(2);
export const shownShare = (percent: number): string => percent.toFixed(1);

export function computeBreakdown(suite: Suite, records: readonly ComputeRecord[], truths: readonly TruthSummary[] = []): ComputeBreakdown {
  const groupOf = new Map(suite.datasets.map((d) => [datasetId(d), d.group ?? datasetId(d)]));
  const order = datasetGroups(suite).map((g) => g.id);
  const estimatorOrder = suite.estimators.map(estimatorId);
  // per group: part → trials and Σ ms (summed in ms, divided once: exact up to the records' own precision)
  const sums = new Map<string, Map<string, { kind: ComputePart['kind']; trials: number; ms: number }>>();
  let unmeasured = 0;
  const add = (group: string, part: string, kind: ComputePart['kind'], ms: number) => {
    if (!sums.has(group)) sums.set(group, new Map());
    const g = sums.get(group)!;
    const x = g.get(part) ?? { kind, trials: 0, ms: 0 };
    x.trials++;
    x.ms += ms;
    g.set(part, x);
  };
  for (const r of records) {
    const group = groupOf.get(r.job.dataset.id) ?? r.job.dataset.id;
    const { cpuMs, processCpuMs } = r.measures;
    if (cpuMs === null) {
      unmeasured++;
      continue;
    }
    if (r.job.kind === 'truth') add(group, 'truths', 'truth', cpuMs);
    else add(group, r.job.estimator?.id ?? '?', 'estimator', cpuMs);
    if (processCpuMs !== null) add(group, 'start-up', 'start-up', Math.max(0, processCpuMs - cpuMs));
  }
  const totalMs = [...sums.values()].flatMap((g) => [...g.values()]).reduce((a, x) => a + x.ms, 0);
  const share = (ms: number) => (totalMs > 0 ? (100 * ms) / totalMs : 0);
  const rank = (part: string) => (part === 'truths' ? -1 : part === 'start-up' ? Infinity : estimatorOrder.indexOf(part) >>> 0);
  const datasets: ComputeGroup[] = [...sums.keys()]
    .sort((a, b) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0))
    .map((dataset) => {
      const parts = [...sums.get(dataset)!]
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([part, x]) => ({ part, kind: x.kind, trials: x.trials, cpuSeconds: x.ms / 1000, share: share(x.ms) }));
      const ms = [...sums.get(dataset)!.values()].reduce((a, x) => a + x.ms, 0);
      const trials = parts.filter((p) => p.kind !== 'start-up').reduce((a, p) => a + p.trials, 0);
      return { dataset, parts, trials, cpuSeconds: ms / 1000, share: share(ms) };
    });

  const notes: string[] = [];
  const failed = records.filter((r) => r.status === 'failed').length;
  if (failed) notes.push(`${failed} failed trial(s) are counted: their CPU was spent.`);
  if (unmeasured) notes.push(`${unmeasured} trial(s) have no CPU measure (killed before they reported) and are not in the sums.`);
  // a truth that reused the oracle's cache cost this run little: say what its trainings took in all
  const seen = new Set<string>();
  for (const t of truths) {
    if (seen.has(t.trialId) || t.trainingSeconds === null || t.cpuSeconds === null || t.trainingSeconds <= t.cpuSeconds) continue;
    seen.add(t.trialId);
    notes.push(
      `The truth ${t.id} took trainings from the oracle's cache: ${shownSeconds(t.cpuSeconds)} CPU-s in this run, ${shownSeconds(t.trainingSeconds)} s of training in all.`,
    );
  }
  return {
    datasets,
    trials: datasets.reduce((a, g) => a + g.trials, 0),
    cpuSeconds: totalMs / 1000,
    failed,
    unmeasured,
    notes,
  };
}

function computeTable(b: ComputeBreakdown): Table {
  const partName = (p: ComputePart) =>
    p.kind === 'truth' ? 'truth trials' : p.kind === 'start-up' ? 'trial start-up (process − estimator CPU)' : `estimator ${p.part}`;
  const rows: string[][] = [];
  for (const g of b.datasets) {
    for (const p of g.parts) rows.push([g.dataset, partName(p), String(p.trials), shownSeconds(p.cpuSeconds), `${shownShare(p.share)} %`]);
    rows.push([g.dataset, 'dataset total', String(g.trials), shownSeconds(g.cpuSeconds), `${shownShare(g.share)} %`]);
  }
  rows.push(['all', 'study total', String(b.trials), shownSeconds(b.cpuSeconds), '100.0 %']);
  return { head: ['dataset', 'where', 'trials', 'CPU-s', 'share of total'], numeric: [2, 3, 4], rows };
}

const LEAD =
  'CPU-seconds summed over the trial records: each estimator over its budgets, seeds and folds (the estimator call, cpuMs); ' +
  'the truths likewise; start-up is what every trial process spent besides that call (Node, imports, data, engine).';

export function computeMarkdown(b: ComputeBreakdown): string {
  return [
    '## Compute',
    '',
    mdText(LEAD),
    '',
    tableMd(computeTable(b)),
    '',
    `In total ${shownSeconds(b.cpuSeconds)} CPU-s (${(b.cpuSeconds / 3600).toFixed(2)} CPU-hours) over ${b.trials} trials.`,
    '',
    ...b.notes.map((n) => `- ${mdText(n)}`),
    ...(b.notes.length ? [''] : []),
  ].join('\n');
}

export function computeHtml(b: ComputeBreakdown): string {
  return [
    '<h2 id="study-compute">Compute</h2>',
    `<p class="legend-text">${esc(LEAD)}</p>`,
    tableHtml(computeTable(b), 'compute'),
    `<p>In total ${shownSeconds(b.cpuSeconds)} CPU-s (${(b.cpuSeconds / 3600).toFixed(2)} CPU-hours) over ${b.trials} trials.</p>`,
    b.notes.length ? `<ul class="notes">${b.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
  ].join('\n');
}
