/**
 * The protocol from a small parsed suite: a `folds: each` entry is one line ("10 folds"), with its options as
 * written (data paths unresolved), the truth's task count and its truth scopes; truths with oracle, options, seed
 * and δ; estimators with their ladders; code versions of the sessions that computed trials; HTML escapes.
 */
import { describe, expect, it } from 'vitest';
import type { BenchSummary } from '@transferbench/core';
import { suiteSchema } from '../suite/suite-schema.ts';
import { protocolHtml, protocolMarkdown, studyProtocol } from './protocol.ts';

const suite = suiteSchema.parse({
  name: 'kiba-cv',
  datasets: [
    {
      id: 'kiba12',
      plugin: 'kiba',
      options: { dataDir: '../shared/data/kiba', top: 12 },
      split: { kind: 'scaffold-kfold', seed: 0, valFraction: 0.1 },
      folds: 'each',
      truths: ['contextual'],
    },
    { id: 'panel', plugin: 'kiba', options: { dataDir: '<data>/kiba', top: 4 }, split: { kind: 'scaffold', seed: 3 } },
  ],
  estimators: [
    {
      plugin: 'tag',
      budgets: [
        { name: 'r4', options: { replicates: 4 } },
        { name: 'r12', options: { replicates: 12 } },
      ],
    },
    { plugin: 'learning-curve', options: { testBootstrap: 20 }, budgets: [{ name: 'p40', options: { points: 40 } }], datasets: ['panel'] },
  ],
  seeds: [1, 2, 3],
  truth: {
    pairwise: { estimator: 'leave-one-out-oracle', options: { replicates: 32 }, nullMargin: 0.01 },
    contextual: { estimator: 'contextual-oracle', options: { replicates: 48, metric: 'auc' }, seed: 7, nullMargin: 0.02 },
  },
  model: { hidden: 256, dropout: 0.2 },
  engine: { name: 'auto' },
});

const summary = {
  suite: { name: 'kiba-cv', hash: 'abc123' },
  seeds: [1, 2, 3],
  alpha: 0.05,
  targetPower: 0.8,
  trials: { total: 98, ok: 97, failed: 1, missing: 0 },
  truths: [
    { dataset: 'kiba12', scope: 'contextual', tasks: Array.from({ length: 12 }, (_, i) => `t${i}`) },
    { dataset: 'panel', scope: 'pairwise', tasks: ['a', 'b', 'c', 'd'] },
  ],
  rows: [
    { estimator: 'tag', kind: 'computational', role: 'estimator' },
    { estimator: 'learning-curve', kind: 'statistical', role: 'estimator' },
  ],
  engines: [{ name: 'fast', backend: 'wasm-simd' }],
  sessions: [
    { gitSha: 'aaaa', codeHash: 'c1', trials: 90 },
    { gitSha: 'bbbb', codeHash: 'c2', trials: 0 }, // computed nothing: not a version of these numbers
    { gitSha: 'cccc', codeHash: 'c3', trials: 8 },
  ],
  environment: {
    git: { sha: 'cccc', dirty: false },
    node: 'v20.19.0',
    platform: 'linux',
    arch: 'x64',
    cpu: { model: 'AMD EPYC', count: 2 },
    totalMemoryMb: 8192,
  },
} as unknown as BenchSummary;

describe('study protocol', () => {
  const p = studyProtocol(suite, summary);

  it('lists a folds: each entry as one group line with its folds, and a plain entry as it is', () => {
    expect(p.datasets.head).toEqual(['dataset', 'plugin', 'options', 'tasks', 'split', 'truth scopes']);
    expect(p.datasets.rows).toEqual([
      [
        'kiba12',
        'kiba',
        'dataDir: ../shared/data/kiba, top: 12',
        '12',
        'scaffold-kfold · 10 folds, each a replicate (kiba12.f0 … kiba12.f9) · seed 0 · valFraction: 0.1',
        'contextual',
      ],
      ['panel', 'kiba', 'dataDir: <data>/kiba, top: 4', '4', 'scaffold · seed 3', 'pairwise, contextual'],
    ]);
  });

  it('lists the truths, the estimators with their ladders, and the setup', () => {
    expect(p.truths.rows).toEqual([
      ['pairwise', 'leave-one-out-oracle (oracle)', 'replicates: 32', '0', '0.01'],
      ['contextual', 'contextual-oracle (oracle)', 'replicates: 48, metric: auc', '7', '0.02'],
    ]);
    expect(p.estimators.rows).toEqual([
      ['tag', 'tag', 'computational', '—', 'r4 (replicates: 4) → r12 (replicates: 12)', 'all'],
      ['learning-curve', 'learning-curve', 'statistical', 'testBootstrap: 20', 'p40 (points: 40)', 'panel'],
    ]);
    const fact = (label: string) => p.setup.find((f) => f.label === label)?.value;
    expect(fact('seeds')).toMatch(/^1, 2, 3 /);
    // the parsed suite's model: the defaults the trials got, written out
    expect(fact('model defaults')).toMatch(/^hidden: 256, dropout: 0\.2, learningRate: 0\.001, .*maxEpochs: 30, patience: 3$/);
    expect(fact('engine')).toBe('auto (trials ran on fast/wasm-simd)');
    expect(fact('code')).toBe('commit aaaa, code hash c1; commit cccc, code hash c3');
    expect(fact('environment')).toBe('AMD EPYC × 2, Node v20.19.0, linux/x64, 8 GB RAM (latest session)');
    expect(fact('trials')).toBe('97 ok, 1 failed, 0 missing of 98');
  });

  it('renders Markdown tables and escaped HTML', () => {
    const md = protocolMarkdown(p);
    expect(md).toContain('## Protocol');
    expect(md).toContain(
      '| kiba12 | kiba | dataDir: ../shared/data/kiba, top: 12 | 12 | scaffold-kfold · 10 folds, each a replicate (kiba12.f0 … kiba12.f9) · seed 0 · valFraction: 0.1 | contextual |',
    );
    expect(md).toContain('| panel | kiba | dataDir: &lt;data&gt;/kiba, top: 4 |');
    expect(md).toContain('- **code**: commit aaaa, code hash c1; commit cccc, code hash c3');
    const html = protocolHtml(p);
    expect(html).toContain('<table class="ranking study" data-table="protocol-datasets">');
    expect(html).toContain('<td>dataDir: &lt;data&gt;/kiba, top: 4</td>');
    expect(html).not.toContain('<data>');
    expect(html.match(/<tr>/g)).toHaveLength(3 + 3 + 3); // header + rows of datasets, truths, estimators
  });
});
