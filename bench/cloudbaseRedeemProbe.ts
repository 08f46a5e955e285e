/**
 * `npx tsx bench/cloudbaseRedeemProbe.ts [n]`: what one `shop.redeem` costs on CloudBase, apart
 * from waiting — n redemptions one at a time in this process (warm, as a busy shop's function
 * instance is) through the production binding and the real SDK against the stand-in (0 ms):
 * its database requests (by action and by collection; inside the transaction `tx:`) and its CPU
 * (median and least of the second half). On CloudBase a call then takes about its sequential
 * round trips × the request latency plus that CPU.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEXES, indexedCollections } from '@backend/db/indexes';
import { C } from '@backend/repos/collections';
import { dispatch } from '@backend/runtime/handler';
import type { Household } from '@domain/org/types';
import type { ApiResult } from '@domain/shared/result';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { seedDemoTown } from '../server/demo/seed';
import { localDeps } from '../server/deps';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');

async function main(n: number): Promise<void> {
  const { startStandinProcess, connectToStandin, disconnectFromStandin } = await import('@backend/db/standin');
  const standin = await startStandinProcess({ collections: [...new Set([...indexedCollections(INDEXES), ...Object.values(C)])], latencyMs: 0 });
  const db = connectToStandin(standin.url);
  const byColl: Record<string, number> = {};
  const wrap = <T extends object>(o: T, name: string): T =>
    new Proxy(o, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'runTransaction') return (fn: (tx: object) => Promise<unknown>, a?: number) => (v as (f: unknown, a?: number) => Promise<unknown>).call(target, (tx: object) => fn(wrap(tx, 'tx')), a);
        return (...args: unknown[]) => {
          const r = (v as (...a: unknown[]) => unknown).apply(target, args);
          const label = prop === 'collection' ? `${name}:${String(args[0])}` : name;
          if (r instanceof Promise) {
            byColl[`${label}.${String(prop)}`] = (byColl[`${label}.${String(prop)}`] ?? 0) + 1;
            return r;
          }
          return typeof r === 'object' && r !== null ? wrap(r, label) : r;
        };
      },
    });
  const counted = wrap(db, 'db');
  const deps = localDeps(counted, mkdtempSync(join(tmpdir(), 'xiangyue-probe-')), { now: () => Date.now() });
  const call = async (openid: string, fn: string, action: string, input: Record<string, unknown> = {}) => {
    const r = (await dispatch((FUNCTIONS as Record<string, unknown>)[fn] as never, { action, ...input }, { openid }, deps)) as ApiResult<unknown>;
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
    return r.data;
  };
  try {
    await seedDemoTown(db, NOW);
    const hh = (await db.collection<Household>(C.households).where({ villageId: 'v-qingshan' }).orderBy('_id', 'asc').limit(1).get()).data[0];
    await call('demo-admin-1', 'shop', 'stockIn', { requestId: 'probe-stock', goodsId: 'goods_qs-01', quantity: 999, costYuan: 999 });
    await db.collection(C.identities).doc('probe-member').set({ personId: hh.headPersonId, boundAt: 0 });
    await call('demo-admin-1', 'ledger', 'adjust', { requestId: 'probe-grant', householdId: hh._id, points: 9000, reason: '压测发放' });
    const cpus: number[] = [];
    let last: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const code = ((await call('probe-member', 'shop', 'myCode')) as { code: string }).code;
      const before = { ...(await standin.stats()).requests };
      for (const k of Object.keys(byColl)) delete byColl[k];
      const c0 = process.cpuUsage();
      await call('demo-clerk-1', 'shop', 'redeem', { requestId: `probe-redeem-${String(i).padStart(4, "0")}`, code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
      const after = (await standin.stats()).requests;
      if (i === n - 1) console.log(`by collection: ${Object.entries(byColl).map(([k, v]) => `${k}×${v}`).join(' ')}`);
      last = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    }
    const tail = cpus.slice(Math.floor(n / 2)).sort((a, b) => a - b);
    console.log(`requests of one redemption: ${Object.values(last).reduce((a, b) => a + b, 0)} ${JSON.stringify(last)}`);
    console.log(`CPU per redemption (warm half, this process): median ${tail[Math.floor(tail.length / 2)].toFixed(1)} ms, min ${tail[0].toFixed(1)} ms`);
  } finally {
    await standin.close();
    disconnectFromStandin();
  }
}

main(Number(process.argv[2] ?? 40)).catch((e) => {
  console.error(e);
  process.exit(1);
});
