/**
 * Whether a process id names a running process. `kill(pid, 0)` alone also succeeds for a zombie (a process
 * that has exited but whose parent has not yet collected it — slow when it was re-parented to an init that
 * reaps lazily), so on Linux the state letter in /proc/<pid>/stat is read as well.
 */
import { readFileSync } from 'node:fs';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // "pid (comm) S …": the state follows the last ")" (comm may contain spaces and parentheses)
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).charAt(0));
  } catch {
    return true; // no /proc (not Linux): trust kill(pid, 0)
  }
}
