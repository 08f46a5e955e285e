import type { Goods, Receipt, RedemptionCode, StockMove } from '@domain/shop/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const shopRepo = {
  async goods(db: Database, id: string): Promise<Goods | null> {
    const { data } = await db.collection<Goods>(C.goods).doc(id).get();
    return data[0] ?? null;
  },

  /** A village's shelf, cheapest first (a village stocks tens of goods, never a thousand). */
  async goodsOfVillage(db: Database, villageId: string, includeInactive: boolean): Promise<Goods[]> {
    const where = includeInactive ? { villageId } : { villageId, active: true };
    const { data } = await db.collection<Goods>(C.goods).where(where).orderBy('price', 'asc').limit(1000).get();
    return data;
  },

  async goodsByName(db: Database, villageId: string, name: string): Promise<Goods | null> {
    const { data } = await db.collection<Goods>(C.goods).where({ villageId, name }).limit(1).get();
    return data[0] ?? null;
  },

  async code(db: Database, code: string): Promise<RedemptionCode | null> {
    const { data } = await db.collection<RedemptionCode>(C.redemptionCodes).doc(code).get();
    return data[0] ?? null;
  },

  async receipt(db: Database, id: string): Promise<Receipt | null> {
    const { data } = await db.collection<Receipt>(C.receipts).doc(id).get();
    return data[0] ?? null;
  },

  /** Newest first, by household, issuing clerk or village (each has its index). */
  async receipts(db: Database, by: { householdId: string } | { clerkId: string } | { villageId: string }, limit: number): Promise<Receipt[]> {
    const { data } = await db.collection<Receipt>(C.receipts).where(by).orderBy('at', 'desc').limit(limit).get();
    return data;
  },

  async stockMoves(db: Database, goodsId: string, limit = 200): Promise<StockMove[]> {
    const { data } = await db.collection<StockMove>(C.stockMoves).where({ goodsId }).orderBy('at', 'desc').limit(limit).get();
    return data;
  },
};
