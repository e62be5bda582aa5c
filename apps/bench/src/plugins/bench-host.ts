/** The plugin host every bench entry point uses: package builtins plus the bench's own reporters. */
import { leaderboardReporter } from '../report/leaderboard-md.ts';
import { PluginHost } from './host.ts';
import type { AnyReporter } from './kinds.ts';

export function createBenchHost(opts: { reporters?: boolean } = {}): Promise<PluginHost> {
  return PluginHost.create({ reporters: opts.reporters === false ? [] : [leaderboardReporter as unknown as AnyReporter] }, opts);
}
