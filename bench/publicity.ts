/**
 * `npm run bench` (from bench/run.ts), or alone: `npx tsx bench/publicity.ts`. 一季一公示 on
 * embedded PGlite for one village of 10,000 and one of 20,000 households: the time to publish
 * the quarter (`publicity.open`: month sums + base scores read, a base-score entry per
 * household, lines in chunks of 200), the 红黑榜 read (`publicity.redBlack`, one document),
 * a page of lines, and the town's approval (pending → redeemable, two entries per household).
 * Goal: publishing < 5 s for 10,000 households, growing linearly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, createPgliteDriver } from '@backend/db/postgres';
import { qualifiedTable } from '@backend/db/postgres/schema';
import { dispatch } from '@backend/runtime/handler';
import type { Deps } from '@backend/runtime/deps';
import { C } from '@backend/repos/collections';
import type { FunctionName } from '@domain/api';
import { auditEntryId, auditMonthId } from '@domain/audit/types';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { localDeps } from '../server/deps';
import { cpuSeconds, scalingLine, type Timing } from './scaling';

const QUARTER = '2026-Q3';
const MONTHS = ['2026-07', '2026-08', '2026-09'];
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const TOWN = 'bench-town';
/** Publishing 10,000 households (more in proportion). */
const OPEN_GOAL_MS = 5000;
/** Reading what a villager opens. */
const READ_GOAL_MS = 300;

export type Driver = { query(sql: string, params?: readonly unknown[]): Promise<unknown>; close(): Promise<void> };

/** Seeding only (not measured): multi-row INSERTs straight into the collection's table. */
export async function bulkInsert(driver: Driver, schema: string, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const chunk = docs.slice(i, i + 500);
    const params: unknown[] = [];
    const values = chunk.map(({ _id, ...doc }) => {
      params.push(_id, JSON.stringify(doc));
      return `($${params.length - 1}, $${params.length}::jsonb)`;
    });
    await driver.query(`INSERT INTO ${qualifiedTable(schema, collection)} (id, doc) VALUES ${values.join(', ')}`, params as never);
  }
}

async function call(deps: Deps, openid: string, fn: FunctionName, action: string, input: Record<string, unknown> = {}): Promise<unknown> {
  const r = await dispatch(FUNCTIONS[fn] as never, { action, ...input }, { openid }, deps);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
  return r.data;
}

/**
 * A village of n households in grids of 100, every household with a base score and, for two
 * of three households, a month entry (pending) posted by the audit — ledger entry and balance
 * consistent, as postToLedger would leave them — and the quarter's three months closed.
 */
export async function seedVillage(db: PostgresDatabase, driver: Driver, schema: string, villageId: string, n: number): Promise<void> {
  const docs = villageDocs(villageId, n);
  for (const c of [C.villages, C.grids, C.households, C.baseScores, C.ledgerEntries, C.balances, C.villageTotals, C.auditMonths]) await bulkInsert(driver, schema, c, docs[c]);
  // People and identities: a few documents, through the database API (their tables are created on first use).
  for (const c of [C.people, C.identities]) for (const { _id, ...doc } of docs[c]) await db.collection(c).doc(String(_id)).set(doc);
}

/** The documents of `seedVillage`, by collection (the CloudBase bench loads them into its stand-in). */
export function villageDocs(villageId: string, n: number): Record<string, Record<string, unknown>[]> {
  const village = [{ _id: villageId, townId: TOWN, name: `压测村${n}`, policy: {} }];
  const grids: Record<string, unknown>[] = [];
  const households: Record<string, unknown>[] = [];
  const scores: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  const balances: Record<string, unknown>[] = [];
  let pendingTotal = 0;
  for (let i = 0; i < n; i++) {
    const g = Math.floor(i / 100);
    if (i % 100 === 0) grids.push({ _id: `${villageId}-g${g}`, townId: TOWN, villageId, name: `第${g + 1}组`, level: 3 });
    const hid = `${villageId}-h${String(i).padStart(5, '0')}`;
    households.push({ _id: hid, townId: TOWN, villageId, gridId: `${villageId}-g${g}`, doorNo: `${(i % 100) + 1}号`, headPersonId: `${hid}-m1`, headName: `张三${i % 7}`, memberCount: 3 });
    const points = 7 + (i % 3);
    scores.push({ _id: `${hid}_${QUARTER}`, townId: TOWN, villageId, householdId: hid, quarter: QUARTER, inspections: [], average: points * 10, points, updatedAt: NOW });
    if (i % 3 !== 2) {
      const month = MONTHS[i % 3];
      const delta = 5 + (i % 17);
      const after = { pending: delta, redeemable: 0, spent: 0 };
      entries.push({
        _id: auditEntryId(villageId, month, hid),
        townId: TOWN,
        villageId,
        householdId: hid,
        seq: 1,
        kind: 'application',
        bucket: 'pending',
        delta,
        sourceId: auditMonthId(villageId, month),
        label: `${month} 月度评议`,
        actorId: 'bench',
        actorName: '压测',
        reason: null,
        reverses: null,
        reversedKind: null,
        at: NOW,
        balanceAfter: after,
        period: month,
      });
      balances.push({ _id: hid, townId: TOWN, villageId, ...after, seq: 1, updatedAt: NOW });
      pendingTotal += delta;
    }
  }
  const totals = [{ _id: villageId, townId: TOWN, villageId, moneyInFen: 0, moneyOutFen: 0, stockValueFen: 0, outstandingPoints: 0, pendingPoints: pendingTotal, spentPoints: 0, updatedAt: NOW }];
  const months = MONTHS.map((m) => ({ _id: auditMonthId(villageId, m), townId: TOWN, villageId, month: m, status: 'closed', closeCursor: null, closedAt: NOW, closedById: null, closedByName: null, late: false, postedHouseholds: 0, postedPoints: 0, history: [], createdAt: NOW, updatedAt: NOW }));
  const first = `${villageId}-h00000`;
  const people = [
    { _id: `${villageId}-admin`, townId: TOWN, villageId, householdId: null, name: '村委', relation: null, roles: [{ role: 'village_admin', scope: 'village', scopeId: villageId }] },
    { _id: `${first}-m1`, townId: TOWN, villageId, householdId: first, name: '张三', relation: '户主', roles: [{ role: 'villager', scope: 'village', scopeId: villageId }] },
    { _id: `${villageId}-town`, townId: TOWN, villageId: null, householdId: null, name: '镇', relation: null, roles: [{ role: 'town_admin', scope: 'town', scopeId: TOWN }] },
  ];
  const identities = [
    [`bench-admin-${villageId}`, `${villageId}-admin`],
    [`bench-villager-${villageId}`, `${first}-m1`],
    [`bench-town-${villageId}`, `${villageId}-town`],
  ].map(([openid, personId]) => ({ _id: openid, personId, boundAt: NOW }));
  return {
    [C.villages]: village,
    [C.grids]: grids,
    [C.households]: households,
    [C.baseScores]: scores,
    [C.ledgerEntries]: entries,
    [C.balances]: balances,
    [C.villageTotals]: totals,
    [C.auditMonths]: months,
    [C.people]: people,
    [C.identities]: identities,
  };
}

