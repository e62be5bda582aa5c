import { describe, expect, it } from 'vitest';
import { makeTrialJob, trialId, trialLabel, type TrialJobInput } from './trial.ts';
import { canonicalJson, contentHash } from './hash.ts';

const base: TrialJobInput = {
  kind: 'estimate',
  suiteHash: 'abc',
  dataset: { id: 'syn', plugin: 'synthetic', options: { tasks: 4 }, split: { kind: 'random' } },
  estimator: { id: 'tag', plugin: 'tag', budget: 'low', options: { epochs: 2 } },
  seed: 1,
  model: { hidden: 16 },
  engine: { name: 'fast' },
  plugins: ['/a/plugin.mjs'],
  limits: { timeoutMs: 1000, memoryMb: 512 },
};

describe('trial ids', () => {
  it('depend on what determines the numbers, not on limits, plugin paths or the suite hash', () => {
    const id = trialId(base);
    expect(trialId({ ...base, limits: { timeoutMs: 5, memoryMb: 64 }, plugins: [], suiteHash: 'zzz', cacheDir: '/tmp' })).toBe(id);
    expect(trialId({ ...base, dataset: { ...base.dataset, resolvedOptions: { dir: '/abs/data' } } })).toBe(id);
    expect(trialId({ ...base, seed: 2 })).not.toBe(id);
    expect(trialId({ ...base, estimator: { ...base.estimator!, options: { epochs: 3 } } })).not.toBe(id);
    expect(makeTrialJob(base).id).toBe(id);
    expect(trialLabel(base)).toBe('syn/tag@low#1');
    expect(trialLabel({ ...base, kind: 'truth', truthSource: 'planted', estimator: null })).toBe('syn/truth:planted');
    const oracle = { ...base, kind: 'truth' as const, truthSource: 'oracle' as const };
    expect(trialLabel({ ...oracle, estimator: { ...base.estimator!, plugin: 'contextual-oracle' } })).toBe(
      'syn/truth:oracle:contextual-oracle',
    );
  });
});

describe('canonical hashing', () => {
  it('sorts keys, drops undefined and rejects non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 2 }] })).toBe('{"a":[1,{"c":2}],"b":1}');
    expect(contentHash({ x: 1, y: 2 })).toBe(contentHash({ y: 2, x: 1 }));
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/<root>\.x is NaN/);
  });
});
