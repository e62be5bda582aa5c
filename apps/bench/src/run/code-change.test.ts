/**
 * `--resume` across code versions: a run computed by code "aaa" refuses to resume under code "bbb" (nothing
 * appended), resumes under "aaa" as before, and with allowCodeChange resumes and shows both hashes in
 * summary.json and the leaderboard. Runs in-process with injected code hashes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSummary } from '@transferbench/core';
import { runSuite, type RunOptions } from './run-suite.ts';
import { checkResumeCode, trialCodeHashes } from './code-version.ts';
import { createBenchHost } from '../plugins/bench-host.ts';
import { InProcessRunner } from '../trial/in-process-runner.ts';
import { readResultLog } from '../store/jsonl-log.ts';
import { readRunFile, resultFiles } from '../store/results-dir.ts';
import { tempDir, writeSuite } from '../testing/suite-files.ts';

const suite = {
  name: 'code-change',
  datasets: [{ plugin: 'tiny-planted' }],
  estimators: [{ plugin: 'test-signal', budgets: [{ name: 'quiet', options: { noise: 0.1 } }] }],
  seeds: [1, 2],
  truth: { source: 'oracle', estimator: 'test-oracle' },
  engine: { name: 'none' },
};

describe('resume across code versions', () => {
  it('refuses other code, resumes the same code, and with allowCodeChange resumes and reports the mix', async () => {
    const dir = tempDir();
    const host = await createBenchHost();
    const base: RunOptions = { runner: () => new InProcessRunner(host), log: () => {} };
    const first = await runSuite({ ...base, suiteFile: writeSuite(dir, suite), out: join(dir, 'out'), codeHash: 'aaa' });
    expect(first.status).toBe('complete');
    expect(first.planned).toBe(3); // truth + 2 seeds
    const files = resultFiles(first.dir);
    expect(readRunFile(first.dir).codeHash).toBe('aaa');
    expect(readResultLog(files.trials).sessions.map((s) => s.codeHash)).toEqual(['aaa']);
    const before = readFileSync(files.trials, 'utf8');

    await expect(runSuite({ ...base, resume: first.dir, codeHash: 'bbb' })).rejects.toThrow(
      new RegExp(`${first.dir}.*computed by code aaa, but the code here hashes to bbb[^]*start a new run[^]*--allow-code-change`, 'i'),
    );
    expect(readFileSync(files.trials, 'utf8')).toBe(before);

    const same = await runSuite({ ...base, resume: first.dir, codeHash: 'aaa' });
    expect(same).toMatchObject({ status: 'complete', skipped: 3, ran: 0 });
    // the "aaa" resume ran nothing, so the leaderboard still shows one code version
    expect(readFileSync(files.leaderboard, 'utf8')).not.toMatch(/code versions/);

    // a trial lost (as if it had failed to finish) gives the allowed "bbb" resume something to compute
    const lines = readFileSync(files.trials, 'utf8').trimEnd().split('\n');
    const lastTrial = lines.findLastIndex((l) => JSON.parse(l).type === 'trial');
    writeFileSync(files.trials, `${lines.filter((_, i) => i !== lastTrial).join('\n')}\n`);

    const logs: string[] = [];
    const mixed = await runSuite({ ...base, resume: first.dir, codeHash: 'bbb', allowCodeChange: true, log: (l) => logs.push(l) });
    expect(mixed).toMatchObject({ status: 'complete', skipped: 2, ran: 1 });
    expect(logs.some((l) => /^warning: --allow-code-change: .*code bbb; its trials were computed by code aaa/.test(l))).toBe(true);
    const summary = JSON.parse(readFileSync(files.summary, 'utf8')) as BenchSummary;
    expect(summary.sessions.map((s) => [s.codeHash, s.trials])).toEqual([
      ['aaa', 2],
      ['aaa', 0],
      ['bbb', 1],
    ]);
    const board = readFileSync(files.leaderboard, 'utf8');
    expect(board).toContain("> **Warning — this run's trials were computed by 2 code versions: aaa (2 trials), bbb (1 trials)");
    expect(board).toMatch(/\*\*sessions\*\*: .* @ [^;]*, code aaa; .*, code aaa; .*, code bbb/);

    // now trials of both "aaa" and "bbb": even "aaa" needs the flag
    await expect(runSuite({ ...base, resume: first.dir, codeHash: 'aaa' })).rejects.toThrow(
      /computed by code bbb, but the code here hashes to aaa/,
    );
  });

  it('treats sessions without a recorded hash as unknown and ignores sessions that recorded no trials', () => {
    const session = (sessionId: string, codeHash?: string) => ({ sessionId, ...(codeHash ? { codeHash } : {}) }) as never;
    const trial = (sessionId: string) => ({ sessionId }) as never;
    const sessions = [session('old'), session('empty', 'zzz'), session('new', 'aaa')];
    expect(trialCodeHashes(sessions, [trial('old'), trial('new')])).toEqual([null, 'aaa']);
    expect(() => checkResumeCode('results/x', sessions, [trial('old')], 'aaa', false)).toThrow(
      /results\/x: its trials were computed by code unknown \(not recorded.*hashes to aaa.*--allow-code-change/s,
    );
    expect(checkResumeCode('results/x', sessions, [trial('old')], 'aaa', true)).toMatch(/^warning: .*code unknown/);
    expect(checkResumeCode('results/x', sessions, [trial('new')], 'aaa', false)).toBeNull();
  });
});
