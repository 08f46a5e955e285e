import type { Goods, GoodsDoc } from '@domain/shop/types';
import { STOCK_SHARDS, spreadStock, stockShardId, type StockShard } from '@domain/shop/stockShards';
import type { Database, Transaction } from '../db/types';
import { C } from '../repos/collections';

/** A shard as read (absent = holds nothing yet). */
function shardOf(goods: GoodsDoc, n: number, data: StockShard | null): StockShard {
  return data ?? { _id: stockShardId(goods._id, n), goodsId: goods._id, villageId: goods.villageId, townId: goods.townId, stock: 0, updatedAt: 0 };
}

/** Reads shards `ns` of a goods inside `tx`, together; each as stored (null = never written). */
export async function readShardDocs(tx: Transaction, goodsId: string, ns: readonly number[]): Promise<{ n: number; data: StockShard | null }[]> {
  const coll = tx.collection<StockShard>(C.stockShards);
  const read = await Promise.all(ns.map((n) => coll.doc(stockShardId(goodsId, n)).get()));
  return read.map((r, i) => ({ n: ns[i], data: r.data }));
}

/** The shards as read, an absent one holding nothing. */
export function filledShards(goods: GoodsDoc, read: readonly { n: number; data: StockShard | null }[]): StockShard[] {
  return read.map((r) => shardOf(goods, r.n, r.data));
}

/** Reads shards `ns` of a goods inside `tx`, together. */
export async function readShards(tx: Transaction, goods: GoodsDoc, ns: readonly number[]): Promise<StockShard[]> {
  return filledShards(goods, await readShardDocs(tx, goods._id, ns));
}

export const ALL_SHARDS: readonly number[] = Array.from({ length: STOCK_SHARDS }, (_, n) => n);

/**
 * `count` shard numbers starting at a random one, wrapping: simultaneous redemptions of one
 * goods look at (and take from) different shards.
 */
export function shardsFrom(start: number, count: number): number[] {
  const s = ((Math.floor(start) % STOCK_SHARDS) + STOCK_SHARDS) % STOCK_SHARDS;
  return Array.from({ length: Math.min(STOCK_SHARDS, count) }, (_, i) => (s + i) % STOCK_SHARDS);
}

/** Writes the shards given (whole documents: each was read by this transaction). */
export function writeShards(tx: Transaction, shards: readonly StockShard[], now: number): Promise<unknown>[] {
  const coll = tx.collection<StockShard>(C.stockShards);
  return shards.map(({ _id, ...doc }) => coll.doc(_id).set({ ...doc, updatedAt: now }));
}

/**
 * Sets a goods' stock to `total`, spread afresh over every shard (stock in and loss: rare, and
 * writing every shard makes them conflict with any redemption running meanwhile, so the total
 * they computed from is exact). `shards` are all of them as this transaction read them.
 */
export function respread(tx: Transaction, shards: readonly StockShard[], total: number, now: number): Promise<unknown>[] {
  const spread = spreadStock(total);
  return writeShards(
    tx,
    shards.map((s, n) => ({ ...s, stock: spread[n] })),
    now,
  );
}

export const sumStock = (shards: readonly { stock: number }[]): number => shards.reduce((s, x) => s + x.stock, 0);

/** Goods as the product shows them: the stored document with its stock, the sum of its shards. */
export function withStock(goods: GoodsDoc, stock: number): Goods {
  return { ...goods, stock };
}

/** Outside a transaction: the stock of each goods, summed from its shards (one query). */
export async function stockOf(db: Database, by: { goodsId: string } | { villageId: string }): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection<StockShard>(C.stockShards).where(by).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    for (const s of data) out.set(s.goodsId, (out.get(s.goodsId) ?? 0) + s.stock);
    if (data.length < 1000) return out;
  }
}
