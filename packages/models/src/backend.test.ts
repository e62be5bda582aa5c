import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { engines, loadEngine } from './index.ts';
import { parseBackendName, resolveBackend } from './backend.ts';

function hasTfjsNode(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('backend resolution', () => {
  it('names the choices for an unknown backend or engine', async () => {
    expect(() => parseBackendName('gpu')).toThrow(/unknown tfjs backend "gpu": expected one of tensorflow, wasm, cpu/);
    expect(parseBackendName('node')).toBe('tensorflow');
    await expect(loadEngine('tfjs', { backend: 'gpu' })).rejects.toThrow(/expected one of tensorflow, wasm, cpu/);
    await expect(loadEngine('nope')).rejects.toThrow(
      new RegExp(`unknown engine "nope": expected one of ${engines.map((e) => e.name).join(', ')}`),
    );
  });

  it('prefers tfjs-node, then wasm; tfjs-node stays optional', async () => {
    const native = hasTfjsNode();
    expect(await resolveBackend()).toBe(native ? 'tensorflow' : 'wasm');
    if (native) expect(await resolveBackend('tensorflow')).toBe('tensorflow');
    else await expect(resolveBackend('tensorflow')).rejects.toThrow(/tfjs-node installed\? it is optional/);
  });

  it('an explicit backend overrides the default', async () => {
    const f = await loadEngine('tfjs', { backend: 'cpu' });
    expect(f.backend).toBe('cpu');
  });
});
