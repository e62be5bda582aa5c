/**
 * How tag, gradient-cosine and data-lookahead scale with the number of tasks: synthetic data at several K
 * (per-task label counts drawn from [labelsPerTaskMin, labelsPerTask], so some tasks have < 50 labels), each
 * estimator run as `transferbench estimate --json` in a child process under GNU time — wall, CPU-s (user +
 * system, all threads), peak RSS — with the estimator's own CPU-s as it reported it (`cost.cpuMs`: without the
 * process start and the data generation) and the size of the JSON it printed. Prints a Markdown table with the
 * log-log slope of each measure in K (least squares over the K's that finished) and writes the rows as JSON.
 *
 *   cd packages/estimators && npx tsx bench/scale.ts [--tasks 50,200,500,600] [--estimators tag,gradient-cosine,data-lookahead]
 *       [--data k=v,...] [--seed 1] [--timeout-min 30] [--out scale.json]
 *
 * CPU-heavy (tens of minutes at the defaults): run it on a quiet machine and say what else ran.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const argsSchema = z.strictObject({
  tasks: z.array(z.number().int().min(9)).min(1).default([50, 200, 500, 600]),
  estimators: z.array(z.string().min(1)).min(1).default(['tag', 'gradient-cosine', 'data-lookahead']),
  data: z.array(z.string().regex(/^[A-Za-z]+=.+$/, 'expected k=v')).default(['labelsPerTask=400', 'labelsPerTaskMin=20']),
  seed: z.number().int().default(1),
  timeoutMin: z.number().positive().default(30),
  out: z.string().default('scale.json'),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]}: expected a value`);
    raw[key] =
      key === 'tasks'
        ? value.split(',').map(Number)
        : key === 'estimators' || key === 'data'
          ? value.split(',')
          : key === 'seed' || key === 'timeoutMin'
            ? Number(value)
            : value;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

interface Row {
  estimator: string;
  K: number;
  ok: boolean;
  exitCode: number | null;
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  outputMb: number;
  /** the estimator's own cost as it reported it (without process start and data generation) */
  estimatorWallS: number | null;
  estimatorCpuS: number | null;
  probes: number | null;
  error?: string;
}

const cli = fileURLToPath(new URL('../../../apps/bench/bin/transferbench.js', import.meta.url));

function runOne(estimator: string, K: number, o: z.infer<typeof argsSchema>, dir: string): Promise<Row> {
  const out = join(dir, `${estimator}-${K}.json`);
  const timing = join(dir, `${estimator}-${K}.time`);
  const args = [
    '-f',
    '%e %U %S %M',
    '-o',
    timing,
    process.execPath,
    cli,
    'estimate',
    '--dataset',
    'synthetic',
    '--data-opt',
    `tasks=${K}`,
    ...o.data.flatMap((kv) => ['--data-opt', kv]),
    '--estimator',
    estimator,
    '--seed',
    String(o.seed),
    '--json',
  ];
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGTERM'), o.timeoutMin * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(out, Buffer.concat(chunks));
      const [wall, user, sys, rssKb] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      let estimatorWallS: number | null = null,
        estimatorCpuS: number | null = null,
        probes: number | null = null,
        error: string | undefined;
      try {
        const est = JSON.parse(readFileSync(out, 'utf8')) as { cost?: { wallMs?: number; cpuMs?: number; probes?: number } };
        estimatorWallS = est.cost?.wallMs !== undefined ? est.cost.wallMs / 1000 : null;
        estimatorCpuS = est.cost?.cpuMs !== undefined ? est.cost.cpuMs / 1000 : null;
        probes = est.cost?.probes ?? null;
      } catch (err) {
        error = `${(err as Error).message}; stderr: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      }
      resolve({
        estimator,
        K,
        ok: code === 0 && error === undefined,
        exitCode: code,
        wallS: wall,
        cpuS: user + sys,
        peakRssMb: rssKb / 1024,
        outputMb: statSync(out).size / 2 ** 20,
        estimatorWallS,
        estimatorCpuS,
        probes,
        ...(error ? { error } : {}),
      });
    });
  });
}

/** Least-squares slope of log y on log K. */
function slope(points: { K: number; y: number }[]): number | null {
  const p = points.filter((q) => q.y > 0);
  if (p.length < 2) return null;
  const xs = p.map((q) => Math.log(q.K)),
    ys = p.map((q) => Math.log(q.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length,
    my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / sxx;
}

const o = parseArgs(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'tb-scale-'));
const rows: Row[] = [];
console.error(`outputs in ${dir}; data ${o.data.join(', ')}; seed ${o.seed}`);
for (const K of o.tasks) {
  for (const estimator of o.estimators) {
    const row = await runOne(estimator, K, o, dir);
    rows.push(row);
    console.error(
      `${estimator} K=${K}: ${row.ok ? 'ok' : `FAILED (exit ${row.exitCode}) ${row.error ?? ''}`} wall ${row.wallS.toFixed(1)} s, CPU ${row.cpuS.toFixed(1)} s, ` +
        `RSS ${row.peakRssMb.toFixed(0)} MB, output ${row.outputMb.toFixed(2)} MB`,
    );
    writeFileSync(o.out, JSON.stringify({ args: o, rows }, null, 2));
  }
}

const f = (x: number | null, d = 1) => (x === null ? '–' : x.toFixed(d));
console.log('| estimator | K | wall s | CPU s | estimator CPU s | peak RSS MB | output MB | status |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows)
  console.log(
    `| ${r.estimator} | ${r.K} | ${f(r.wallS)} | ${f(r.cpuS)} | ${f(r.estimatorCpuS)} | ${f(r.peakRssMb, 0)} | ${f(r.outputMb, 2)} | ` +
      `${r.ok ? 'ok' : `failed (exit ${r.exitCode})`} |`,
  );
console.log('');
console.log('| estimator | exponent in K: wall | CPU s | estimator CPU s | peak RSS | output size |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const e of o.estimators) {
  const ok = rows.filter((r) => r.estimator === e && r.ok);
  const s = (key: 'wallS' | 'cpuS' | 'estimatorCpuS' | 'peakRssMb' | 'outputMb') =>
    f(slope(ok.flatMap((r) => (r[key] === null ? [] : [{ K: r.K, y: r[key] as number }]))), 2);
  console.log(`| ${e} | ${s('wallS')} | ${s('cpuS')} | ${s('estimatorCpuS')} | ${s('peakRssMb')} | ${s('outputMb')} |`);
}
