import type { FundEntry, VillageTotals } from '@domain/fund/types';
import type { Village } from '@domain/org/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const fundRepo = {
  async totals(db: Database, villageId: string): Promise<VillageTotals | null> {
    const { data } = await db.collection<VillageTotals>(C.villageTotals).doc(villageId).get();
    return data[0] ?? null;
  },

  async entriesOfVillage(db: Database, villageId: string, limit = 100): Promise<FundEntry[]> {
    const { data } = await db.collection<FundEntry>(C.fundEntries).where({ villageId }).orderBy('at', 'desc').limit(limit).get();
    return data;
  },

  async villagesOfTown(db: Database, townId: string): Promise<Village[]> {
    const { data } = await db.collection<Village>(C.villages).where({ townId }).orderBy('_id', 'asc').limit(1000).get();
    return data;
  },
};
