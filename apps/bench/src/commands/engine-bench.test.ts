import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parseEngineBenchOptions, runEngineBench, formatEngineBench } from './engine-bench.ts';

const bin = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));
const tiny = { samples: '300', features: '128', tasks: '3', hidden: '16', epochs: '2', batch: '32', latencySteps: '5', seed: '4' };

describe('engine-bench', () => {
  it('trains the requested shape and reports throughput and step latency', async () => {
    const r = await runEngineBench({ ...tiny, engine: 'tfjs', backend: 'wasm' });
    expect([r.engine, r.backend]).toEqual(['tfjs', 'wasm']);
    expect(r.shape).toEqual({ samples: 300, features: 128, tasks: 3, hidden: 16, batch: 32, density: 0.03, missing: 0.2 });
    expect(r.epochs).toBe(2);
    // rows with no label at all are dropped by the training loop (P = 0.2³ each)
    expect(r.samplePasses).toBeGreaterThan(2 * 300 * 0.97);
    expect(r.samplePasses).toBeLessThanOrEqual(600);
    expect(r.steps).toBe(2 * Math.ceil(r.samplePasses / 2 / 32));
    expect(r.samplesPerSecond).toBeCloseTo(r.samplePasses / r.trainSeconds, 6);
    expect(r.stepLatencyMs.samples).toBe(5);
    expect(r.stepLatencyMs.min).toBeLessThanOrEqual(r.stepLatencyMs.p50);
    expect(r.stepLatencyMs.p50).toBeLessThanOrEqual(r.stepLatencyMs.p99);
    expect(r.stepLatencyMs.mean).toBeGreaterThan(0);
    expect(r.environment.engine).toEqual({ name: 'tfjs', backend: 'wasm' });
    expect(formatEngineBench(r)).toMatch(/throughput\s+\d+ samples\/s/);
  });

  it('rejects bad options naming the option and the expected form', async () => {
    expect(() => parseEngineBenchOptions({ samples: 'many' })).toThrow('option --samples: expected a positive integer, got "many"');
    expect(() => parseEngineBenchOptions({ density: '1.5' })).toThrow('option --density: expected a number in (0, 1], got "1.5"');
    expect(() => parseEngineBenchOptions({ latencySteps: '1' })).toThrow('option --latency-steps: expected an integer ≥ 2, got "1"');
    expect(() => parseEngineBenchOptions({ engine: 'torch' })).toThrow(/option --engine: expected auto or one of tfjs, fast, got "torch"/);
    await expect(runEngineBench({ ...tiny, engine: 'tfjs', backend: 'gpu' })).rejects.toThrow(
      /option --backend: unknown tfjs backend "gpu": expected one of tensorflow, wasm, cpu/,
    );
    await expect(runEngineBench({ ...tiny, backend: 'gpu' })).rejects.toThrow(
      /option --backend: fast engine: backend "gpu": expected one of wasm, js/,
    );
  });

  it('--json prints exactly one JSON object on stdout; the engine is auto (fast) unless named', async () => {
    const out = await execa('node', [
      bin,
      'engine-bench',
      '--samples',
      '200',
      '--features',
      '64',
      '--tasks',
      '2',
      '--hidden',
      '8',
      '--epochs',
      '1',
      '--latency-steps',
      '3',
      '--json',
    ]);
    const report = JSON.parse(out.stdout);
    expect(report.shape.samples).toBe(200);
    expect(typeof report.samplesPerSecond).toBe('number');
    expect(Object.keys(report.stepLatencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p99', 'rme']));
    expect(report.engine).toBe('fast');
    expect(['wasm', 'js']).toContain(report.backend);
  });
});
