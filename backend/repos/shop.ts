import type { Goods, GoodsDoc, Receipt, RedemptionCode, StockMove } from '@domain/shop/types';
import type { Database } from '../db/types';
import { stockOf, withStock } from '../shop/stock';
import { C } from './collections';
import { pagedAll } from './paged';

export const shopRepo = {
  /** One goods with its stock (the sum of its shards, read after the goods). */
  async goods(db: Database, id: string): Promise<Goods | null> {
    const { data } = await db.collection<GoodsDoc>(C.goods).doc(id).get();
    const doc = data[0];
    if (!doc) return null;
    return withStock(doc, (await stockOf(db, { goodsId: id })).get(id) ?? 0);
  },

  /** A village's shelf, cheapest first (a village stocks tens of goods, never a thousand), with stock. */
  async goodsOfVillage(db: Database, villageId: string, includeInactive: boolean): Promise<Goods[]> {
    const where = includeInactive ? { villageId } : { villageId, active: true };
    const [{ data }, stock] = await Promise.all([
      db.collection<GoodsDoc>(C.goods).where(where).orderBy('price', 'asc').limit(1000).get(),
      stockOf(db, { villageId }),
    ]);
    return data.map((g) => withStock(g, stock.get(g._id) ?? 0));
  },

  async goodsByName(db: Database, villageId: string, name: string): Promise<GoodsDoc | null> {
    const { data } = await db.collection<GoodsDoc>(C.goods).where({ villageId, name }).limit(1).get();
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
  /** A village's receipts made in [from, to), every one (paged), in no particular order. */
  receiptsBetween(db: Database, villageId: string, from: number, to: number): Promise<Receipt[]> {
    const _ = db.command;
    return pagedAll<Receipt>(db, C.receipts, { villageId, at: _.gte(from).and(_.lt(to)) });
  },

  async receipts(db: Database, by: { householdId: string } | { clerkId: string } | { villageId: string }, limit: number): Promise<Receipt[]> {
    const { data } = await db.collection<Receipt>(C.receipts).where(by).orderBy('at', 'desc').limit(limit).get();
    return data;
  },

  async stockMoves(db: Database, goodsId: string, limit = 200): Promise<StockMove[]> {
    const { data } = await db.collection<StockMove>(C.stockMoves).where({ goodsId }).orderBy('at', 'desc').limit(limit).get();
    return data;
  },
};
