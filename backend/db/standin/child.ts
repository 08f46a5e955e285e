/**
 * The stand-in as its own process (forked by ./process.ts): CloudBase's database is another
 * machine, so a bench that runs fifty "function instances" in one process should not also pay
 * the database's CPU there. Controlled over the IPC channel; answers each message with its id.
 */
import { startStandin, type StandinOptions } from './server';

export type ChildRequest =
  | { id: number; op: 'latency'; ms: number }
  | { id: number; op: 'stats' }
  | { id: number; op: 'resetMaxTxOps' }
  | { id: number; op: 'load'; dump: string }
  | { id: number; op: 'close' };

export interface ChildStats {
  started: number;
  committed: number;
  conflicts: number;
  aborted: number;
  waits: number;
  maxTxOps: number;
  requests: Record<string, number>;
  /** CPU the stand-in's process has used so far (user + system, ms). */
  cpuMs: number;
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.env.XIANGYUE_STANDIN_OPTIONS ?? '{}') as StandinOptions;
  const standin = await startStandin(opts);
  const send = (m: object) => process.send?.(m);
  process.on('message', (m: ChildRequest) => {
    try {
      if (m.op === 'latency') standin.setLatencyMs(m.ms);
      else if (m.op === 'resetMaxTxOps') standin.store.stats.maxTxOps = 0;
      else if (m.op === 'load') standin.store.load(m.dump);
      else if (m.op === 'close') {
        void standin.close().then(() => {
          send({ id: m.id, ok: true });
          process.exit(0);
        });
        return;
      }
      const cpu = process.cpuUsage();
      const stats: ChildStats = { ...standin.store.stats, requests: { ...standin.requests }, cpuMs: (cpu.user + cpu.system) / 1000 };
      send({ id: m.id, ok: true, stats });
    } catch (e) {
      send({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  // The parent gone: nothing left to serve.
  process.on('disconnect', () => process.exit(0));
  send({ id: 0, ok: true, url: standin.url });
}

void main();
