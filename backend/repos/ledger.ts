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

  /** Newest first by seq; `beforeSeq` pages backwards. Served by the (householdId, seq desc) index. */
  async entries(db: Database, householdId: string, limit: number, beforeSeq?: number): Promise<LedgerEntry[]> {
    const where = beforeSeq === undefined ? { householdId } : { householdId, seq: db.command.lt(beforeSeq) };
    const { data } = await db.collection<LedgerEntry>(C.ledgerEntries).where(where).orderBy('seq', 'desc').limit(limit).get();
    return data;
  },
};
