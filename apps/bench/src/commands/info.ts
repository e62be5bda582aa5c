/**
 * `transferbench info [--json]`: package versions, Node, CPU, platform, git state, and every engine
 * with the backend it resolves to on this machine.
 */
import type { Command } from 'commander';
import type { Environment } from '@transferbench/core';
import { captureEnvironment, engineBackends, type EngineBackend } from '../environment.ts';

export type InfoReport = Omit<Environment, 'engine'> & { engines: EngineBackend[] };

export async function gatherInfo(): Promise<InfoReport> {
  const { engine: _none, ...env } = await captureEnvironment(null);
  return { ...env, engines: await engineBackends() };
}

export function formatInfo(r: InfoReport): string {
  const width = Math.max(...Object.keys(r.packages).map((k) => k.length));
  const git = r.git.sha
    ? `${r.git.sha}${r.git.dirty ? ' (dirty)' : r.git.dirty === null ? ' (status unknown)' : ''}`
    : 'not a git checkout';
  const lines = [
    `node      ${r.node}`,
    `platform  ${r.platform} ${r.arch}`,
    `cpu       ${r.cpu.model} × ${r.cpu.count}${r.totalMemoryMb !== undefined ? `, ${r.totalMemoryMb} MB RAM` : ''}`,
    `git       ${git}`,
    'packages',
    ...Object.entries(r.packages).map(([name, v]) => `  ${name.padEnd(width)}  ${v}`),
    'engines',
    ...r.engines.map((e) => `  ${e.name.padEnd(6)} backend ${e.backend ?? `unavailable: ${e.error}`}  — ${e.description}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Show versions, Node, CPU, platform, git state and the backend each engine resolves to')
    .option('--json', 'print one JSON object', false)
    .action(async (opts: { json?: boolean }) => {
      const report = await gatherInfo();
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatInfo(report));
    });
}
