import type { Patrol, Visit } from '@domain/grid/records';
import type { IsoDate } from '@domain/shared/time';
import type { Database, Query } from '../db/types';
import { C } from './collections';

/** The CST month [start, end) as epoch ms, for range queries on `at`. */
export function monthRange(month: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: Date.parse(`${month}-01T00:00:00+08:00`), end: Date.parse(`${next}-01T00:00:00+08:00`) };
}

export type PatrolScope = { gridId: string } | { villageId: string } | { townId: string };

export const patrolsRepo = {
  async get(db: Database, id: string): Promise<Patrol | null> {
    const { data } = await db.collection<Patrol>(C.patrols).doc(id).get();
    return data[0] ?? null;
  },

  async visit(db: Database, id: string): Promise<Visit | null> {
    const { data } = await db.collection<Visit>(C.visits).doc(id).get();
    return data[0] ?? null;
  },

  /** This worker's latest patrol of the grid. */
  async lastPatrol(db: Database, gridId: string, workerId: string): Promise<Patrol | null> {
    const { data } = await db.collection<Patrol>(C.patrols).where({ gridId, workerId }).orderBy('at', 'desc').limit(1).get();
    return data[0] ?? null;
  },

  /** Visits of a grid since a date (a grid has ≤ 100 households; a week of visits fits one page). */
  async visitsOfGridSince(db: Database, gridId: string, from: IsoDate): Promise<Pick<Visit, '_id' | 'householdId' | 'date'>[]> {
    const { data } = await db
      .collection<Visit>(C.visits)
      .where({ gridId, date: db.command.gte(from) })
      .orderBy('date', 'desc')
      .field({ householdId: true, date: true })
      .limit(1000)
      .get();
    return data;
  },

  async patrolsOfWorker(db: Database, workerId: string, month: string): Promise<Patrol[]> {
    const { start, end } = monthRange(month);
    const { data } = await db
      .collection<Patrol>(C.patrols)
      .where({ workerId, at: db.command.gte(start).and(db.command.lt(end)) })
      .orderBy('at', 'desc')
      .limit(200)
      .get();
    return data;
  },

  async visitsOfWorker(db: Database, workerId: string, month: string): Promise<Visit[]> {
    const { start, end } = monthRange(month);
    const { data } = await db
      .collection<Visit>(C.visits)
      .where({ workerId, at: db.command.gte(start).and(db.command.lt(end)) })
      .orderBy('at', 'desc')
      .limit(500)
      .get();
    return data;
  },

  /** One page of the 定点巡查台账, newest first. */
  async ledgerPage(db: Database, scope: PatrolScope, month: string, skip: number, size: number): Promise<Patrol[]> {
    const { start, end } = monthRange(month);
    const where: Query = { ...scope, at: db.command.gte(start).and(db.command.lt(end)) };
    const { data } = await db.collection<Patrol>(C.patrols).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').skip(skip).limit(size).get();
    return data;
  },

  async ledgerCount(db: Database, scope: PatrolScope, month: string): Promise<number> {
    const { start, end } = monthRange(month);
    return (await db.collection(C.patrols).where({ ...scope, at: db.command.gte(start).and(db.command.lt(end)) }).count()).total;
  },
};
