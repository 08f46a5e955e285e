import type { Application } from '@domain/points/application';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { addMonths } from '@domain/audit/month';
import type { Database, Query } from '../db/types';
import { C } from './collections';

const PAGE = 1000;

/** The fields the close needs of each decided application (a projection: no history, no photos). */
export type DecidedRow = Pick<Application, '_id' | 'householdId' | 'status' | 'audit'>;

export const auditRepo = {
  async month(db: Database, villageId: string, month: string): Promise<AuditMonth | null> {
    const { data } = await db.collection<AuditMonth>(C.auditMonths).doc(auditMonthId(villageId, month)).get();
    return data[0] ?? null;
  },

  /** A village's months, newest first. */
  async monthsOfVillage(db: Database, villageId: string, limit = 24): Promise<AuditMonth[]> {
    const { data } = await db.collection<AuditMonth>(C.auditMonths).where({ villageId }).orderBy('month', 'desc').limit(limit).get();
    return data;
  },

  /** A town's months since `fromMonth`, newest first, paged through. */
  async monthsOfTown(db: Database, townId: string, fromMonth: string): Promise<AuditMonth[]> {
    const out: AuditMonth[] = [];
    for (;;) {
      const { data } = await db
        .collection<AuditMonth>(C.auditMonths)
        .where({ townId, month: db.command.gte(fromMonth) })
        .orderBy('month', 'desc')
        .orderBy('_id', 'desc')
        .skip(out.length)
        .limit(PAGE)
        .get();
      out.push(...data);
      if (data.length < PAGE) return out;
    }
  },

  /**
   * One page of a village month's applications, by _id after `afterId`. Applications without
   * `auditMonth` (from before the audit existed) belong to their deed's month: `legacy` asks
   * for those (a separate, rarely non-empty query).
   */
  async page(db: Database, villageId: string, month: string, afterId: string | null, limit: number, legacy = false): Promise<Application[]> {
    const _ = db.command;
    const where = legacy
      ? {
          villageId,
          status: _.in(['first_reviewed', 'approved', 'rejected', 'fraud']),
          auditMonth: _.exists(false),
          deedDate: _.gte(`${month}-01`).and(_.lt(`${addMonths(month, 1)}-01`)),
          ...(afterId ? { _id: _.gt(afterId) } : {}),
        }
      : { villageId, auditMonth: month, ...(afterId ? { _id: _.gt(afterId) } : {}) };
    const { data } = await db.collection<Application>(C.applications).where(where).orderBy('_id', 'asc').limit(limit).get();
    return data;
  },

  /** Every decided application of a village month, in pages of ≤ 1000, only the fields the close needs. */
  async decided(db: Database, villageId: string, month: string): Promise<DecidedRow[]> {
    const _ = db.command;
    const out: DecidedRow[] = [];
    for (const legacy of [false, true]) {
      let after: string | null = null;
      for (;;) {
        const base = legacy
          ? { villageId, status: _.in(['approved', 'rejected', 'fraud']), auditMonth: _.exists(false), deedDate: _.gte(`${month}-01`).and(_.lt(`${addMonths(month, 1)}-01`)) }
          : { villageId, auditMonth: month, status: _.in(['approved', 'rejected', 'fraud']) };
        const { data }: { data: DecidedRow[] } = await db
          .collection<Application>(C.applications)
          .where({ ...base, ...(after ? { _id: _.gt(after) } : {}) })
          .orderBy('_id', 'asc')
          .field({ _id: true, householdId: true, status: true, 'audit.points': true })
          .limit(PAGE)
          .get();
        out.push(...data);
        if (data.length < PAGE) break;
        after = data[data.length - 1]._id;
      }
    }
    return out;
  },

  /**
   * The decided applications of the next households of a village month after household
   * `afterHousehold` (household id order): at most `households` households, each with ALL its
   * decided applications (also those from before the audit, by deed date), only the fields the
   * close needs. Reads about as many documents as those households have (pages of
   * `households × 4`, ≤ 1000), however big the month: the close calls it once per batch.
   * `more`: households may be left after these (false: none is).
   */
  async decidedOfNextHouseholds(db: Database, villageId: string, month: string, afterHousehold: string | null, households: number): Promise<{ rows: DecidedRow[]; more: boolean }> {
    const _ = db.command;
    const decided = ['approved', 'rejected', 'fraud'];
    const streams = [
      { villageId, auditMonth: month, status: _.in(decided) },
      { villageId, status: _.in(decided), auditMonth: _.exists(false), deedDate: _.gte(`${month}-01`).and(_.lt(`${addMonths(month, 1)}-01`)) },
    ];
    const limit = Math.min(PAGE, Math.max(1, households) * 4);
    const field = { _id: true, householdId: true, status: true, 'audit.points': true };
    const pageOf = async (base: object, after: Query): Promise<DecidedRow[]> =>
      (await db.collection<Application>(C.applications).where({ ...base, ...after }).orderBy('householdId', 'asc').orderBy('_id', 'asc').field(field).limit(limit).get()).data as DecidedRow[];
    const pages = await Promise.all(streams.map((base) => pageOf(base, afterHousehold === null ? {} : { householdId: _.gt(afterHousehold) })));
    // A full page may stop inside its last household: only households before it are complete.
    let cutoff: string | null = null;
    for (const page of pages) {
      if (page.length < limit) continue;
      const last = page[page.length - 1].householdId;
      if (cutoff === null || last < cutoff) cutoff = last;
    }
    const rows = pages.flat();
    const ids = [...new Set(rows.map((r) => r.householdId))].sort();
    const eligible = ids.filter((h) => cutoff === null || h < cutoff);
    const complete = eligible.slice(0, households);
    if (complete.length > 0) {
      const keep = new Set(complete);
      return { rows: rows.filter((r) => keep.has(r.householdId)), more: cutoff !== null || eligible.length > households };
    }
    if (ids.length === 0) return { rows: [], more: false };
    // The first household alone has more applications than a page: all of its, page by page.
    const one = ids[0];
    const out: DecidedRow[] = [];
    for (const base of streams) {
      let after: string | null = null;
      for (;;) {
        const page = await pageOf(base, { householdId: one, ...(after === null ? {} : { _id: _.gt(after) }) });
        out.push(...page);
        if (page.length < limit) break;
        after = page[page.length - 1]._id;
      }
    }
    return { rows: out, more: true };
  },

  /** How many of a village month's applications wait for a decision, and how many of those are frozen. */
  async undecided(db: Database, villageId: string, month: string): Promise<{ undecided: number; frozen: number }> {
    const _ = db.command;
    const coll = db.collection<Application>(C.applications);
    const legacyRange = { villageId, status: 'first_reviewed', auditMonth: _.exists(false), deedDate: _.gte(`${month}-01`).and(_.lt(`${addMonths(month, 1)}-01`)) };
    const [a, b, fa, fb] = await Promise.all([
      coll.where({ villageId, auditMonth: month, status: 'first_reviewed' }).count(),
      coll.where(legacyRange).count(),
      coll.where({ villageId, auditMonth: month, status: 'first_reviewed', 'audit.frozen.byId': _.exists(true) }).count(),
      coll.where({ ...legacyRange, 'audit.frozen.byId': _.exists(true) }).count(),
    ]);
    return { undecided: a.total + b.total, frozen: fa.total + fb.total };
  },
};
