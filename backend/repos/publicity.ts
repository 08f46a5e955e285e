import type { Household, Person } from '@domain/org/types';
import type { LedgerEntry } from '@domain/ledger/types';
import type { LineChunk, Objection, ObjectionStatus, Publicity } from '@domain/publicity/types';
import { chunkIdOf } from '@domain/publicity/ids';
import type { Database } from '../db/types';
import { C } from './collections';

const PAGE = 1000;

/** Reads every page of a query that returns ids above `after`, `PAGE` documents at a time (batch jobs only). */
async function byIdPages<T extends { _id: string }>(page: (after: string | null) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let after: string | null = null; ; ) {
    const rows = await page(after);
    out.push(...rows);
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1]._id;
  }
}

export type HouseholdRow = Pick<Household, '_id' | 'gridId' | 'doorNo' | 'headName'>;

export const publicityRepo = {
  async get(db: Database, id: string): Promise<Publicity | null> {
    const { data } = await db.collection<Publicity>(C.publicities).doc(id).get();
    return data[0] ?? null;
  },

  /** The village's newest publicity. */
  async latestOfVillage(db: Database, villageId: string): Promise<Publicity | null> {
    const { data } = await db.collection<Publicity>(C.publicities).where({ villageId }).orderBy('quarter', 'desc').limit(1).get();
    return data[0] ?? null;
  },

  /** The village's publicities of the given quarters (the year's approved ones for the year's 红榜). */
  async ofVillageQuarters(db: Database, villageId: string, quarters: string[]): Promise<Publicity[]> {
    if (quarters.length === 0) return [];
    const { data } = await db
      .collection<Publicity>(C.publicities)
      .where({ villageId, quarter: db.command.in(quarters) })
      .orderBy('quarter', 'desc')
      .limit(10)
      .get();
    return data;
  },

  async ofTownQuarter(db: Database, townId: string, quarter: string): Promise<Publicity[]> {
    const { data } = await db
      .collection<Publicity>(C.publicities)
      .where({ townId, quarter })
      .field({ redBlack: false, history: false })
      .limit(1000)
      .get();
    return data;
  },

  async chunk(db: Database, publicityId: string, n: number): Promise<LineChunk | null> {
    const { data } = await db.collection<LineChunk>(C.publicityLines).doc(chunkIdOf(publicityId, n)).get();
    return data[0] ?? null;
  },

  /** Every chunk of a publicity in line order (50 documents for 10,000 households). */
  async chunks(db: Database, publicityId: string): Promise<LineChunk[]> {
    const out: LineChunk[] = [];
    for (let offset = 0; ; offset += 100) {
      const { data } = await db
        .collection<LineChunk>(C.publicityLines)
        .where({ publicityId })
        .orderBy('firstKey', 'asc')
        .skip(offset)
        .limit(100)
        .get();
      out.push(...data);
      if (data.length < 100) return out;
    }
  },

  /** The chunk holding the line with this key: the last chunk starting at or before it. */
  async chunkOfKey(db: Database, publicityId: string, key: string): Promise<LineChunk | null> {
    const { data } = await db
      .collection<LineChunk>(C.publicityLines)
      .where({ publicityId, firstKey: db.command.lte(key) })
      .orderBy('firstKey', 'desc')
      .limit(1)
      .get();
    return data[0] ?? null;
  },

  /** The households of a village, paged by _id (a cursor, not skip: no deep OFFSET). */
  async householdsOfVillage(db: Database, villageId: string): Promise<HouseholdRow[]> {
    return byIdPages(async (after) => {
      const { data } = await db
        .collection<Household>(C.households)
        .where({ villageId, ...(after ? { _id: db.command.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get();
      return data as HouseholdRow[];
    });
  },

  /** Sum of the pending entries of a village posted for `period` ('YYYY-MM'), per household. */
  async pendingSumsOfPeriod(db: Database, villageId: string, period: string): Promise<Map<string, number>> {
    const rows = await byIdPages(async (after) => {
      const { data } = await db
        .collection<LedgerEntry>(C.ledgerEntries)
        .where({ villageId, period, ...(after ? { _id: db.command.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .field({ householdId: true, delta: true, bucket: true })
        .get();
      return data as Pick<LedgerEntry, '_id' | 'householdId' | 'delta' | 'bucket'>[];
    });
    const sums = new Map<string, number>();
    for (const r of rows) if (r.bucket === 'pending') sums.set(r.householdId, (sums.get(r.householdId) ?? 0) + r.delta);
    return sums;
  },

  async objection(db: Database, id: string): Promise<Objection | null> {
    const { data } = await db.collection<Objection>(C.objections).doc(id).get();
    return data[0] ?? null;
  },

  async objectionsOf(
    db: Database,
    publicityId: string,
    opts: { status?: ObjectionStatus; offset: number; limit: number },
  ): Promise<{ items: Objection[]; total: number }> {
    const where = opts.status ? { publicityId, status: opts.status } : { publicityId };
    const q = db.collection<Objection>(C.objections).where(where);
    const [{ data }, { total }] = await Promise.all([q.orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(opts.offset).limit(opts.limit).get(), q.count()]);
    return { items: data, total };
  },

  async objectionsBy(db: Database, person: Person, opts: { offset: number; limit: number }): Promise<{ items: Objection[]; total: number }> {
    const q = db.collection<Objection>(C.objections).where({ objectorId: person._id });
    const [{ data }, { total }] = await Promise.all([q.orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(opts.offset).limit(opts.limit).get(), q.count()]);
    return { items: data, total };
  },
};