function ms(t: number): string {
  return `${t.toFixed(0)}ms`;
}

/** One village of `n` households on a fresh embedded database; prints one line per figure, returns the two jobs' timings. */
async function benchVillage(n: number): Promise<{ open: Timing; approve: Timing }> {
  const driver = (await createPgliteDriver()) as unknown as Driver;
  const schema = `bench_pub_${n}`;
  const db = new PostgresDatabase(driver as never, { schema });
  await db.ensureCollections();
  const deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-bench-')), { now: () => NOW });
  const v = `bv${n}`;
  await seedVillage(db, driver, schema, v, n);

  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  const opened = (await call(deps, `bench-admin-${v}`, 'publicity', 'open', { quarter: QUARTER })) as { status: string; householdCount: number };
  const openMs = performance.now() - t0;
  const open = { seconds: openMs / 1000, cpu: cpuSeconds(cpu0) };
  if (opened.status !== 'open' || opened.householdCount !== n) throw new Error(`open: ${JSON.stringify(opened).slice(0, 200)}`);
  const goalMs = (OPEN_GOAL_MS * n) / 10_000;
  console.log(
    `publicity.open (publish a quarter) for ${n.toLocaleString('en')} households (embedded PGlite): ${ms(openMs)}, cpu ${ms(open.cpu * 1000)} (${((openMs / n) * 1000).toFixed(0)}µs per household) (goal < ${ms(goalMs)})`,
  );

  const reads: number[] = [];
  for (let i = 0; i < 50; i++) {
    t0 = performance.now();
    const rb = (await call(deps, `bench-villager-${v}`, 'publicity', 'redBlack', { quarter: QUARTER })) as { quarterTop: unknown[] };
    reads.push(performance.now() - t0);
    if (rb.quarterTop.length !== 10) throw new Error('red list is not ten');
  }
  reads.sort((a, b) => a - b);
  console.log(`publicity.redBlack (红黑榜) read for ${n.toLocaleString('en')} households: p50=${reads[25].toFixed(1)}ms p99=${reads[49].toFixed(1)}ms (goal p99 < ${READ_GOAL_MS} ms)`);

  t0 = performance.now();
  await call(deps, `bench-villager-${v}`, 'publicity', 'lines', { quarter: QUARTER, offset: Math.floor(n / 2) + 150, limit: 100 });
  console.log(`publicity.lines page of 100 (spanning two chunks) for ${n.toLocaleString('en')} households: ${ms(performance.now() - t0)} (goal < ${READ_GOAL_MS} ms)`);

  const later = { ...deps, now: () => NOW + 7 * 86_400_000 };
  await call(later, `bench-admin-${v}`, 'publicity', 'close', { quarter: QUARTER });
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  await call(later, `bench-town-${v}`, 'publicity', 'townDecide', { villageId: v, quarter: QUARTER, decision: 'approve' });
  const approveMs = performance.now() - t0;
  const approve = { seconds: approveMs / 1000, cpu: cpuSeconds(cpu0) };
  console.log(
    `publicity.townDecide approve (pending → redeemable) for ${n.toLocaleString('en')} households: ${ms(approveMs)}, cpu ${ms(approve.cpu * 1000)} (${((approveMs / n) * 1000).toFixed(0)}µs per household) (goal: linear, see the scaling line)`,
  );
  await driver.close();
  return { open, approve };
}

export async function benchPublicity(): Promise<void> {
  const a = await benchVillage(10_000);
  const b = await benchVillage(20_000);
  console.log(scalingLine('publicity.open', a.open, b.open));
  console.log(scalingLine('publicity.townDecide approve', a.approve, b.approve));
}

if (process.argv[1]?.endsWith('publicity.ts')) {
  benchPublicity().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
