import type { BaseScoreRecord } from '@domain/audit/baseScore';
import type { Database } from '../db/types';
import { C } from './collections';

const PAGE = 1000;

export const baseScoresRepo = {
  async get(db: Database, id: string): Promise<BaseScoreRecord | null> {
    const { data } = await db.collection<BaseScoreRecord>(C.baseScores).doc(id).get();
    return data[0] ?? null;
  },

  /** Records by id (e.g. one grid's households for a quarter; ≤ 1000 ids). */
  async byIds(db: Database, ids: string[]): Promise<BaseScoreRecord[]> {
    if (ids.length === 0) return [];
    const { data } = await db.collection<BaseScoreRecord>(C.baseScores).where({ _id: db.command.in(ids) }).limit(PAGE).get();
    return data;
  },

  /** Every record of a village's quarter (publicity posts their points), paged through by _id. */
  async ofVillageQuarter(db: Database, villageId: string, quarter: string): Promise<BaseScoreRecord[]> {
    const out: BaseScoreRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const { data }: { data: BaseScoreRecord[] } = await db
        .collection<BaseScoreRecord>(C.baseScores)
        .where({ villageId, quarter, ...(after ? { _id: db.command.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get();
      out.push(...data);
      if (data.length < PAGE) return out;
      after = data[data.length - 1]._id;
    }
  },
};
