/** The `synthetic` dataset plugin: the embedded default data set (no files needed). */
import { defineDataset, parseOptions } from '@transferbench/core';
import { syntheticOptionsSchema } from './options.ts';
import { buildSynthetic } from './generate.ts';

export const syntheticDataset = defineDataset({
  meta: {
    name: 'synthetic',
    version: '1.0.0',
    description:
      'Planted-transfer data: latent chemotypes → sparse binary fingerprints; task families sharing a latent binding ' +
      'function (relatedness ρ), independent tasks and label-permuted controls; the planted truth is in meta.planted.',
  },
  options: syntheticOptionsSchema,
  load: async (options) => buildSynthetic(parseOptions('dataset "synthetic"', syntheticOptionsSchema, options)),
});
