/** Every built-in dataset plugin refuses unknown options, naming them and listing the valid ones. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOptions } from '@transferbench/core';
import { builtinDatasets } from './index.ts';
import { strictOptions, unknownOptionsMessage } from './strict-options.ts';

/** Minimal valid options per plugin (the file need not exist: options are checked before anything is read). */
const base: Record<string, Record<string, unknown>> = {
  synthetic: {},
  kiba: {},
  davis: {},
  dti: { variant: 'kiba' },
  csv: { file: 'x.csv' },
};

describe('strict dataset options', () => {
  it('covers every built-in plugin', () => {
    expect(builtinDatasets.map((p) => p.meta.name).sort()).toEqual(Object.keys(base).sort());
  });

  for (const plugin of builtinDatasets) {
    it(`${plugin.meta.name}: a mistyped option fails naming it and listing the valid options`, () => {
      const name = plugin.meta.name;
      expect(plugin.options.safeParse(base[name]).success).toBe(true);
      const typo = name === 'synthetic' ? 'compound' : 'minPositive';
      expect(() => parseOptions(`dataset "${name}"`, plugin.options, { ...base[name], [typo]: 100 })).toThrow(
        new RegExp(
          `invalid options for dataset "${name}":\\n.*unknown option "${typo}" \\(did you mean "${typo}s"\\?\\); valid options: .*${typo}s`,
        ),
      );
    });
  }

  it('message: several keys, lookalikes by case or prefix only', () => {
    expect(unknownOptionsMessage(['Top', 'zz', 'min'], ['top', 'minLabels', 'minPositives'])).toBe(
      'unknown options "Top" (did you mean "top"?), "zz", "min" (did you mean "minLabels" or "minPositives"?); valid options: top, minLabels, minPositives',
    );
    // the list follows .extend: it is read from the schema that refuses the key
    const s = strictOptions({ a: z.number().optional() }).extend({ b: z.number().optional() });
    expect(s.safeParse({ c: 1 }).error?.issues[0].message).toBe('unknown option "c"; valid options: a, b');
  });
});
