/** The tfjs engine: resolves a backend once, then builds `TfjsModel`s synchronously. */
import { modelSpecSchema, parseOptions } from '@transferbench/core';
import type { CsrMatrix, ModelFactory, ModelSpecInput, MultiTaskModel } from '@transferbench/core';
import { type BackendName, resolveBackend } from '../backend.ts';
import { TfjsModel } from './model.ts';

export class TfjsModelFactory implements ModelFactory {
  readonly engine = 'tfjs';
  constructor(
    readonly backend: BackendName,
    private readonly defaults: Partial<ModelSpecInput> = {},
  ) {}

  create(features: CsrMatrix, spec: ModelSpecInput): MultiTaskModel {
    const full = parseOptions('model spec (tfjs engine)', modelSpecSchema, {
      ...this.defaults,
      ...spec,
    });
    return new TfjsModel(features, full, this.backend);
  }
}

export async function loadTfjsFactory(options?: { backend?: string }): Promise<TfjsModelFactory> {
  return new TfjsModelFactory(await resolveBackend(options?.backend));
}
