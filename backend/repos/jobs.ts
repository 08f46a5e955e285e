import type { YearEndRun } from '@domain/jobs/yearEnd';
import type { Household } from '@domain/org/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const jobsRepo = {
  /** Year-end runs of these villages, newest year first (index villageId_year). */
  async runs(db: Database, villageIds: string[], year?: number): Promise<YearEndRun[]> {
    if (villageIds.length === 0) return [];
    const where = year === undefined ? { villageId: db.command.in(villageIds) } : { villageId: db.command.in(villageIds), year };
    const { data } = await db.collection<YearEndRun>(C.jobRuns).where(where).orderBy('year', 'desc').limit(1000).get();
    return data;
  },

  /** One page of a village's households in id order after `after` (≤ 1000 per query, CloudBase's cap). */
  async householdPage(db: Database, villageId: string, after: string | null, limit: number): Promise<Household[]> {
    const where = after === null ? { villageId } : { villageId, _id: db.command.gt(after) };
    const { data } = await db.collection<Household>(C.households).where(where).orderBy('_id', 'asc').limit(limit).get();
    return data;
  },
};
