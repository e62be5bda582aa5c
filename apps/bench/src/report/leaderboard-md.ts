/**
 * The markdown leaderboard (leaderboard.md). Lives in the bench until @transferbench/reporters takes
 * over its rendering (it is registered as the `leaderboard` reporter; a package reporter of that name
 * replaces it). Per dataset: estimators ranked by the cost to reach the target power (reached first,
 * cheapest first; then by best power), each with its budget ladder: power, FPR, Spearman ρ, CPU-seconds
 * and sample-passes per estimate, mean over seeds with 95 % CIs.
 */
import { defineReporter, type BenchSummary, type ResultsBundle, type SummaryRow } from '@transferbench/core';
import { z } from 'zod';

type Stat = SummaryRow['power'];

const f = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

function stat(s: Stat, digits = 2, undefinedText = '—'): string {
  if (s.mean === null) return undefinedText;
  if (s.lower === null || s.upper === null) return f(s.mean, digits);
  return `${f(s.mean, digits)} [${f(s.lower, digits)}, ${f(s.upper, digits)}]`;
}

function compact(v: number | null): string {
  if (v === null) return '—';
  if (Math.abs(v) >= 1e9) return `${(v / 1e9).toFixed(2)} G`;
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(2)} M`;
  if (Math.abs(v) >= 1e3) return `${(v / 1e3).toFixed(1)} k`;
  return v.toFixed(v % 1 === 0 ? 0 : 2);
}

function secs(v: number | null): string {
  if (v === null) return '—';
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

function costText(c: BenchSummary['costToPower'][number]): string {
  switch (c.method) {
    case 'interpolated': return `${secs(c.cpuSeconds)} CPU-s (interpolated, reached at ${c.budget})`;
    case 'upper-bound': return `≤ ${secs(c.cpuSeconds)} CPU-s (cheapest budget ${c.budget} already reaches it)`;
    case 'not-reached': return `not reached (best power ${f(c.maxPower)})`;
    default: return 'undefined (no p-values)';
  }
}

/** Ranking key: reached (by cost), then not reached (by best power), then undefined. */
function rankKey(c: BenchSummary['costToPower'][number] | undefined): [number, number] {
  if (!c) return [3, 0];
  if (c.method === 'interpolated' || c.method === 'upper-bound') return [0, c.cpuSeconds ?? Infinity];
  if (c.method === 'not-reached') return [1, -(c.maxPower ?? 0)];
  return [2, 0];
}

export function renderLeaderboard(summary: BenchSummary): string {
  const s = summary;
  const pct = Math.round(s.targetPower * 100);
  const out: string[] = [];
  out.push(`# Leaderboard: ${s.suite.name}`, '');
  if (s.suite.description) out.push(s.suite.description, '');
  out.push(
    `Suite hash \`${s.suite.hash}\` · seeds ${s.seeds.join(', ')} · α = ${s.alpha} (Benjamini–Hochberg across ordered pairs) · ` +
      `trials ${s.trials.ok} ok, ${s.trials.failed} failed, ${s.trials.missing} missing of ${s.trials.total}.`,
    '',
    '**power**: share of truly non-null ordered pairs detected with the right sign; **FPR**: share of truly null pairs detected; ' +
      '**ρ**: Spearman correlation of estimated with true effects; **CPU-s**: CPU-seconds of the estimator call per estimate; ' +
      '**passes**: sample-passes per estimate. Mean over seeds [95 % CI]. "n/a": the estimator reports no p-values.',
    '',
  );
  const datasets = [...new Set(s.rows.map((r) => r.dataset))];
  for (const ds of datasets) {
    const truth = s.truth.find((t) => t.dataset === ds);
    const tc = truth?.counts;
    out.push(`## ${ds}`, '');
    out.push(
      truth && tc
        ? `Truth: ${truth.source} (${truth.unit ?? ''}) — ${tc.positive} positive, ${tc.negative} negative, ${tc.null} null (±${truth.nullMargin}), ${tc.indeterminate} indeterminate pairs excluded.`
        : `Truth: ${truth?.source ?? '?'} — ${truth?.status ?? 'missing'}; power, FPR and ρ cannot be computed.`,
      '',
    );
    const rows = s.rows.filter((r) => r.dataset === ds);
    const estimators = [...new Set(rows.map((r) => r.estimator))];
    const cost = (e: string) => s.costToPower.find((c) => c.dataset === ds && c.estimator === e);
    estimators.sort((a, b) => {
      const [ka, va] = rankKey(cost(a));
      const [kb, vb] = rankKey(cost(b));
      return ka - kb || va - vb || a.localeCompare(b);
    });
    out.push(`| rank | estimator | budget | power | FPR | ρ | CPU-s | passes | seeds ok |`, `|---:|---|---|---|---|---|---:|---:|---:|`);
    estimators.forEach((e, k) => {
      const ladder = rows.filter((r) => r.estimator === e).sort((a, b) => a.budgetIndex - b.budgetIndex);
      ladder.forEach((r, i) => {
        const undef = r.hasPValues ? '—' : 'n/a';
        out.push(`| ${i === 0 ? k + 1 : ''} | ${i === 0 ? e : ''} | ${r.budget} | ${stat(r.power, 2, undef)} | ${stat(r.fpr, 2, undef)} | ${stat(r.spearman)} | ${secs(r.cpuSeconds.mean)} | ${compact(r.samplePasses.mean)} | ${r.seeds.ok}/${r.seeds.total} |`);
      });
    });
    out.push('', `Cost to reach ${pct} % power:`, '');
    for (const e of estimators) {
      const c = cost(e);
      if (c) out.push(`- **${e}**: ${costText(c)}`);
    }
    const matched = s.powerAtMatchedCost.find((m) => m.dataset === ds);
    if (matched && matched.power.length > 1) {
      out.push('');
      if (matched.cpuSeconds === null) out.push('Power at matched cost: the budget ladders do not overlap in cost; compare cost to reach the target instead.');
      else {
        const ranked = [...matched.power].sort((a, b) => (b.power ?? -1) - (a.power ?? -1));
        out.push(`Power at matched cost (${secs(matched.cpuSeconds)} CPU-s per estimate, interpolated in log cost): ` + ranked.map((m) => `${m.estimator} ${f(m.power)}`).join(' > ') + '.');
      }
    }
    out.push('');
  }
  if (s.failures.length) {
    out.push('## Failed trials', '', '| trial | reason | message |', '|---|---|---|');
    for (const x of s.failures) out.push(`| ${x.label} | ${x.reason} | ${x.message.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 200)} |`);
    out.push('');
  }
  const env = s.environment;
  out.push(
    '## Environment',
    '',
    `git ${env.git.sha ?? 'unknown'}${env.git.dirty ? ' (dirty)' : ''} · Node ${env.node} · ${env.cpu.model} × ${env.cpu.count} · ${env.platform}/${env.arch} · ` +
      `engine ${s.engines.map((e) => `${e.name}/${e.backend}`).join(', ') || env.engine?.name || 'none'} · schema v${s.schemaVersion}`,
    '',
  );
  return out.join('\n');
}

/** The leaderboard as a reporter plugin, so suites can name it like any other reporter. */
export const leaderboardReporter = defineReporter<ResultsBundle>({
  meta: { name: 'leaderboard', version: '1.0.0', description: 'markdown leaderboard: power, FPR, Spearman and cost per estimator and budget' },
  options: z.object({ file: z.string().default('leaderboard.md') }),
  render: (bundle, options) => [{ path: (options as { file?: string })?.file ?? 'leaderboard.md', content: renderLeaderboard(bundle.summary) }],
});
