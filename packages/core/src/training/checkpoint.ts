/**
 * Checkpoints of a model's parameters during training (the best epoch, a task's best epoch): the engine's flat
 * copy when it has one (`snapshotAll`, written into a previous checkpoint's memory when one is handed back), else
 * getWeights/setWeights. A training of a small task takes up to 2 checkpoints an epoch; as fresh per-tensor
 * arrays (2 MB at the default shape) their allocation and collection cost about a fifth of its time.
 */
import type { ModelWeights, MultiTaskModel } from '../contracts/model.ts';

export type Checkpoint = Float32Array | ModelWeights;

/** The model's parameters now; `reuse` (a checkpoint of this model no longer needed) may be overwritten. */
export function saveCheckpoint(model: MultiTaskModel, reuse?: Checkpoint): Checkpoint {
  if (!model.snapshotAll) return model.getWeights();
  return model.snapshotAll(reuse instanceof Float32Array ? reuse : undefined);
}

export function loadCheckpoint(model: MultiTaskModel, checkpoint: Checkpoint): void {
  if (checkpoint instanceof Float32Array) {
    if (!model.restoreAll) throw new Error(`loadCheckpoint: engine "${model.engine}" has no restoreAll for a flat checkpoint`);
    model.restoreAll(checkpoint);
  } else model.setWeights(checkpoint);
}
