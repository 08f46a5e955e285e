/**
 * `npm run bench` (from bench/run.ts): the time to close a month (一月一审核 结账) for a town of
 * N households × 5 decided applications, on embedded PGlite: villages of 1,000 households,
 * each closed by its leader through the same use case the `audit.close` action runs. A batch of
 * 200 households reads its balances and entries in one statement each and writes them at commit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, createPgliteDriver } from '@backend/db/postgres';
import { qualifiedTable } from '@backend/db/postgres/schema';
import { C } from '@backend/repos/collections';
import { closeMonth } from '@backend/audit/close';
import type { Application } from '@domain/points/application';
import type { Person } from '@domain/org/types';
import type { AuditDecision } from '@domain/audit/types';
import { localDeps } from '../server/deps';
import { cpuSeconds, scalingLine, type Timing } from './scaling';

const PER_VILLAGE = 1000;
const APPS_PER_HOUSEHOLD = 5;
const MONTH = '2026-10';

/** Seeding only (not measured): multi-row INSERTs straight into the collection's table. */
async function bulkInsert(driver: { query(sql: string, params?: readonly unknown[]): Promise<unknown> }, schema: string, collection: string, docs: Record<string, unknown>[]): Promise<void> {
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

export function application(villageId: string, householdId: string, n: number, at: number): Record<string, unknown> {
  // Per household: approve ×3, one adjusted to 3, and every 10th household one faked (−10) instead.
  const decision: AuditDecision = n < 3 ? 'approve' : n === 3 ? 'adjust' : Number(householdId.slice(-3)) % 10 === 0 ? 'fraud' : 'reject';
  const points = decision === 'approve' ? 5 : decision === 'adjust' ? 3 : decision === 'fraud' ? -10 : 0;
  const status = decision === 'fraud' ? 'fraud' : decision === 'reject' ? 'rejected' : 'approved';
  const signatures = [1, 2, 3].map((r) => ({ reviewerId: `${villageId}-r${r}`, reviewerName: `评议${r}`, decision, points: decision === 'adjust' ? 3 : null, reason: decision === 'approve' ? null : '核实', at }));
  const app: Omit<Application, 'photos'> & { photos: string[] } = {
    _id: `${householdId}-a${n}`,
    townId: 'bench-town',
    villageId,
    gridId: `${villageId}-g${householdId.slice(-3, -2)}`,
    householdId,
    householdName: '张三',
    doorNo: `${householdId.slice(-3)}号`,
    itemCode: 'PV-05',
    itemName: '参与志愿者服务活动',
    categoryName: '公益美德类',
    points: 5,
    unit: 'per_time',
    catalogueVersionId: 'cat-1',
    catalogueVersion: 1,
    deedDate: `${MONTH}-15`,
    place: '村委会',
    description: '志愿服务',
    photos: [],
    source: 'self',
    submittedBy: `${householdId}-m1`,
    submittedByName: '张三',
    status,
    auditMonth: MONTH,
    audit: { signatures, frozen: null, decision, points, decidedAt: at },
    history: [
      { at, action: 'submit', actorId: `${householdId}-m1`, actorName: '张三', note: null },
      { at, action: 'first_review_pass', actorId: 'w', actorName: '网格员', note: null },
      ...signatures.map((s) => ({ at, action: 'audit_sign' as const, actorId: s.reviewerId, actorName: s.reviewerName, note: null })),
      { at, action: 'audit_decide', actorId: 'r3', actorName: '评议3', note: null },
    ],
    createdAt: at,
    updatedAt: at,
  };
  return app as unknown as Record<string, unknown>;
}

/** Seeds a town of `households`, closes every village's month, prints the time; returns its wall and CPU seconds. */
export async function auditCloseBench(households: number): Promise<Timing> {
  const driver = await createPgliteDriver();
  const schema = `bench_audit_${households}`;
  const db = new PostgresDatabase(driver, { schema });
  await db.ensureCollections();
  const now = Date.parse('2026-11-05T09:00:00+08:00');
  const deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-bench-audit-')), { now: () => now });
  const villages = Math.ceil(households / PER_VILLAGE);
  const leader: Person = { _id: 'bench-leader', townId: 'bench-town', villageId: null, householdId: null, name: '组长', relation: null, roles: [] };
  const t0 = performance.now();
  for (let v = 0; v < villages; v++) {
    const villageId = `bv-${String(v).padStart(3, '0')}`;
    await db.collection(C.villages).doc(villageId).set({ townId: 'bench-town', name: `压测村${v}` });
    leader.roles.push({ role: 'reviewer', scope: 'village', scopeId: villageId, lead: true });
    const apps: Record<string, unknown>[] = [];
    for (let i = 0; i < PER_VILLAGE; i++) {
      const hid = `${villageId}-h${String(i).padStart(3, '0')}`;
      for (let n = 0; n < APPS_PER_HOUSEHOLD; n++) apps.push(application(villageId, hid, n, now - 86_400_000 * 20));
    }
    await bulkInsert(driver as never, schema, C.applications, apps);
  }
  await driver.query(`ANALYZE ${qualifiedTable(schema, C.applications)}`);
  const seeded = (performance.now() - t0) / 1000;

  // Count SQL statements (load-independent: the machine's speed varies, the work per household does not).
  let statements = 0;
  const query = driver.query.bind(driver);
  const transaction = driver.transaction.bind(driver);
  driver.query = (sql, params) => {
    statements++;
    return query(sql, params);
  };
  driver.transaction = (fn) =>
    transaction((q) =>
      fn({
        query: (sql, params) => {
          statements++;
          return q.query(sql, params);
        },
      }),
    );
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  let posted = 0;
  for (let v = 0; v < villages; v++) {
    const m = await closeMonth(deps, leader, `bv-${String(v).padStart(3, '0')}`, MONTH);
    posted += m.postedHouseholds;
  }
  const seconds = (performance.now() - t1) / 1000;
  const cpu = cpuSeconds(cpu0);
  const entries = (await db.collection(C.ledgerEntries).count()).total;
  if (entries !== posted || posted !== households) throw new Error(`audit close posted ${posted} households, ${entries} entries; expected ${households}`);
  console.log(
    `audit.close of a month, town of ${households.toLocaleString('en')} households × ${APPS_PER_HOUSEHOLD} applications (${villages} villages of ${PER_VILLAGE}): ` +
      `${seconds.toFixed(2)}s (cpu ${cpu.toFixed(2)}s) = ${((seconds * 1000) / households).toFixed(3)} ms/household, ${(statements / households).toFixed(2)} SQL statements/household incl. BEGIN/COMMIT ` +
      `(goal: linear, see the scaling line; seeded in ${seeded.toFixed(1)}s)`,
  );
  await driver.close();
  return { seconds, cpu };
}

/** Both figures and how linear they are. */
export async function auditClose(): Promise<void> {
  const a = await auditCloseBench(10_000);
  const b = await auditCloseBench(20_000);
  console.log(scalingLine('audit.close', a, b));
}
