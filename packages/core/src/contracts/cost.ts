/**
 * Cost of an estimate: what it spent, in units that compare across estimators and machines.
 * Estimators count trainings, probes and sample-passes themselves; wall and CPU time and peak RSS
 * are measured by the meter (and independently by the bench app around each trial).
 */
import { z } from 'zod';

export const costSchema = z.object({
  wallMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative(),
  peakRssMb: z.number().nonnegative(),
  /** full model trainings (fit runs) */
  trainings: z.number().int().nonnegative(),
  /** lookahead / probe evaluations */
  probes: z.number().int().nonnegative(),
  /** samples × forward+backward passes (a forward-only pass counts one half) */
  samplePasses: z.number().nonnegative(),
  /** estimated floating-point operations, 0 when unknown */
  flops: z.number().nonnegative(),
});
export type Cost = z.infer<typeof costSchema>;

export class CostMeter {
  private readonly wall0 = performance.now();
  private readonly cpu0 = process.cpuUsage();
  private peakRss = process.memoryUsage.rss();
  trainings = 0;
  probes = 0;
  samplePasses = 0;
  flops = 0;

  addTraining(samplePasses: number, flops = 0): void {
    this.trainings++;
    this.samplePasses += samplePasses;
    this.flops += flops;
    this.sampleRss();
  }

  addProbes(count: number, samplePasses: number, flops = 0): void {
    this.probes += count;
    this.samplePasses += samplePasses;
    this.flops += flops;
  }

  addSamplePasses(samplePasses: number, flops = 0): void {
    this.samplePasses += samplePasses;
    this.flops += flops;
  }

  sampleRss(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }

  snapshot(): Cost {
    this.sampleRss();
    const cpu = process.cpuUsage(this.cpu0);
    return {
      wallMs: performance.now() - this.wall0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: this.peakRss / 2 ** 20,
      trainings: this.trainings,
      probes: this.probes,
      samplePasses: this.samplePasses,
      flops: this.flops,
    };
  }
}

/** FLOPs of one forward+backward pass of the default net on one sample with `nnz` active bits. */
export function samplePassFlops(nnz: number, hidden: number, tasks: number): number {
  // forward: gather-sum nnz·h, head 2·h·K; backward ≈ 2× forward
  return 3 * (nnz * hidden + 2 * hidden * tasks);
}
