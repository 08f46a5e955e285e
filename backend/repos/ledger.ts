import type { Balance, LedgerEntry } from '@domain/ledger/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const ledgerRepo = {
  async balance(db: Database, householdId: string): Promise<Balance | null> {
    const { data } = await db.collection<Balance>(C.balances).doc(householdId).get();
    return data[0] ?? null;
  },

  async entry(db: Database, id: string): Promise<LedgerEntry | null> {
    const { data } = await db.collection<LedgerEntry>(C.ledgerEntries).doc(id).get();
    return data[0] ?? null;
  },

  /** Every entry of a household posted at or before `upTo`, oldest first, paged through by seq. */
  async entriesUpTo(db: Database, householdId: string, upTo: number): Promise<LedgerEntry[]> {
    const _ = db.command;
    const out: LedgerEntry[] = [];
    for (;;) {
      const last = out[out.length - 1]?.seq ?? 0;
      const { data } = await db
        .collection<LedgerEntry>(C.ledgerEntries)
        .where({ householdId, seq: _.gt(last), at: _.lte(upTo) })
        .orderBy('seq', 'asc')
        .limit(1000)
        .get();
      out.push(...data);
      if (data.length < 1000) return out;
    }
  },

  /** Newest first by seq; `beforeSeq` pages backwards. Served by the (householdId, seq desc) index. */
  async entries(db: Database, householdId: string, limit: number, beforeSeq?: number): Promise<LedgerEntry[]> {
    const where = beforeSeq === undefined ? { householdId } : { householdId, seq: db.command.lt(beforeSeq) };
    const { data } = await db.collection<LedgerEntry>(C.ledgerEntries).where(where).orderBy('seq', 'desc').limit(limit).get();
    return data;
  },
};
