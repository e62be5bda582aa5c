/** The plugin host every bench entry point uses: package builtins plus the bench's own reporters. */
import { leaderboardReporter } from '../report/leaderboard-md.ts';
import { PluginHost } from './host.ts';
import type { AnyReporter } from './kinds.ts';

export function createBenchHost(): Promise<PluginHost> {
  return PluginHost.create({ reporters: [leaderboardReporter as unknown as AnyReporter] });
}
