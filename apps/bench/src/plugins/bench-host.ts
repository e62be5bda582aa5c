/**
 * The plugin host every bench entry point uses: package builtins (reporters — the Markdown `leaderboard`
 * the run always writes among them — come from @transferbench/reporters).
 */
import { PluginHost } from './host.ts';

export function createBenchHost(opts: { reporters?: boolean } = {}): Promise<PluginHost> {
  return PluginHost.create({}, opts);
}
