/**
 * The study's protocol — what was run, as the run recorded it, so a reader can judge and repeat the study without
 * the results folder: per dataset (a cross-validation group — the entries `folds: each` expanded — is one line) the
 * plugin, its options as written in the suite (data paths as given, never resolved: the page is published), the
 * number of tasks (the truth's), the split and the truth scopes scored; the truths (oracle, options, seed, δ); the
 * estimators with their budget ladders; seeds, α, model defaults, engine; the code (commits and code hashes of the
 * sessions that computed the trials), the machine and the commands that made the report. Text only: markup.ts escapes it for either format.
 */
import type { BenchSummary } from '@transferbench/core';
import { esc, mdText, tableHtml, tableMd, type Table } from './markup.ts';
import { datasetId, estimatorId, scoresTruth, truthScopes, type DatasetEntry, type Suite } from '../suite/suite-schema.ts';

export interface Fact {
  label: string;
  value: string;
}

export interface StudyProtocol {
  /** one sentence naming the suite and what the tables hold */
  lead: string;
  datasets: Table;
  truths: Table;
  estimators: Table;
  setup: Fact[];
}

/** `key: value, …` in the suite's order; strings as written, anything else as JSON. */
export function optionsText(o: Record<string, unknown>): string {
  const parts = Object.entries(o).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : '—';
}

/** The entries of the suite in dataset groups: the folds of one `folds: each` entry together, in suite order. */
export function datasetGroups(suite: Suite): { id: string; entries: DatasetEntry[] }[] {
  const groups = new Map<string, DatasetEntry[]>();
  for (const d of suite.datasets) {
    const id = d.group ?? datasetId(d);
    groups.set(id, [...(groups.get(id) ?? []), d]);
  }
  return [...groups].map(([id, entries]) => ({ id, entries }));
}

function splitText(entries: DatasetEntry[]): string {
  const { kind = 'random', seed, fold, folds, ...rest } = entries[0].split as Record<string, unknown>;
  const parts = [String(kind)];
  if (entries[0].group) parts.push(`${entries.length} folds, each a replicate (${datasetId(entries[0])} … ${datasetId(entries.at(-1)!)})`);
  else if (fold !== undefined) parts.push(`fold ${fold} of ${folds ?? 'the default number of folds'}`);
  if (seed !== undefined) parts.push(`seed ${seed}`);
  if (Object.keys(rest).length) parts.push(optionsText(rest));
  return parts.join(' · ');
}

