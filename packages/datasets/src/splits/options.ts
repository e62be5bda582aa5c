/**
 * Split options shared by every split kind (one flat schema: fields a kind does not use are ignored,
 * e.g. `fold`/`folds` for random splits), validated so errors name the option and the expected form.
 */
import { z } from 'zod';

export const splitKinds = ['random', 'kfold', 'scaffold', 'scaffold-kfold', 'holdout'] as const;

export const splitOptionsSchema = z
  .object({
    kind: z.enum(splitKinds).default('random'),
    seed: z.number().int().default(0),
    /** fraction of compounds in the test part (random and scaffold kinds) */
    testFraction: z.number().gt(0).lt(1).default(0.25),
    /** fraction of compounds in validation: of all compounds (random, scaffold), of the non-test rest (k-fold kinds, holdout) */
    valFraction: z.number().min(0).lt(1).default(0.1),
    /** number of folds (k-fold kinds) */
    folds: z.number().int().min(2).default(10),
    /** which fold is the test part (k-fold kinds), 0-based */
    fold: z.number().int().nonnegative().default(0),
  })
  .superRefine((o, ctx) => {
    if (o.kind === 'random' || o.kind === 'scaffold') {
      if (o.testFraction + o.valFraction >= 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['valFraction'],
          message: `expected testFraction + valFraction < 1 (a non-empty train pool), got ${o.testFraction} + ${o.valFraction}`,
        });
      }
    }
    if (o.fold >= o.folds)
      ctx.addIssue({ code: 'custom', path: ['fold'], message: `expected a fold index in [0, ${o.folds - 1}], got ${o.fold}` });
  });

export type SplitOptions = z.output<typeof splitOptionsSchema>;
export type SplitOptionsInput = z.input<typeof splitOptionsSchema>;
