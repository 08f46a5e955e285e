import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { ChildRequest, ChildStats } from './child';
import type { StandinOptions } from './server';

/** The stand-in running in a child process (./child.ts), driven from here. */
export interface StandinProcess {
  readonly url: string;
  setLatencyMs(ms: number): Promise<void>;
  stats(): Promise<ChildStats>;
  resetMaxTxOps(): Promise<void>;
  /** Bulk-loads an EJSON dump (by collection) as committed documents (Store.load). */
  load(dump: string): Promise<void>;
  close(): Promise<void>;
}

type Answer = { id: number; ok: boolean; url?: string; stats?: ChildStats; error?: string };
type Body<R> = R extends ChildRequest ? Omit<R, 'id'> : never;

/** Forks the stand-in (TypeScript through tsx, as the bench itself runs) and waits for its URL. */
export interface StandinProcessOptions extends StandinOptions {
  /**
   * The stand-in's scheduling priority (nice, -20…19): CloudBase's database is another machine,
   * which a bench running many function instances on a few cores must not starve.
   */
  priority?: number;
  /** CPUs the stand-in runs on (Linux `taskset`); the others are left to the function instances. */
  cpus?: readonly number[];
}

export async function startStandinProcess(opts: StandinProcessOptions = {}): Promise<StandinProcess> {
  const child: ChildProcess = fork(join(__dirname, 'child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, XIANGYUE_STANDIN_OPTIONS: JSON.stringify(opts) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<string>((resolve, reject) => {
    waiting.set(0, { resolve: (a) => resolve(a.url ?? ''), reject });
  });
  child.on('message', (a: Answer) => {
    const w = waiting.get(a.id);
    if (!w) return;
    waiting.delete(a.id);
    if (a.ok) w.resolve(a);
    else w.reject(new Error(a.error ?? 'stand-in error'));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`stand-in process exited (${code})`));
    waiting.clear();
  });
  const ask = (body: Body<ChildRequest>): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.send({ ...body, id });
    });
  const url = await ready;
  if (opts.priority !== undefined && child.pid !== undefined) {
    try {
      setPriority(child.pid, opts.priority);
    } catch {
      // Not allowed (raising a priority needs privileges): the stand-in shares the CPU evenly.
    }
  }
  if (opts.cpus && child.pid !== undefined) pinToCpus(child.pid, opts.cpus);
  return {
    url,
    setLatencyMs: async (ms) => void (await ask({ op: 'latency', ms })),
    stats: async () => (await ask({ op: 'stats' })).stats as ChildStats,
    resetMaxTxOps: async () => void (await ask({ op: 'resetMaxTxOps' })),
    load: async (dump) => void (await ask({ op: 'load', dump })),
    close: async () => {
      if (child.exitCode !== null) return;
      await ask({ op: 'close' }).catch(() => undefined);
    },
  };
}

/**
 * Pins a process to `cpus` (Linux `taskset`, part of util-linux); where that is missing or not
 * allowed, the process keeps every CPU (a bench then measures a busier machine, nothing worse).
 */
export function pinToCpus(pid: number, cpus: readonly number[]): void {
  try {
    execFileSync('taskset', ['-pc', cpus.join(','), String(pid)], { stdio: 'ignore' });
  } catch {
    // No taskset, or not allowed: left unpinned.
  }
}
