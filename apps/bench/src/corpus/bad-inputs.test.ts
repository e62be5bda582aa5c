/**
 * Runs the bad-input corpus (bad-inputs.ts): every row must end with its exit code and a message naming the
 * file, field or flag and the expected form, with no stack trace, and (for refused runs) no results folder.
 * In-process rows call the commander program directly (no process start-up: the corpus stays fast on a busy
 * machine); `process` rows spawn the real CLI, concurrently; `trial` rows run one trial through executeTrial.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { makeTrialJob } from '@transferbench/core';
import { buildProgram } from '../program.ts';
import { runSuite } from '../run/run-suite.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import type { PluginHost } from '../plugins/host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { executeTrial } from '../trial/execute.ts';
import { tempDir } from '../testing/suite-files.ts';
import { HOSTILE_PLUGINS } from '../testing/processes.ts';
import { cliCases, PLACEHOLDERS, tiny, trialCases, type CliCase } from './bad-inputs.ts';

const BIN = fileURLToPath(new URL('../../bin/transferbench.js', import.meta.url));
const STACK = /\n\s+at .+:\d+:\d+\)?(\n|$)/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let host: PluginHost;
let finishedRun: string;

beforeAll(async () => {
  host = await createBenchHost();
  await host.addPluginFile(PLACEHOLDERS.$TEST);
  await host.addPluginFile(HOSTILE_PLUGINS);
  // one finished results folder; rows that need one get their own copy ($RUN)
  const dir = tempDir('tb-corpus-run-');
  const suiteFile = join(dir, 'suite.yaml');
  writeFileSync(suiteFile, stringify(tiny({ plugins: [PLACEHOLDERS.$TEST] })));
  const out = await runSuite({ suiteFile, out: join(dir, 'out'), runner: () => new InProcessRunner(host), log: () => {} });
  finishedRun = out.dir;
});

interface Prepared {
  args: string[];
  dir: string;
  runDir: string;
  expect: RegExp;
}

function prepare(c: CliCase): Prepared {
  const dir = tempDir(`tb-corpus-${c.id}-`);
  const runDir = join(dir, 'run');
  const vars: Record<string, string> = { ...PLACEHOLDERS, $DIR: dir, $RUN: runDir };
  const fill = (s: string) => s.replace(/\$[A-Z]+/g, (v) => vars[v] ?? v);
  const deep = (v: unknown): unknown =>
    typeof v === 'string'
      ? fill(v)
      : Array.isArray(v)
        ? v.map(deep)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
          : v;
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    const body =
      typeof content === 'string' ? fill(content) : name.endsWith('.json') ? JSON.stringify(deep(content)) : stringify(deep(content));
    writeFileSync(file, body);
  }
  if (c.args.some((a) => a.includes('$RUN')) || c.mutate) {
    cpSync(finishedRun, runDir, { recursive: true });
    c.mutate?.(runDir);
  }
  const source = c.message.source.replace(/\\\$[A-Z]+/g, (v) => (vars[v.slice(1)] !== undefined ? escape(vars[v.slice(1)]) : v));
  return { args: c.args.map(fill), dir, runDir, expect: new RegExp(source, c.message.flags) };
}

/** The CLI's action in this process, its output captured: what cli.ts would print, and the exit code. */
async function inProcess(args: string[]): Promise<{ exit: number; output: string }> {
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const saved = { err: process.stderr.write, out: process.stdout.write, code: process.exitCode };
  process.stderr.write = capture as typeof process.stderr.write;
  process.stdout.write = capture as typeof process.stdout.write;
  process.exitCode = undefined;
  let exit = 0;
  try {
    await buildProgram().parseAsync(['node', 'transferbench', ...args]);
    exit = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    chunks.push(`transferbench: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof Error && err.stack) chunks.push(`[stack, not printed by the CLI]`);
    exit = 1;
  } finally {
    process.stderr.write = saved.err;
    process.stdout.write = saved.out;
    process.exitCode = saved.code;
  }
  return { exit, output: chunks.join('').replace(/\n?\[stack, not printed by the CLI\]/, '') };
}

function check(c: CliCase, p: Prepared, exit: number, output: string): void {
  expect(output, `${c.id}: message`).toMatch(p.expect);
  expect(exit, `${c.id}: exit code\n${output}`).toBe(c.exit);
  expect(output, `${c.id}: a stack trace`).not.toMatch(STACK);
  // a refused run writes no results folder
  if (c.exit !== 0 && c.args[0] === 'run') {
    const out = join(p.dir, 'out');
    expect(existsSync(out) ? readdirSync(out) : [], `${c.id}: results folder written`).toEqual([]);
  }
}

describe('bad-input corpus', () => {
  it('has at least 60 rows, unique ids, and covers every kind', () => {
    const ids = [...cliCases, ...trialCases].map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set([...cliCases, ...trialCases].map((c) => c.from))).toEqual(new Set(['wrong', 'unclear', 'handled']));
  });

  describe('in-process', () => {
    it.each(cliCases.filter((c) => !c.process).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const p = prepare(c);
      const { exit, output } = await inProcess(p.args);
      check(c, p, exit, output);
      if (c.id === 'estimate-opt-proto') expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if (c.id === 'resume-edited-plugin-path')
        expect(existsSync(join(p.runDir, 'EVIL-RAN')), 'the edited plugin path was imported').toBe(false);
    });
  });

  // each starts the CLI (about 3 s on a quiet machine), all at once
  describe.concurrent('as a process (exit code and stderr as a shell sees them)', { timeout: 60_000 }, () => {
    it.each(cliCases.filter((c) => c.process).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const p = prepare(c);
      const r = await execa(process.execPath, [BIN, ...p.args], { reject: false, env: { TRANSFERBENCH_DEBUG: '' } });
      check(c, p, r.exitCode ?? -1, r.stderr);
    });
  });

  describe('plugin outputs (one trial each): recorded as failed, naming the plugin and the field', () => {
    it.each(trialCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const job = makeTrialJob({
        kind: 'estimate',
        suiteHash: 'corpus',
        seed: 1,
        model: {},
        engine: { name: 'none' },
        plugins: [],
        limits: { timeoutMs: 60_000, memoryMb: 1024 },
        dataset: { id: 'tiny-planted', plugin: 'tiny-planted', options: {}, split: {} },
        estimator: { id: c.estimator, plugin: c.estimator, budget: 'b', options: c.options },
      });
      const logged: string[] = [];
      const outcome = await executeTrial(job, host, { log: (m) => logged.push(m) });
      expect(outcome.status).toBe('failed');
      expect(outcome.failure?.reason).toBe(c.reason);
      expect(outcome.failure?.message).toMatch(c.message);
      expect(outcome.failure?.message).not.toMatch(STACK);
    });

    it('the same estimator without a defect passes (the checks are not over-eager)', async () => {
      const job = makeTrialJob({
        kind: 'estimate',
        suiteHash: 'corpus',
        seed: 1,
        model: {},
        engine: { name: 'none' },
        plugins: [],
        limits: { timeoutMs: 60_000, memoryMb: 1024 },
        dataset: { id: 'tiny-planted', plugin: 'tiny-planted', options: {}, split: {} },
        estimator: { id: 'x', plugin: 'test-bad-output', budget: 'b', options: {} },
      });
      const outcome = await executeTrial(job, host, { log: () => {} });
      expect(outcome.status).toBe('ok');
      expect(outcome.estimate?.contextual?.effect).toHaveLength(6);
    });
  });
});
