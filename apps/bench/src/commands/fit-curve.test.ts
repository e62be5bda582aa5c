import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXP3_2, PAIRWISE, Rng, curveValue, fitCurve } from '@transferbench/core';
import { execa } from 'execa';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../program.ts';
import { parseCurveCsv } from './fit-curve-csv.ts';
import { formatFitCurveTable, runFitCurve, type FitCurveReport } from './fit-curve.ts';

const dir = mkdtempSync(join(tmpdir(), 'fit-curve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// EXP3.2 with planted contextual transfer, 3 noisy replicates; columns deliberately not in family order
const rng = new Rng(12);
const truth = [0.9, -0.6, 0.0015, 0.0003];
const rows: number[][] = [];
for (let rep = 0; rep < 3; rep++)
  for (const ni of [100, 250, 500, 1000, 2000])
    for (const ns of [0, 500, 1500, 3000]) rows.push([ns, ni, curveValue(truth, [ni, ns]) + rng.normal(0, 0.01)]);
const exp32File = join(dir, 'exp32.csv');
writeFileSync(exp32File, ['n_sigma,n_i,y', ...rows.map((r) => r.join(','))].join('\n'));

async function runCli(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await buildProgram().parseAsync(['node', 'transferbench', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('transferbench fit-curve', () => {
  it('--json prints the same fit as the core API, with the transfer Wald and F p-values', async () => {
    const report = JSON.parse(await runCli(['fit-curve', '--input', exp32File, '--family', 'exp3.2', '--json'])) as FitCurveReport;
    const direct = fitCurve(
      EXP3_2,
      rows.map((r) => ({ x: [r[1], r[0]], y: r[2] })),
      { restarts: 8, seed: 0 },
    );
    expect(report.converged).toBe(true);
    expect(report.nPoints).toBe(60);
    expect(report.df).toBe(56);
    expect(report.rss).toBeCloseTo(direct.rss, 14);
    expect(report.parameters.map((p) => p.name)).toEqual(['c', 'b', 'a_i', 'a_isigma']);
    report.parameters.forEach((p, k) => {
      expect(p.estimate).toBeCloseTo(direct.values[k], 12);
      expect(p.se).toBeCloseTo(direct.se[p.name]!, 12);
      expect(p.lower!).toBeLessThan(p.estimate!);
    });
    // planted a_iΣ = 3e-4 with noise 0.01: recovered within its CI and clearly significant by both tests
    const a = report.parameters[3];
    expect(a.lower!).toBeLessThan(3e-4);
    expect(a.upper!).toBeGreaterThan(3e-4);
    expect(report.transfer).toHaveLength(1);
    expect(report.transfer[0].name).toBe('a_isigma');
    expect(report.transfer[0].waldPValue!).toBeLessThan(1e-10);
    expect(report.transfer[0].fTest.valid).toBe(true);
    expect(report.transfer[0].fTest.pValue!).toBeLessThan(1e-10);
    expect(report.restarts).toEqual({ attempted: 9, failed: 0, best: expect.any(Number) });
  });

  it('prints a table by default', async () => {
    const out = await runCli(['fit-curve', '--input', exp32File, '--family', 'exp3.2']);
    expect(out).toMatch(/^fit-curve exp3\.2: m = c − exp\(b − a_i·n_i − a_isigma·n_sigma\)/);
    expect(out).toMatch(/^a_isigma\s+\S+\s+\S+\s+\[\S+, \S+\]\s+\S+$/m);
    expect(out).toMatch(/transfer a_isigma: Wald p = \S+; F test \(a_isigma = 0\): F = \S+, df \(1, 56\), p = /);
    expect(out).toMatch(/df 56 .* converged yes {3}restarts 9 \(0 failed\)/);
  });

  it('runs as a process through bin/transferbench.js (noise-free pairwise data recovered)', async () => {
    const file = join(dir, 'pairwise.csv');
    const t = [0.87, -0.8, 0.0016, -0.0002];
    const lines = ['n_i,n_j,y'];
    for (const ni of [150, 400, 900, 2000]) for (const nj of [0, 500, 1000, 2000]) lines.push(`${ni},${nj},${curveValue(t, [ni, nj])}`);
    writeFileSync(file, lines.join('\n'));
    const bin = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));
    const { stdout } = await execa('node', [bin, 'fit-curve', '--input', file, '--family', 'pairwise', '--json']);
    const report = JSON.parse(stdout) as FitCurveReport;
    expect(report.converged).toBe(true);
    report.parameters.forEach((p, k) => expect(Math.abs(p.estimate! / t[k] - 1)).toBeLessThan(1e-4));
  });

  it('reports a failed fit with converged false and the reason', () => {
    const file = join(dir, 'few.csv');
    writeFileSync(file, 'n_i,n_j,y\n100,0,0.5\n200,0,0.6\n400,100,0.7\n');
    const report = runFitCurve({ input: file, family: 'pairwise' });
    expect(report.converged).toBe(false);
    expect(report.reason).toMatch(/too few points: 3 points for 4 parameters/);
    expect(report.transfer[0].fTest).toMatchObject({ valid: false, pValue: null });
    expect(formatFitCurveTable(report)).toMatch(/converged NO.*\nfit failed: too few points/);
  });

  it('validates the header, rows and options with file, line and column in the message', () => {
    expect(() => parseCurveCsv('n,y\n100,0.5\n', PAIRWISE, 'p.csv')).toThrow(
      'p.csv line 1: header "n,y" does not fit family pairwise (missing n_i, n_j; unexpected n); expected n_i,n_j,y',
    );
    expect(() => parseCurveCsv('n_i,n_j,y\n100,0,0.5\n200,x,0.6\n', PAIRWISE, 'p.csv')).toThrow(
      'p.csv line 3, column n_j: "x" is not a finite number',
    );
    expect(() => parseCurveCsv('n_i,n_j,y\n100,0,0.5\n\n200,0\n', PAIRWISE, 'p.csv')).toThrow(
      'p.csv line 4: 2 fields; expected 3 (n_i,n_j,y)',
    );
    expect(() => parseCurveCsv('n_i,n_j,y\n-100,0,0.5\n', PAIRWISE, 'p.csv')).toThrow(/p.csv line 2, column n_i: -100 is negative/);
    expect(() => parseCurveCsv('n_i,n_j,y\n100,0,\n', PAIRWISE, 'p.csv')).toThrow('p.csv line 2, column y: "" is not a finite number');
    expect(() => parseCurveCsv('n_i,n_j,y\n', PAIRWISE, 'p.csv')).toThrow(/no data rows/);
    expect(() => parseCurveCsv('n_i,n_i,y\n1,2,3\n', PAIRWISE, 'p.csv')).toThrow(/duplicated n_i/);
    expect(parseCurveCsv('\uFEFFy,n_j,n_i\r\n0.5,10,20\r\n', PAIRWISE, 'p.csv')).toEqual([{ x: [20, 10], y: 0.5 }]);
    expect(() => runFitCurve({ input: exp32File, family: 'exp4' as 'exp3' })).toThrow(/option --family: .*exp3/);
    expect(() => runFitCurve({ input: exp32File, family: 'exp3.2', restarts: 'x' as unknown as number })).toThrow(/option --restarts/);
    expect(() => runFitCurve({ input: join(dir, 'missing.csv'), family: 'exp3' })).toThrow(
      /missing.csv: cannot read the input file \(ENOENT\)/,
    );
  });
});
