import type { GridEvent, Patrol, Visit } from '@domain/grid/records';
import type { Assessment } from '@domain/grid/assessment';
import type { AssessmentRow } from '@domain/grid/assessmentLedger';
import { monthBounds, type Month } from '@domain/grid/assessmentScore';
import type { Person } from '@domain/org/types';
import type { CollectionQuery, Database, Doc } from '../db/types';
import { C } from './collections';

const PAGE = 1000;

/** Every document of an indexed query, a page (CloudBase's 1000 cap) at a time. */
async function all<T extends Doc>(q: () => CollectionQuery<T>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await q().skip(skip).limit(PAGE).get();
    out.push(...data);
    if (data.length < PAGE) return out;
  }
}

export type PatrolFacts = Pick<Patrol, '_id' | 'workerId' | 'date'>;
export type VisitFacts = Pick<Visit, '_id' | 'workerId' | 'householdId' | 'date'>;
export type EventFacts = Pick<
  GridEvent,
  '_id' | 'reporterId' | 'reporterRole' | 'handlerId' | 'status' | 'closedAt' | 'closedBy' | 'deadlineAt' | 'createdAt'
>;
const EVENT_FIELDS = { reporterId: true, reporterRole: true, handlerId: true, status: true, closedAt: true, closedBy: true, deadlineAt: true, createdAt: true };

export const assessmentRepo = {
  async get(db: Database, id: string): Promise<Assessment | null> {
    const { data } = await db.collection<Assessment>(C.gridAssessments).doc(id).get();
    return data[0] ?? null;
  },

  /** The grid's patrols and visits of the month (China dates), and its events reported, closed or due in it. */
  async gridMonthRecords(db: Database, gridId: string, month: Month): Promise<{ patrols: PatrolFacts[]; visits: VisitFacts[]; events: EventFacts[] }> {
    const { first, last, startMs, endMs } = monthBounds(month);
    const _ = db.command;
    const byDate = { gridId, date: _.gte(first).and(_.lte(last)) };
    const inMonth = _.gte(startMs).and(_.lt(endMs));
    const events = (field: 'createdAt' | 'closedAt' | 'deadlineAt') =>
      all(() => db.collection<EventFacts>(C.gridEvents).where({ gridId, [field]: inMonth }).orderBy(field, 'asc').field(EVENT_FIELDS));
    const [patrols, visits, created, closed, due] = await Promise.all([
      all(() => db.collection<PatrolFacts>(C.patrols).where(byDate).orderBy('date', 'asc').field({ workerId: true, date: true })),
      all(() => db.collection<VisitFacts>(C.visits).where(byDate).orderBy('date', 'asc').field({ workerId: true, householdId: true, date: true })),
      events('createdAt'),
      events('closedAt'),
      events('deadlineAt'),
    ]);
    return { patrols, visits, events: [...created, ...closed, ...due] };
  },

  async people(db: Database, ids: string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const out: Person[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const { data } = await db.collection<Person>(C.people).where({ _id: db.command.in(ids.slice(i, i + 100)) }).limit(100).get();
      out.push(...data);
    }
    return out;
  },

  async rowsOfWorker(db: Database, workerId: string, limit = 24): Promise<AssessmentRow[]> {
    const { data } = await db.collection<AssessmentRow>(C.assessmentRows).where({ workerId }).orderBy('month', 'desc').limit(limit).get();
    return data;
  },

  /** A page of the ledger: one village's rows (by grid), or the town's (by village, grid). */
  async ledgerPage(
    db: Database,
    scope: { villageId: string } | { townId: string },
    month: Month,
    page: number,
    pageSize: number,
  ): Promise<{ rows: AssessmentRow[]; total: number }> {
    const q = () => {
      const base = db.collection<AssessmentRow>(C.assessmentRows).where({ ...scope, month });
      return 'villageId' in scope ? base.orderBy('gridId', 'asc').orderBy('workerId', 'asc') : base.orderBy('villageId', 'asc').orderBy('gridId', 'asc').orderBy('workerId', 'asc');
    };
    const [{ data }, { total }] = await Promise.all([q().skip(page * pageSize).limit(pageSize).get(), q().count()]);
    return { rows: data, total };
  },

  /** Every row of the scope and month (exports, town overview): a page at a time. */
  async allRows(db: Database, scope: { villageId: string } | { townId: string }, month: Month): Promise<AssessmentRow[]> {
    return all(() => {
      const base = db.collection<AssessmentRow>(C.assessmentRows).where({ ...scope, month });
      return 'villageId' in scope ? base.orderBy('gridId', 'asc').orderBy('workerId', 'asc') : base.orderBy('villageId', 'asc').orderBy('gridId', 'asc').orderBy('workerId', 'asc');
    });
  },

  /** The town's published grid assessments of a month (ids and villages only). */
  async publishedOfTown(db: Database, townId: string, month: Month): Promise<Pick<Assessment, '_id' | 'villageId'>[]> {
    return all(() =>
      db.collection<Pick<Assessment, '_id' | 'villageId'>>(C.gridAssessments).where({ townId, month, status: 'published' }).orderBy('villageId', 'asc').field({ villageId: true }),
    );
  },
};
