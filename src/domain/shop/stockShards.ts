import { DomainError } from '../shared/errors';

/**
 * A goods' stock is held in up to `STOCK_SHARDS` shard documents, not on the goods: on
 * CloudBase the first writer of a document wins and the others retry, so one stock document
 * written by every redemption of a popular goods made simultaneous redemptions queue behind
 * each other (seconds at the shop). A redemption writes only the shard(s) it takes from;
 * stock in / loss rewrite all shards (they are rare and must see the exact total).
 */
export const STOCK_SHARDS = 64;

/** Units per shard aimed at when stock is spread: small stock stays in few shards. */
const UNITS_PER_SHARD = 4;

export interface StockShard {
  /** `{goodsId}~s{nn}`. */
  _id: string;
  goodsId: string;
  villageId: string;
  townId: string;
  stock: number;
  updatedAt: number;
}

export function stockShardId(goodsId: string, n: number): string {
  return `${goodsId}~s${String(n).padStart(2, '0')}`;
}

export function stockShardIds(goodsId: string): string[] {
  return Array.from({ length: STOCK_SHARDS }, (_, n) => stockShardId(goodsId, n));
}

/**
 * How `total` units are spread over the shards: as evenly as possible over enough shards that
 * each holds about `UNITS_PER_SHARD` (all of them for large stock). Σ == total, none negative.
 */
export function spreadStock(total: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new DomainError('BAD_INPUT', '库存数量不正确');
  const used = Math.min(STOCK_SHARDS, Math.max(1, Math.ceil(total / UNITS_PER_SHARD)));
  const base = Math.floor(total / used);
  const extra = total % used;
  return Array.from({ length: STOCK_SHARDS }, (_, n) => (n < used ? base + (n < extra ? 1 : 0) : 0));
}

/**
 * Which shards a redemption reads first, `count` of them: shard `start` (anywhere, so that
 * simultaneous redemptions of a well-stocked goods take from different shards), then one in
 * each ever-smaller prefix down to shard 0 (with 4: `start` mod 64, 16, 4, 1). Stock is spread
 * over a prefix (`spreadStock`), so after a stock in one of them holds some however little
 * there is; with 64 shards a probe of consecutive ones mostly found only empty shards.
 */
export function probeShards(start: number, count: number): number[] {
  const r = ((Math.floor(start) % STOCK_SHARDS) + STOCK_SHARDS) % STOCK_SHARDS;
  const n = Math.max(1, Math.min(STOCK_SHARDS, Math.floor(count)));
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(r % (n === 1 ? STOCK_SHARDS : Math.round(STOCK_SHARDS ** (1 - i / (n - 1)))));
  return [...out];
}

/**
 * Takes `quantity` units out of the shards read (in the order given — the caller shuffles it,
 * so that simultaneous redemptions pick different shards): one shard that holds enough if
 * there is one (one document written), else from several. Returns the shards that change,
 * with their new stock; OUT_OF_STOCK when the shards together hold too little.
 */
export function takeFromShards<S extends { stock: number }>(shards: readonly S[], quantity: number, goodsName: string): S[] {
  const total = shards.reduce((s, x) => s + x.stock, 0);
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new DomainError('BAD_INPUT', '数量必须是正整数');
  if (total < quantity) throw new DomainError('OUT_OF_STOCK', `“${goodsName}”库存不足：剩 ${total} 件`);
  const one = shards.find((x) => x.stock >= quantity);
  if (one) return [{ ...one, stock: one.stock - quantity }];
  const changed: S[] = [];
  let left = quantity;
  for (const x of [...shards].sort((a, b) => b.stock - a.stock)) {
    if (left === 0) break;
    const take = Math.min(left, x.stock);
    if (take === 0) continue;
    changed.push({ ...x, stock: x.stock - take });
    left -= take;
  }
  return changed;
}

/**
 * Puts `quantity` units back into one shard (退货: the goods come back on the shelf). Only that
 * shard changes, so a return writes one document per goods, like a redemption.
 */
export function putIntoShard<S extends { stock: number }>(shard: S, quantity: number): S {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new DomainError('BAD_INPUT', '数量必须是正整数');
  return { ...shard, stock: shard.stock + quantity };
}
