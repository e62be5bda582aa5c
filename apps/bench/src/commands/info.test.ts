import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engines } from '@transferbench/models';
import { gitState, packageVersions } from '../environment.ts';
import { formatInfo, gatherInfo } from './info.ts';

describe('info', () => {
  it('reports versions, machine, git state and each engine with its backend', async () => {
    const r = await gatherInfo();
    expect(r.packages['@transferbench/models']).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.packages['@tensorflow/tfjs']).toBe('4.22.0');
    expect(r.node).toBe(process.version);
    expect(r.cpu.count).toBeGreaterThan(0);
    expect(r.git.sha === null || /^[0-9a-f]{40}$/.test(r.git.sha)).toBe(true);
    expect(r.engines.map((e) => e.name)).toEqual(engines.map((e) => e.name));
    expect(['wasm', 'tensorflow']).toContain(r.engines.find((e) => e.name === 'tfjs')?.backend);
    expect(formatInfo(r)).toMatch(/engines\n {2}tfjs\s+backend (wasm|tensorflow)/);
  });

  it('reads workspace package versions and tolerates a directory without git', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tb-info-'));
    mkdirSync(join(root, 'packages', 'a'), { recursive: true });
    writeFileSync(join(root, 'packages', 'a', 'package.json'), JSON.stringify({ name: '@x/a', version: '1.2.3' }));
    mkdirSync(join(root, 'packages', 'not-a-package'));
    expect(packageVersions(root)).toEqual({ '@x/a': '1.2.3' });
    expect(await gitState(root)).toEqual({ sha: null, dirty: null });
  });
});
