import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { functionContainerEnv, pinToCpus } from '@backend/db/standin';
import type { ApiResult } from '@domain/shared/result';
import { bundleFunction } from '../scripts/bundleFunction';
import type { InstanceAnswer, InstanceCall } from './functionInstance';

/**
 * Function instances of one cloud function, each its own process (./functionInstance.ts) running
 * the function's deployed bundle against the stand-in at `url`: on CloudBase every simultaneous
 * call gets an instance of its own, so its SDK work (signing, a connection per request) never
 * queues behind another call's in one event loop.
 */
export interface FunctionInstances {
  readonly size: number;
  /** Runs one call on instance `i` (one at a time per instance); its time, CPU and wait for a CPU inside the instance. */
  call(i: number, openid: string, event: Record<string, unknown>): Promise<InstanceResult>;
  close(): void;
}

export interface InstanceResult {
  result: ApiResult<unknown>;
  ms: number;
  cpuMs: number;
  queuedMs: number;
}

const root = resolve(__dirname, '..');

export async function startFunctionInstances(fn: string, url: string, size: number, cpus?: readonly number[]): Promise<FunctionInstances> {
  const dir = mkdtempSync(join(tmpdir(), `xiangyue-bench-fn-${fn}-`));
  await bundleFunction(fn, dir);
  const env = {
    ...process.env,
    ...functionContainerEnv(url),
    // What the platform passes per call: the caller's OPENID (set by the instance for each call).
    WX_CONTEXT_KEYS: 'WX_OPENID',
    XIANGYUE_INSTANCE_BUNDLE: join(dir, 'index.js'),
    // CloudBase installs the SDK beside the bundle; here it is the repository's.
    NODE_PATH: join(root, 'node_modules'),
  };
  const children: ChildProcess[] = [];
  const waiting = new Map<number, (a: InstanceAnswer) => void>();
  let next = 1;
  const spawnOne = (): Promise<ChildProcess> =>
    new Promise((ready, failed) => {
      const child = fork(join(__dirname, 'functionInstance.ts'), [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      if (cpus && child.pid !== undefined) pinToCpus(child.pid, cpus);
      child.on('message', (a: InstanceAnswer) => {
        if (a.id === 0) return ready(child);
        waiting.get(a.id)?.(a);
        waiting.delete(a.id);
      });
      child.once('exit', (code) => {
        failed(new Error(`function instance exited (${code})`));
        for (const answer of waiting.values()) answer({ id: 0, result: { ok: false, code: 'INTERNAL', message: `function instance exited (${code})` } });
      });
    });
  // A few at a time: each start loads tsx, the SDK and the bundle.
  for (let i = 0; i < size; i += 4) children.push(...(await Promise.all(Array.from({ length: Math.min(4, size - i) }, spawnOne))));
  return {
    size,
    call: (i, openid, event) =>
      new Promise((done) => {
        const id = next++;
        waiting.set(id, (a) => done({ result: a.result ?? { ok: false, code: 'INTERNAL', message: 'no answer' }, ms: a.ms ?? 0, cpuMs: a.cpuMs ?? 0, queuedMs: a.queuedMs ?? 0 }));
        const call: InstanceCall = { id, openid, event };
        children[i % children.length].send(call);
      }),
    close: () => {
      for (const c of children) c.kill();
    },
  };
}
