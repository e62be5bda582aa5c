/** Options shared by the file-based dataset plugins: task selection + label-permuted controls + featurization + cache switch. */
import { z } from 'zod';
import { taskSelectionSchema } from './select-tasks.ts';
import { buildOptionsSchema } from './build-dataset.ts';
import { permutedControlsSchema } from './permuted-controls.ts';

export const fileDatasetOptionsSchema = taskSelectionSchema
  .extend(buildOptionsSchema.shape)
  .extend(permutedControlsSchema.shape)
  .extend({
    /** false = do not read or write the on-disk fingerprint cache */
    cache: z.boolean().default(true),
  });
