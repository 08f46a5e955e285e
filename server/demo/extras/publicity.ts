import { standinChecker } from '@backend/moderation/standin';
import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import { postToLedger } from '@backend/ledger/post';
import { openPublicity } from '@backend/publicity/open';
import { fileObjection } from '@backend/publicity/objections';
import type { FileStore } from '@backend/files/port';
import { auditEntryId, auditMonthId, type AuditMonth } from '@domain/audit/types';
import { newAuditMonth } from '@domain/audit/month';
import { previousQuarter, type BaseScoreRecord } from '@domain/audit/baseScore';
import type { Publicity } from '@domain/publicity/types';
import { publicityIdOf } from '@domain/publicity/ids';
import { monthsOfQuarter } from '@domain/publicity/quarter';
import { cstDate, quarterOf } from '@domain/shared/time';
import type { DemoTown } from '../seed';

/**
 * 一季一公示 demo: 青山村 publishes the quarter that ended last (its three months closed by the
 * audit, a few households with month points, every household inspected for the base score),
 * and 二组5号 (demo-villager-b-1) has objected to 一组3号's line, waiting for the committees.
 * Only pending points move (base scores and month results), never redeemable ones. Skipped
 * under jest (tests build their own quarters) unless XIANGYUE_DEMO_PUBLICITY=1, and when the
 * audit demo still holds one of the quarter's months open. Fixed ids: running again writes nothing.
 */
/** The demo objection carries no photos: no file is ever read. */
const NO_FILES: FileStore = {
  put: () => Promise.reject(new Error('no uploads in the demo seed')),
  facts: () => Promise.resolve(null),
  url: () => Promise.resolve(''),
  putExport: () => Promise.reject(new Error('no exports in the demo seed')),
  exportOwner: () => Promise.resolve(null),
  deleteExport: () => Promise.resolve(),
};

export async function seedPublicityDemo(db: Database, t: DemoTown, now: number): Promise<void> {
  const skip = process.env.XIANGYUE_DEMO_PUBLICITY === '0' || (process.env.JEST_WORKER_ID !== undefined && process.env.XIANGYUE_DEMO_PUBLICITY !== '1');
  if (skip) return;
  const village = t.villages.find((v) => v._id === 'v-qingshan');
  const admin = t.people.find((p) => p.roles.some((r) => r.role === 'village_admin' && r.scopeId === 'v-qingshan'));
  const objector = t.people.find((p) => p._id === 'h-qs-2-05-m1');
  if (!village || !admin || !objector) return;
  const quarter = previousQuarter(quarterOf(cstDate(now)));
  if ((await db.collection<Publicity>(C.publicities).doc(publicityIdOf(village._id, quarter)).get()).data[0]) return;
  const months = monthsOfQuarter(quarter);
  for (const m of months) {
    const { data } = await db.collection<AuditMonth>(C.auditMonths).doc(auditMonthId(village._id, m)).get();
    if (data[0] && data[0].status !== 'closed') return; // the audit demo's month: left for the leader
  }
  const meta = { townId: village.townId, villageId: village._id };
  // [household, month index, points]: what the committee approved in the quarter.
  const results: [string, number, number][] = [
    ['h-qs-1-03', 0, 10],
    ['h-qs-1-03', 1, 5],
    ['h-qs-2-05', 0, 15],
    ['h-qs-2-06', 1, 20],
    ['h-qs-3-07', 2, 12],
    ['h-qs-1-09', 2, -5],
  ];
  for (const [hid, mi, delta] of results) {
    await db.runTransaction((tx) =>
      postToLedger(
        tx,
        {
          _id: auditEntryId(village._id, months[mi], hid),
          householdId: hid,
          kind: 'application',
          bucket: 'pending',
          delta,
          sourceId: auditMonthId(village._id, months[mi]),
          label: `${months[mi]} 月度评议入账`,
          actorId: admin._id,
          actorName: admin.name,
          reason: null,
          reverses: null,
          reversedKind: null,
          at: now,
          period: months[mi],
        },
        meta,
      ),
    );
  }
  for (const m of months) {
    const id = auditMonthId(village._id, m);
    if ((await db.collection<AuditMonth>(C.auditMonths).doc(id).get()).data[0]) continue;
    const { _id, ...doc } = { ...newAuditMonth(village.townId, village._id, m, now, admin), status: 'closed' as const, closedAt: now, closedById: admin._id, closedByName: admin.name };
    void _id;
    await db.collection<AuditMonth>(C.auditMonths).doc(id).set(doc);
  }
  for (const [i, h] of t.households.filter((x) => x.villageId === village._id).entries()) {
    const id = `${h._id}_${quarter}`;
    if ((await db.collection<BaseScoreRecord>(C.baseScores).doc(id).get()).data[0]) continue;
    const score = 80 + ((i * 7) % 20);
    const rec: Omit<BaseScoreRecord, '_id'> = {
      townId: village.townId,
      villageId: village._id,
      householdId: h._id,
      quarter,
      inspections: [{ score, date: `${months[2]}-20`, byId: admin._id, byName: admin.name, note: '演示', at: now }],
      average: score,
      points: Math.round(score * 0.1),
      updatedAt: now,
    };
    await db.collection<BaseScoreRecord>(C.baseScores).doc(id).set(rec);
  }
  await openPublicity({ db, now: () => now }, admin, village, quarter);
  await fileObjection({ db, now: () => now, newId: () => 'demo', files: NO_FILES, content: standinChecker({}) }, objector, {
    requestId: 'demo-objection-1',
    quarter,
    householdId: 'h-qs-1-03',
    reason: '演示：一组3号八月参加河道清理，应记 5 分，名单上没有体现',
    photos: [],
  });
}