export function studyProtocol(suite: Suite, summary: BenchSummary, notRun: string[] = [], commands: string[] = []): StudyProtocol {
  const kinds = new Map(
    summary.rows.map((r) => [r.estimator, `${r.kind ?? 'kind unknown'}${r.role === 'reference' ? ' (reference frontier)' : ''}`]),
  );
  const datasets: Table = {
    head: ['dataset', 'plugin', 'options', 'tasks', 'split', 'truth scopes'],
    numeric: [3],
    rows: datasetGroups(suite).map(({ id, entries }) => {
      const tasks = summary.truths.find((t) => t.dataset === id && t.tasks.length)?.tasks.length;
      const scopes = truthScopes.filter((s) => suite.truth[s] && scoresTruth(entries[0], s));
      return [
        id,
        entries[0].plugin,
        optionsText(entries[0].options),
        tasks ? String(tasks) : '—',
        splitText(entries),
        scopes.join(', ') || '—',
      ];
    }),
  };
  const truths: Table = {
    head: ['scope', 'truth', 'options', 'seed', 'δ'],
    numeric: [3, 4],
    rows: truthScopes.flatMap((scope) => {
      const t = suite.truth[scope];
      if (!t) return [];
      return [
        t.source === 'oracle'
          ? [scope, `${t.estimator} (oracle)`, optionsText(t.options), String(t.seed), String(t.nullMargin)]
          : [scope, 'planted structure', '—', '—', String(t.nullMargin)],
      ];
    }),
  };
  const estimators: Table = {
    head: ['estimator', 'plugin', 'kind', 'options', 'budgets (cheapest first)', 'data sets'],
    rows: suite.estimators.map((e) => [
      estimatorId(e),
      e.plugin,
      kinds.get(estimatorId(e)) ?? '—',
      optionsText(e.options),
      e.budgets.map((b) => (Object.keys(b.options).length ? `${b.name} (${optionsText(b.options)})` : b.name)).join(' → '),
      e.datasets?.join(', ') ?? 'all',
    ]),
  };

  const env = summary.environment;
  // every code version that computed trials (a resumed run can span several); sessions without trials say nothing
  const versions = [
    ...new Set(
      summary.sessions
        .filter((x) => (x.trials ?? 1) > 0)
        .map((x) => `commit ${x.gitSha ?? 'unknown'}, code hash ${x.codeHash ?? 'unknown'}`),
    ),
  ];
  const resolved = summary.engines.map((e) => `${e.name}/${e.backend}`).join(', ');
  const setup: Fact[] = [
    { label: 'seeds', value: `${summary.seeds.join(', ')} (the estimators' randomness; each dataset keeps its split)` },
    {
      label: 'α, target power',
      value: `α = ${summary.alpha} (Benjamini–Hochberg across the cells of each estimate), target power ${summary.targetPower}`,
    },
    { label: 'model defaults', value: optionsText(suite.model) },
    {
      label: 'engine',
      value: `${suite.engine.name}${suite.engine.backend ? `/${suite.engine.backend}` : ''}${resolved ? ` (trials ran on ${resolved})` : ''}`,
    },
    {
      label: 'code',
      value: `${versions.join('; ') || 'unknown'}${env.git.dirty ? ' (working tree dirty in the latest session)' : ''}`,
    },
    {
      label: 'environment',
      value: `${env.cpu.model} × ${env.cpu.count}, Node ${env.node}, ${env.platform}/${env.arch}${env.totalMemoryMb ? `, ${Math.round(env.totalMemoryMb / 1024)} GB RAM` : ''} (latest session)`,
    },
    {
      label: 'trials',
      value: `${summary.trials.ok} ok, ${summary.trials.failed} failed, ${summary.trials.missing} missing of ${summary.trials.total}`,
    },
    ...commands.map((value) => ({ label: 'command', value })),
  ];
  return {
    lead:
      `Suite ${summary.suite.name} (hash ${summary.suite.hash}), as its run.json records it.` +
      (notRun.length
        ? ` This report covers a part of the suite (run with --datasets); not run, and not reported on: ${notRun.join(', ')}.`
        : ''),
    datasets,
    truths,
    estimators,
    setup,
  };
}

export function protocolMarkdown(p: StudyProtocol): string {
  return [
    '## Protocol',
    '',
    mdText(p.lead),
    '',
    '### Datasets',
    '',
    tableMd(p.datasets),
    '',
    '### Truths',
    '',
    tableMd(p.truths),
    '',
    '### Estimators',
    '',
    tableMd(p.estimators),
    '',
    '### Setup',
    '',
    ...p.setup.map((f) => `- **${mdText(f.label)}**: ${mdText(f.value)}`),
    '',
  ].join('\n');
}

export function protocolHtml(p: StudyProtocol): string {
  return [
    '<h2 id="study-protocol">Protocol</h2>',
    `<p class="lead">${esc(p.lead)}</p>`,
    '<h3>Datasets</h3>',
    tableHtml(p.datasets, 'protocol-datasets'),
    '<h3>Truths</h3>',
    tableHtml(p.truths, 'protocol-truths'),
    '<h3>Estimators</h3>',
    tableHtml(p.estimators, 'protocol-estimators'),
    '<h3>Setup</h3>',
    `<dl class="provenance" data-table="protocol-setup">${p.setup.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join('')}</dl>`,
  ].join('\n');
}
