import type { GridEvent, EventStatus } from '@domain/grid/records';
import { OPEN_STATUSES, PENDING_STATUSES } from '@domain/grid/deadlines';
import type { Database, Query } from '../db/types';
import type { Transaction } from '../db/types';
import { C } from './collections';

/** Where a list looks: a set of grids, a village, the town, or the events dispatched to one person. */
export type EventScopeQuery = { gridIds: string[] } | { villageId: string } | { townId: string } | { handlerId: string };
export type EventListFilter = 'open' | 'overdue' | 'closed';

function scopeWhere(db: Database, s: EventScopeQuery): Query {
  if ('gridIds' in s) return { gridId: db.command.in(s.gridIds) };
  if ('villageId' in s) return { villageId: s.villageId };
  if ('townId' in s) return { townId: s.townId };
  return { handlerId: s.handlerId };
}

function filterWhere(db: Database, filter: EventListFilter, now: number): Query {
  if (filter === 'closed') return { status: 'closed' };
  if (filter === 'overdue') return { status: db.command.in([...PENDING_STATUSES]), deadlineAt: db.command.lt(now) };
  return { status: db.command.in([...OPEN_STATUSES]) };
}

export const eventsRepo = {
  async get(db: Database, id: string): Promise<GridEvent | null> {
    const { data } = await db.collection<GridEvent>(C.gridEvents).doc(id).get();
    return data[0] ?? null;
  },

  async put(tx: Transaction, e: GridEvent): Promise<void> {
    const { _id, ...doc } = e;
    await tx.collection<GridEvent>(C.gridEvents).doc(_id).set(doc);
  },

  /** The reporter's own reports, newest first. */
  async ofReporter(db: Database, reporterId: string, page: number, size: number): Promise<GridEvent[]> {
    const { data } = await db
      .collection<GridEvent>(C.gridEvents)
      .where({ reporterId })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(page * size)
      .limit(size + 1)
      .get();
    return data;
  },

  /** One page (+1 row to tell whether more follow): open and overdue by deadline, closed newest first. */
  async list(db: Database, scope: EventScopeQuery, filter: EventListFilter, now: number, page: number, size: number): Promise<GridEvent[]> {
    if ('gridIds' in scope && scope.gridIds.length === 0) return [];
    const q = db.collection<GridEvent>(C.gridEvents).where({ ...scopeWhere(db, scope), ...filterWhere(db, filter, now) });
    // Ties (same deadline) broken by id, or pages could repeat or skip an event.
    const ordered = filter === 'closed' ? q.orderBy('closedAt', 'desc').orderBy('_id', 'desc') : q.orderBy('deadlineAt', 'asc').orderBy('_id', 'asc');
    const { data } = await ordered.skip(page * size).limit(size + 1).get();
    return data;
  },

  /** Overdue events of a scope whose overrun is not yet in their history (a batch for the check). */
  async overdueBatch(db: Database, scope: EventScopeQuery, now: number, limit = 200): Promise<GridEvent[]> {
    const { data } = await db
      .collection<GridEvent>(C.gridEvents)
      .where({ ...scopeWhere(db, scope), ...filterWhere(db, 'overdue', now) })
      .orderBy('deadlineAt', 'asc')
      .limit(limit)
      .get();
    return data.filter((e) => e.overdueFlaggedFor !== e.deadlineAt);
  },

  /** How many events of a scope are open (or overdue) now: the 工作台's counts. */
  async countOf(db: Database, scope: EventScopeQuery, filter: Exclude<EventListFilter, 'closed'>, now: number): Promise<number> {
    if ('gridIds' in scope && scope.gridIds.length === 0) return 0;
    return (await db.collection(C.gridEvents).where({ ...scopeWhere(db, scope), ...filterWhere(db, filter, now) }).count()).total;
  },

  async countInGrid(db: Database, gridId: string, where: Query): Promise<number> {
    return (await db.collection(C.gridEvents).where({ gridId, ...where }).count()).total;
  },

  async countByStatus(db: Database, gridId: string, status: EventStatus[], now?: number): Promise<number> {
    const w: Query = { status: db.command.in(status) };
    if (now !== undefined) w.deadlineAt = db.command.lt(now);
    return eventsRepo.countInGrid(db, gridId, w);
  },
};
