/**
 * `npm run bench` (from bench/run.ts), or alone: `npx tsx bench/dashboard.ts`. 镇看板 read
 * (`fund.dashboard`) for a town of 20 villages × 1,000 households on embedded PGlite: every
 * household with a ledger entry and a bound head (`bound`), each village with its 64 + 1 totals shards
 * carrying a year of per-period counters, 12 audit months, 50 events and 20 assessment rows.
 * Goal: < 300 ms for the whole town.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, createPgliteDriver } from '@backend/db/postgres';
import { dispatch } from '@backend/runtime/handler';
import { C } from '@backend/repos/collections';
import { TOTALS_SHARDS } from '@backend/ledger/post';
import { keysOfPeriod } from '@domain/dashboard/activity';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { localDeps } from '../server/deps';
import { bulkInsert, villageDocs, type Driver } from './publicity';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const VILLAGES = 20;
const HOUSEHOLDS = 1000;

/** A year of counters on one shard: every month, quarter and year key of 2026. */
function periods(seed: number): Record<string, { issued: number; redeemed: number; approvedHouseholds: number; redeemingHouseholds: number }> {
  const out: Record<string, { issued: number; redeemed: number; approvedHouseholds: number; redeemingHouseholds: number }> = {};
  for (let m = 1; m <= 12; m++) {
    for (const k of keysOfPeriod(`2026-${String(m).padStart(2, '0')}`)) {
      const cur = out[k] ?? { issued: 0, redeemed: 0, approvedHouseholds: 0, redeemingHouseholds: 0 };
      out[k] = { issued: cur.issued + 40 + seed, redeemed: cur.redeemed + 20, approvedHouseholds: cur.approvedHouseholds + 1, redeemingHouseholds: cur.redeemingHouseholds + ((seed + m) % 3 === 0 ? 1 : 0) };
    }
  }
  return out;
}

export async function benchDashboard(): Promise<void> {
  const driver = (await createPgliteDriver()) as unknown as Driver;
  const schema = 'bench_dashboard';
  const db = new PostgresDatabase(driver as never, { schema });
  await db.ensureCollections();
  const deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-bench-')), { now: () => NOW });
  for (let i = 0; i < VILLAGES; i++) {
    const v = `dv${String(i).padStart(2, '0')}`;
    const docs = villageDocs(v, HOUSEHOLDS);
    for (const h of docs[C.households]) h.bound = true;
    for (const c of [C.villages, C.grids, C.households, C.ledgerEntries, C.balances, C.auditMonths]) await bulkInsert(driver, schema, c, docs[c]);
    // Every household's head, bound (the dashboard reads bound people only), and the village's other people unbound.
    const people = (docs[C.households] as { _id: string }[]).flatMap((h, n) => [
      { _id: `${h._id}-m1`, townId: 'bench-town', villageId: v, householdId: h._id, name: '张三', relation: '户主', roles: [], openid: `o-${h._id}` },
      { _id: `${h._id}-m2`, townId: 'bench-town', villageId: v, householdId: h._id, name: '李四', relation: '配偶', roles: [], openid: n % 4 === 0 ? `o2-${h._id}` : null },
    ]);
    await bulkInsert(driver, schema, C.people, [...people, ...(docs[C.people] as Record<string, unknown>[]).filter((p) => !String(p._id).endsWith('-m1'))]);
    await bulkInsert(driver, schema, C.identities, docs[C.identities]);
    const shards = Array.from({ length: TOTALS_SHARDS }, (_, s) => ({
      _id: `${v}~h${String(s).padStart(2, '0')}`, townId: 'bench-town', villageId: v, moneyInFen: 0, moneyOutFen: 0, stockValueFen: 0, outstandingPoints: 100, pendingPoints: 50, spentPoints: 20, updatedAt: NOW, periods: periods(s),
    }));
    await bulkInsert(driver, schema, C.villageTotals, [...shards, { _id: `${v}~close`, townId: 'bench-town', villageId: v, moneyInFen: 0, moneyOutFen: 0, stockValueFen: 0, outstandingPoints: 0, pendingPoints: 0, spentPoints: 0, updatedAt: NOW, periods: periods(0) }]);
    const events = Array.from({ length: 50 }, (_, e) => ({
      _id: `${v}-e${e}`, townId: 'bench-town', villageId: v, gridId: `${v}-g${e % 10}`, status: e % 3 === 0 ? 'closed' : 'handling', deadlineAt: NOW + (e % 2 === 0 ? -86_400_000 : 86_400_000), createdAt: NOW - 86_400_000, closedAt: null,
    }));
    await bulkInsert(driver, schema, C.gridEvents, events);
    const rows = Array.from({ length: 20 }, (_, w) => ({ _id: `${v}-w${w}-2026-10`, townId: 'bench-town', villageId: v, gridId: `${v}-g${w % 10}`, workerId: `${v}-w${w}`, month: '2026-10', total: 80 + (w % 15) }));
    await bulkInsert(driver, schema, C.assessmentRows, rows);
  }
  const town = 'bench-town-dv00';
  const read = async (period: string) => {
    const r = await dispatch(FUNCTIONS.fund as never, { action: 'dashboard', period }, { openid: town }, deps);
    if (!r.ok) throw new Error(`fund.dashboard: ${r.code} ${r.message}`);
    const d = r.data as { villages: { households: number; boundHouseholds: number }[] };
    if (d.villages.length !== VILLAGES || d.villages[0].households !== HOUSEHOLDS || d.villages[0].boundHouseholds !== HOUSEHOLDS) throw new Error(`dashboard: ${JSON.stringify(d.villages[0]).slice(0, 300)}`);
  };
  await read('2026'); // warm-up
  for (const period of ['2026-11', '2026-Q4', '2026']) {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await read(period);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`fund.dashboard (镇看板) ${period} for ${VILLAGES} villages × ${HOUSEHOLDS.toLocaleString('en')} households (embedded PGlite): p50=${times[5].toFixed(0)}ms max=${times[9].toFixed(0)}ms (goal < 300 ms)`);
  }
  await driver.close();
}

if (process.argv[1]?.endsWith('dashboard.ts')) {
  benchDashboard().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
