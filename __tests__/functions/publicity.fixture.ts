import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import { postToLedger } from '@backend/ledger/post';
import { auditEntryId, auditMonthId } from '@domain/audit/types';
import { newAuditMonth } from '@domain/audit/month';
import type { BaseScoreRecord } from '@domain/audit/baseScore';
import type { Village } from '@domain/org/types';
import type { Veto } from '@domain/veto/types';
import { monthsOfQuarter } from '@domain/publicity/quarter';

/**
 * What the monthly audit and the base-score inspection leave behind, written the way their
 * contracts say (same ids and fields), so publicity tests need not run the audit.
 */
export const Q = '2026-Q3';
export const NOW_Q3 = Date.parse('2026-11-20T10:00:00+08:00');

async function townOf(db: Database, villageId: string): Promise<string> {
  const { data } = await db.collection<Village>(C.villages).doc(villageId).get();
  return data[0].townId;
}

/** The audit closed these months of the village. */
export async function closeMonths(db: Database, villageId: string, quarter = Q, at = NOW_Q3): Promise<void> {
  const townId = await townOf(db, villageId);
  for (const m of monthsOfQuarter(quarter)) {
    const { _id, ...doc } = { ...newAuditMonth(townId, villageId, m, at, { _id: 'test', name: '测试' }), status: 'closed' as const, closedAt: at };
    await db.collection(C.auditMonths).doc(_id).set(doc);
  }
}

/** The audit's month entry for one household: pending, period = month. */
export async function postMonth(db: Database, villageId: string, householdId: string, month: string, delta: number, at = NOW_Q3): Promise<void> {
  const townId = await townOf(db, villageId);
  await db.runTransaction((tx) =>
    postToLedger(
      tx,
      {
        _id: auditEntryId(villageId, month, householdId),
        householdId,
        kind: 'application',
        bucket: 'pending',
        delta,
        sourceId: auditMonthId(villageId, month),
        label: `${month} 月度评议`,
        actorId: 'test',
        actorName: '测试',
        reason: null,
        reverses: null,
        reversedKind: null,
        at,
        period: month,
      },
      { townId, villageId },
    ),
  );
}

export async function setBaseScore(db: Database, villageId: string, householdId: string, points: number, quarter = Q, at = NOW_Q3): Promise<void> {
  const townId = await townOf(db, villageId);
  const doc: Omit<BaseScoreRecord, '_id'> = {
    townId,
    villageId,
    householdId,
    quarter,
    inspections: [{ score: points * 10, date: '2026-09-15', byId: 'test', byName: '测试', note: null, at }],
    average: points * 10,
    points,
    updatedAt: at,
  };
  await db.collection(C.baseScores).doc(`${householdId}_${quarter}`).set(doc);
}

export async function effectiveVeto(db: Database, villageId: string, householdId: string, eventDate: string, at = NOW_Q3): Promise<void> {
  const townId = await townOf(db, villageId);
  const doc: Omit<Veto, '_id'> = {
    townId,
    villageId,
    householdId,
    householdName: '测试户主',
    doorNo: '测试门牌',
    item: '负面清单：测试',
    description: '测试',
    eventDate,
    status: 'effective',
    barredUntil: `${Number(eventDate.slice(0, 4)) + 1}-01-01`,
    mode: 'clear_and_bar_year',
    history: [],
    createdAt: at,
    updatedAt: at,
  };
  await db.collection(C.vetoes).doc(`veto-test-${householdId}-${eventDate}`).set(doc);
}

/** A database whose `fail`th transaction (1-based) runs its callback and then throws, so it rolls back: a crash mid-batch. */
export function crashingDb(db: Database, fail: number): Database {
  let n = 0;
  return {
    collection: (name) => db.collection(name),
    command: db.command,
    runTransaction: (fn, attempts) => {
      n += 1;
      if (n !== fail) return db.runTransaction(fn, attempts);
      return db.runTransaction(async (tx) => {
        await fn(tx);
        throw new Error('simulated crash');
      }, 1);
    },
  } as Database;
}
