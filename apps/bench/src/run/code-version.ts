/**
 * Resume guard: a trial id hashes the configuration, not the code, so resuming after the code changed would
 * silently mix numbers from two code versions in one leaderboard. Only sessions that recorded trials count
 * (a session that ran nothing computed nothing); a session without a recorded hash (a run from before
 * hashes were recorded) counts as "unknown", which never matches.
 */
import type { SessionRecord, TrialRecord } from '@transferbench/core';

export class CodeChangeError extends Error {
  override readonly name = 'CodeChangeError';
}

const label = (h: string | null) => h ?? 'unknown (not recorded: the run predates code hashes)';

/** Code hashes (null = unknown) of the sessions that recorded at least one trial, in session order, distinct. */
export function trialCodeHashes(sessions: readonly SessionRecord[], history: readonly TrialRecord[]): (string | null)[] {
  const withTrials = new Set(history.map((t) => t.sessionId));
  return [...new Set(sessions.filter((s) => withTrials.has(s.sessionId)).map((s) => s.codeHash ?? null))];
}

/**
 * Throws a CodeChangeError when earlier trials of the run in `dir` came from code other than `current`,
 * unless `allow`; then returns the warning to log. Null when every earlier trial ran this code.
 */
export function checkResumeCode(
  dir: string,
  sessions: readonly SessionRecord[],
  history: readonly TrialRecord[],
  current: string,
  allow: boolean,
): string | null {
  const earlier = trialCodeHashes(sessions, history);
  const other = earlier.filter((h) => h !== current);
  if (!other.length) return null;
  const versions = new Set([...earlier, current]).size;
  const was = `its trials were computed by code ${other.map(label).join(', ')}`;
  if (!allow) {
    throw new CodeChangeError(
      `--resume ${dir}: ${was}, but the code here hashes to ${current}; resuming would mix results of ${versions} code versions in one leaderboard.\n` +
        `  Start a new run instead (\`transferbench run <suite>\`), or pass --allow-code-change to resume anyway (the reports will then state the mix).`,
    );
  }
  return `warning: --allow-code-change: resuming ${dir} with code ${current}; ${was}: its results may mix ${versions} code versions (summary.json lists each session's code hash)`;
}
