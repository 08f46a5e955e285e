import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Balance, EntryDraft } from '@domain/ledger/types';
import type { GoodsDoc, Receipt, StockMove } from '@domain/shop/types';
import { stockMove } from '@domain/shop/stockMove';
import { STOCK_SHARDS, putIntoShard } from '@domain/shop/stockShards';
import type { VillageTotals } from '@domain/fund/types';
import { planReturn } from '@domain/shop/returns';
import { C } from '../repos/collections';
import type { Deps } from '../runtime/deps';
import { stableId } from '../shared/ids';
import { postToLedger, totalsShardId } from '../ledger/post';
import { filledShards, readShardDocs, shardsFrom, withStock, writeShards } from './stock';

/**
 * Same actor + same requestId on the same receipt → same return: a retried confirm finds the
 * first one. The receipt is part of the id, so the refund entry's and moves' ids (derived from
 * it) can never meet another receipt's.
 */
export function returnIdFor(actorId: string, requestId: string, receiptId: string): string {
  return stableId('ret', actorId, requestId, receiptId);
}

/**
 * 退货, in ONE transaction:
 * 1. the receipt is read and written FIRST with the return added (never more than it sold, net
 *    of earlier returns). Every return of a receipt writes it, so on CloudBase (first writer
 *    wins) of two concurrent returns one aborts at its first write and, retried, sees the other's
 *    return; on PostgreSQL the row lock queues them. A retry with the same requestId finds its
 *    return on the receipt and answers with the receipt, writing nothing.
 * 2. each goods comes back on the shelf as a `refund` stock move into ONE stock shard (random,
 *    like a redemption's: see src/domain/shop/stockShards.ts), never the goods document;
 * 3. the points come back as a `refund` ledger entry naming the receipt (`sourceId`) and the
 *    redemption it gives back (`reverses`), with the village's stock value and liability.
 * Authorization (clerk or admin of the receipt's village) is the caller's.
 */
export async function returnGoods(
  deps: Pick<Deps, 'db' | 'now'> & { random?: () => number },
  actor: Person,
  receiptId: string,
  input: { requestId: string; lines: { goodsId: string; quantity: number }[]; reason: string },
  returnDays: number,
): Promise<Receipt> {
  const { db } = deps;
  const id = returnIdFor(actor._id, input.requestId, receiptId);
  const now = deps.now();
  const random = deps.random ?? Math.random;
  return db.runTransaction(async (tx) => {
    const receipts = tx.collection<Receipt>(C.receipts);
    const { data: receipt } = await receipts.doc(receiptId).get();
    if (!receipt) throw new DomainError('NOT_FOUND', '找不到该小票');
    // A retry of a return that landed answers with the receipt as it is.
    if ((receipt.returns ?? []).some((r) => r.id === id)) return receipt;
    const ret = planReturn(receipt, { id, lines: input.lines, reason: input.reason, actor, at: now }, returnDays);

    // The contended document first: concurrent returns of this receipt collide here.
    const next: Receipt = { ...receipt, returns: [...(receipt.returns ?? []), ret] };
    const { _id: rid, ...receiptDoc } = next;
    await receipts.doc(rid).set(receiptDoc);

    // One round trip: balance, the household's totals shard, each goods and one shard of it.
    const goodsRef = tx.collection<GoodsDoc>(C.goods);
    const [{ data: balance }, { data: totals }, shelf] = await Promise.all([
      tx.collection<Balance>(C.balances).doc(receipt.householdId).get(),
      tx.collection<VillageTotals>(C.villageTotals).doc(totalsShardId(receipt.villageId, { householdId: receipt.householdId })).get(),
      Promise.all(
        ret.lines.map(async (line) => {
          const [{ data }, read] = await Promise.all([goodsRef.doc(line.goodsId).get(), readShardDocs(tx, line.goodsId, shardsFrom(random() * STOCK_SHARDS, 1))]);
          if (!data || data.villageId !== receipt.villageId) throw new DomainError('NOT_FOUND', '找不到该商品');
          return { line, doc: data, shard: filledShards(data, read)[0] };
        }),
      ),
    ]);

    const writes: Promise<unknown>[] = [];
    const moves = tx.collection<StockMove>(C.stockMoves);
    let stockValueBack = 0;
    for (const { line, doc, shard } of shelf) {
      // The one stock-move rule; like a redemption's, the move has no exact "stock after" (the
      // other shards were not read).
      const { _id: moveId, ...move } = stockMove(withStock(doc, shard.stock), {
        id: stableId('mv', id, doc._id),
        kind: 'refund',
        delta: line.quantity,
        costFen: null,
        reason: ret.reason,
        sourceId: receipt._id,
        actor,
        at: now,
      });
      stockValueBack += line.quantity * doc.unitCostFen;
      writes.push(moves.doc(moveId).set({ ...move, stockAfter: null }), ...writeShards(tx, [putIntoShard(shard, line.quantity)], now));
    }

    const draft: EntryDraft = {
      _id: `le_${id}`,
      householdId: receipt.householdId,
      kind: 'refund',
      bucket: 'redeemable',
      delta: ret.total,
      sourceId: receipt._id,
      label: `超市退货：${ret.lines.map((l) => `${l.name}×${l.quantity}`).join('、')}（小票 ${receipt._id.slice(-6)}）`,
      actorId: actor._id,
      actorName: actor.name,
      reason: ret.reason,
      // It gives back (part of) a redemption: `spent` goes down by as much.
      reverses: `le_${receipt._id}`,
      reversedKind: 'redemption',
      at: now,
    };
    // The entry id comes from the return's, new on this receipt (checked above).
    writes.push(
      postToLedger(tx, draft, { townId: receipt.townId, villageId: receipt.villageId }, { extra: { stockValueFen: stockValueBack }, balance, totals, knownNew: true }),
    );
    await Promise.all(writes);
    return next;
  });
}
