/** Shared by the containment and fault tests: the hostile plugin file and a zombie-aware liveness check. */
import { fileURLToPath } from 'node:url';
export { processAlive as alive } from '../process-alive.ts';

export const HOSTILE_PLUGINS = fileURLToPath(new URL('./hostile-plugins.ts', import.meta.url));

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
