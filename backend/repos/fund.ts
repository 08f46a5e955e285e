import { emptyTotals, type FundEntry, type VillageTotals } from '@domain/fund/types';
import { addPeriods } from '@domain/dashboard/activity';
import type { Village } from '@domain/org/types';
import type { Database } from '../db/types';
import { C } from './collections';

const FIELDS = ['moneyInFen', 'moneyOutFen', 'stockValueFen', 'outstandingPoints', 'pendingPoints', 'spentPoints'] as const;

/** Shards summed into one village's totals (`_id` the village id, `updatedAt` the latest). */
export function sumTotals(villageId: string, parts: readonly VillageTotals[]): VillageTotals {
  const out: VillageTotals = { ...emptyTotals(villageId, parts[0]?.townId ?? '', 0) };
  for (const p of parts) {
    for (const f of FIELDS) out[f] += p[f];
    out.updatedAt = Math.max(out.updatedAt, p.updatedAt);
    if (p.periods) out.periods = addPeriods(out.periods ?? {}, p.periods);
  }
  return out;
}

export const fundRepo = {
  /**
   * A village's totals: the sum of its shards (`{villageId}~…`, see ledger/post.ts), plus the
   * unsharded `villageTotals/{villageId}` of data written before the shards. Null when none exists.
   */
  async totals(db: Database, villageId: string): Promise<VillageTotals | null> {
    const coll = db.collection<VillageTotals>(C.villageTotals);
    const [shards, legacy] = await Promise.all([coll.where({ villageId }).limit(1000).get(), coll.doc(villageId).get()]);
    const parts = new Map<string, VillageTotals>();
    for (const t of [...shards.data, ...legacy.data]) parts.set(t._id, t);
    if (parts.size === 0) return null;
    return sumTotals(villageId, [...parts.values()]);
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
