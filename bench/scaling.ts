/**
 * How a batch job grows from 10,000 to 20,000 households. The goal is judged on the process's
 * CPU time: PGlite runs inside this process, so that is the work itself, while the wall time
 * also counts whatever else the (shared) machine is doing; both are printed.
 */
export interface Timing {
  seconds: number;
  cpu: number;
}

/** Twice the households may cost at most this much more (linear = ×2.00). */
export const SCALING_GOAL = 2.2;

/** CPU seconds (user + system) of this process since `from`. */
export function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

export function scalingLine(what: string, a: Timing, b: Timing): string {
  const cpu = b.cpu / a.cpu;
  return (
    `${what} scaling 10,000 → 20,000 households: ×${cpu.toFixed(2)} cpu (wall ×${(b.seconds / a.seconds).toFixed(2)}) ` +
    `(goal ≤ ×${SCALING_GOAL.toFixed(1)}: ${cpu <= SCALING_GOAL ? 'met' : 'NOT met'})`
  );
}
