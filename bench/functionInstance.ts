/**
 * One function instance of the CloudBase-faithful bench (forked by ./functionInstances.ts): a
 * deployed function bundle (what `npm run build:functions` uploads) `require`d as CloudBase's
 * runtime does, in a process whose environment is a function container's pointing the SDK at
 * the stand-in. Like a CloudBase instance it serves one call at a time; the caller's OPENID
 * reaches the SDK the way the platform passes it (`WX_OPENID`, named in `WX_CONTEXT_KEYS`).
 */
import { readFileSync } from 'node:fs';
import type { ApiResult } from '@domain/shared/result';

export interface InstanceCall {
  id: number;
  openid: string;
  event: Record<string, unknown>;
}

export interface InstanceAnswer {
  id: number;
  result?: ApiResult<unknown>;
  /** The call's duration inside the instance, the CPU it used, and how long it waited for one. */
  ms?: number;
  cpuMs?: number;
  queuedMs?: number;
}

/**
 * How long this process's main thread has been runnable but waiting for a CPU (Linux
 * /proc/self/schedstat, ns → ms); 0 where the kernel does not say. On CloudBase an instance has
 * its CPU to itself: this wait is the test machine's, not the function's.
 */
function queuedMs(): number {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6 || 0;
  } catch {
    return 0;
  }
}

type Main = (event: Record<string, unknown>, context: object) => Promise<ApiResult<unknown>>;

function main(): void {
  const bundle = process.env.XIANGYUE_INSTANCE_BUNDLE;
  if (!bundle) throw new Error('XIANGYUE_INSTANCE_BUNDLE is not set');
  // The bundle's own require of @cloudbase/node-sdk resolves through NODE_PATH (set by the pool).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = (require(bundle) as { main: Main }).main;
  const send = (a: InstanceAnswer): void => void process.send?.(a);
  process.on('message', (m: InstanceCall) => {
    process.env.WX_OPENID = m.openid;
    const cpu0 = process.cpuUsage();
    const queued0 = queuedMs();
    const t0 = performance.now();
    fn(m.event, {}).then(
      (result) => {
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        send({ id: m.id, result, ms, cpuMs: (cpu.user + cpu.system) / 1000, queuedMs: queuedMs() - queued0 });
      },
      (e: unknown) => send({ id: m.id, result: { ok: false, code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  send({ id: 0 });
}

main();
