/**
 * PluginHost: the registries the bench resolves names in — datasets, estimators, reporters, engines —
 * filled with the workspace's builtins and then with user plugin files, in that order, so a collision
 * names the user file and the builtin it clashes with. Builtin packages are imported lazily (engines pull
 * in tfjs) and tolerated when absent (packages land in parallel; a missing one just contributes nothing).
 */
import { Registry, type EngineDescriptor, type ReporterPlugin, type ResultsBundle } from '@transferbench/core';
import type { z } from 'zod';
import { optionalImport } from './optional-import.ts';
import { loadPluginFile, type LoadedPluginFile } from './load-plugin-file.ts';
import { validatePlugin } from './validate-plugin.ts';
import type { AnyDataset, AnyEstimator, AnyReporter, EngineEntry, SplitApi } from './kinds.ts';

export interface Registries {
  datasets: Registry<AnyDataset>;
  estimators: Registry<AnyEstimator>;
  reporters: Registry<AnyReporter>;
}

/** Extra builtins (the bench's own reporters, test plugins) registered after the packages' builtins. */
export interface HostExtras {
  datasets?: AnyDataset[];
  estimators?: AnyEstimator[];
  reporters?: AnyReporter[];
  engines?: EngineDescriptor[];
  /** origin shown for the extras in collisions */
  origin?: string;
}

export class PluginHost {
  readonly registries: Registries = {
    datasets: new Registry<AnyDataset>('dataset'),
    estimators: new Registry<AnyEstimator>('estimator'),
    reporters: new Registry<AnyReporter>('reporter'),
  };
  /** user plugin files loaded so far (absolute paths) */
  readonly files: LoadedPluginFile[] = [];
  private engineRegistry?: Registry<EngineEntry>;
  private split?: SplitApi | null;

  private constructor(private readonly extras: HostExtras) {}

  /**
   * Builtins of @transferbench/{datasets,estimators,reporters} plus extras; engines load on first use.
   * `reporters: false` skips the reporters package (trial children never render).
   */
  static async create(extras: HostExtras = {}, opts: { reporters?: boolean } = {}): Promise<PluginHost> {
    const host = new PluginHost(extras);
    const [ds, est, rep] = await Promise.all([
      optionalImport<{ builtinDatasets?: AnyDataset[] }>('@transferbench/datasets', () => import('@transferbench/datasets')),
      optionalImport<{ builtinEstimators?: AnyEstimator[] }>('@transferbench/estimators', () => import('@transferbench/estimators')),
      opts.reporters === false
        ? undefined
        : optionalImport<{ builtinReporters?: ReporterPlugin<ResultsBundle, z.ZodType>[] }>(
            '@transferbench/reporters',
            () => import('@transferbench/reporters'),
          ),
    ]);
    const reg = <P>(registry: Registry<P & { meta: { name: string } }>, list: unknown[] | undefined, origin: string) => {
      for (const p of list ?? []) {
        const checked = validatePlugin(p, `${origin} plugin`).plugin as unknown as P & { meta: { name: string } };
        registry.register(checked, origin);
      }
    };
    reg(host.registries.datasets, ds?.builtinDatasets, '@transferbench/datasets');
    reg(host.registries.estimators, est?.builtinEstimators, '@transferbench/estimators');
    reg(host.registries.reporters, rep?.builtinReporters, '@transferbench/reporters');
    const origin = extras.origin ?? 'transferbench (apps/bench)';
    reg(host.registries.datasets, extras.datasets, origin);
    reg(host.registries.estimators, extras.estimators, origin);
    // the bench's own reporters yield to a package reporter of the same name (e.g. once reporters move there)
    for (const r of extras.reporters ?? []) if (!host.registries.reporters.has(r.meta.name)) host.registries.reporters.register(r, origin);
    host.split =
      ds && typeof (ds as Record<string, unknown>).makeSplit === 'function'
        ? {
            makeSplit: (ds as unknown as SplitApi).makeSplit,
            schema: (ds as Record<string, unknown>).splitOptionsSchema as z.ZodType | undefined,
          }
        : null;
    return host;
  }

  /** Loads a user plugin file and registers what it exports; loading the same file twice is a no-op. */
  async addPluginFile(path: string): Promise<LoadedPluginFile> {
    const loaded = await loadPluginFile(path);
    const known = this.files.find((f) => f.file === loaded.file);
    if (known) return known;
    for (const p of loaded.plugins) {
      if (p.kind === 'estimator') this.registries.estimators.register(p.plugin, loaded.origin);
      else if (p.kind === 'dataset') this.registries.datasets.register(p.plugin, loaded.origin);
      else this.registries.reporters.register(p.plugin, loaded.origin);
    }
    this.files.push(loaded);
    return loaded;
  }

  /** The datasets package's `makeSplit`, or null when that package is not available. */
  splitApi(): SplitApi | null {
    return this.split ?? null;
  }

  /** Engines of @transferbench/models (imported on first call: it loads tfjs) plus extras. */
  async engines(): Promise<Registry<EngineEntry>> {
    if (this.engineRegistry) return this.engineRegistry;
    const registry = new Registry<EngineEntry>('engine');
    const models = await optionalImport<{ engines?: EngineDescriptor[] }>('@transferbench/models', () => import('@transferbench/models'));
    for (const d of models?.engines ?? []) registry.register({ meta: { name: d.name }, descriptor: d }, '@transferbench/models');
    for (const d of this.extras.engines ?? [])
      registry.register({ meta: { name: d.name }, descriptor: d }, this.extras.origin ?? 'transferbench (apps/bench)');
    this.engineRegistry = registry;
    return registry;
  }

  /** `auto` → `fast` when present, else the first engine; `none` stays `none` (estimators that train nothing). */
  async resolveEngineName(name: string): Promise<string> {
    if (name === 'none') return name;
    const registry = await this.engines();
    if (name !== 'auto') return registry.entry(name).plugin.meta.name;
    if (registry.has('fast')) return 'fast';
    const first = registry.names()[0];
    if (!first)
      throw new Error(
        'no model engine available (@transferbench/models exports none); use engine: { name: none } for estimators that train no models',
      );
    return first;
  }
}
