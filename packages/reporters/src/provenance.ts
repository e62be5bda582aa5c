/**
 * Where the numbers come from, as label/value facts every human-readable report prints: suite name and
 * hash, commits, seeds, when, environment, and — for merged reports — the runs merged and whether the merge
 * was forced. Commits come from every session (a resumed or merged run can span several), and so do code
 * hashes: trials computed by more than one code version (a resume with --allow-code-change, a merge) are said so.
 */
import type { ReportBundle } from './bundle.ts';

export interface Fact {
  label: string;
  value: string;
}

export function commitsOf(bundle: ReportBundle): string[] {
  const fromSessions = bundle.summary.sessions.map((s) => s.gitSha).filter((s): s is string => !!s);
  const fromRuns = bundle.merge?.runs.flatMap((r) => r.gitShas) ?? [];
  const all = [
    ...new Set([...fromSessions, ...fromRuns, ...(bundle.summary.environment.git.sha ? [bundle.summary.environment.git.sha] : [])]),
  ];
  return all;
}

export function provenanceFacts(bundle: ReportBundle): Fact[] {
  const s = bundle.summary;
  const env = s.environment;
  const engines = s.engines.map((e) => `${e.name}/${e.backend}`).join(', ') || env.engine?.name || 'none';
  const commits = commitsOf(bundle);
  const facts: Fact[] = [
    { label: 'suite', value: `${s.suite.name} (hash ${s.suite.hash})` },
    {
      label: 'commit',
      value: commits.length ? commits.join(', ') + (env.git.dirty ? ' (working tree dirty in the latest session)' : '') : 'unknown',
    },
    { label: 'seeds', value: s.seeds.join(', ') },
    {
      label: 'α, target power',
      value: `α = ${s.alpha} (Benjamini–Hochberg across the cells of each estimate), target power ${s.targetPower}`,
    },
    { label: 'trials', value: `${s.trials.ok} ok, ${s.trials.failed} failed, ${s.trials.missing} missing of ${s.trials.total}` },
    {
      label: 'sessions',
      value: s.sessions
        .map(
          (x) =>
            `${x.startedAt}${x.resumed ? ' (resumed)' : ''} @ ${x.gitSha?.slice(0, 10) ?? '?'}${x.codeHash !== undefined ? `, code ${x.codeHash ?? 'unknown'}` : ''}`,
        )
        .join('; '),
    },
    { label: 'summary created', value: s.createdAt },
    {
      label: 'environment',
      value: `Node ${env.node} · ${env.cpu.model} × ${env.cpu.count} · ${env.platform}/${env.arch}${env.totalMemoryMb ? ` · ${Math.round(env.totalMemoryMb / 1024)} GB RAM` : ''} · engine ${engines}`,
    },
    {
      label: 'packages',
      value: Object.entries(env.packages)
        .map(([k, v]) => `${k}@${v}`)
        .join(', '),
    },
    { label: 'schema', value: `results schema v${s.schemaVersion}` },
  ];
  if (bundle.merge) facts.push({ label: 'merged runs', value: mergeText(bundle) });
  const mix = codeMixText(bundle);
  if (mix) facts.push({ label: 'code versions', value: mix });
  return facts;
}

/**
 * One sentence when the trials were computed by more than one code version, else null. Sessions that
 * computed none of the latest trials do not count; summaries from before code hashes were recorded say nothing.
 */
export function codeMixText(bundle: ReportBundle): string | null {
  const sessions = bundle.summary.sessions.filter((x) => x.codeHash !== undefined && (x.trials ?? 1) > 0);
  const trials = new Map<string, number>();
  for (const x of sessions) trials.set(x.codeHash ?? 'unknown', (trials.get(x.codeHash ?? 'unknown') ?? 0) + (x.trials ?? 0));
  if (trials.size < 2) return null;
  return `this run's trials were computed by ${trials.size} code versions: ${[...trials].map(([h, n]) => `${h} (${n} trials)`).join(', ')}; numbers from different code may not be comparable`;
}

/** One sentence about the merge, loud when it was forced. */
export function mergeText(bundle: ReportBundle): string {
  const m = bundle.merge;
  if (!m) return '';
  const hashes = [...new Set(m.runs.map((r) => r.suite.hash))];
  const runs = m.runs.map((r) => `${r.dir} (suite ${r.suite.name} ${r.suite.hash}, ${r.trials} trials)`).join('; ');
  const head = m.forced
    ? `FORCED MERGE of ${m.runs.length} incompatible runs (--force): ${m.conflicts.join('; ')}. Suite hashes merged: ${hashes.join(', ')}.`
    : `${m.runs.length} runs merged (suite hash ${hashes.join(', ')}).`;
  return `${head} Runs: ${runs}.${m.duplicateTrials ? ` ${m.duplicateTrials} trial(s) present in several runs: the latest finished record kept.` : ''}`;
}
