import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Registry } from './registry.ts';
import { defineEstimator } from './estimator.ts';
import { parseOptions } from './meta.ts';

const make = (name: string, aliases: string[] = []) =>
  defineEstimator({
    meta: { name, version: '1.0.0', kind: 'computational', aliases },
    options: z.object({ steps: z.number().int().positive().default(3) }),
    estimate: async () => {
      throw new Error('not called');
    },
  });

describe('Registry', () => {
  it('resolves names and aliases and records the origin', () => {
    const r = new Registry<ReturnType<typeof make>>('estimator');
    r.register(make('tag', ['task-affinity']), 'builtin');
    expect(r.get('task-affinity').meta.name).toBe('tag');
    expect(r.entry('tag').origin).toBe('builtin');
    expect(r.names()).toEqual(['tag']);
  });

  it('rejects duplicates naming both origins, and unknown names list what exists', () => {
    const r = new Registry<ReturnType<typeof make>>('estimator');
    r.register(make('tag'), 'builtin');
    expect(() => r.register(make('other', ['tag']), './my-plugin.mjs')).toThrow(
      /"tag" from \.\/my-plugin\.mjs collides with "tag" registered from builtin/,
    );
    expect(() => r.get('nope')).toThrow(/unknown estimator "nope"; available: tag/);
  });

  it('rejects invalid plugin names', () => {
    expect(() => make('Bad Name')).toThrow();
  });

  it('option errors name the plugin, the option path and the expected form', () => {
    const p = make('tag');
    expect(parseOptions('estimator "tag"', p.options, {})).toEqual({ steps: 3 });
    expect(() => parseOptions('estimator "tag"', p.options, { steps: 'many' })).toThrow(
      /invalid options for estimator "tag":\n✖ .*expected number.*\n {2}→ at steps/i,
    );
  });
});
