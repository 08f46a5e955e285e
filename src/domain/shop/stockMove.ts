import { DomainError } from '../shared/errors';
import type { Goods, StockMove, StockMoveKind } from './types';

/**
 * The one way stock changes: a move of `delta` units on a goods, with the stock after it.
 * Stock never goes below zero.
 */
export function stockMove(
  g: Goods,
  m: {
    id: string;
    kind: StockMoveKind;
    delta: number;
    costFen: number | null;
    reason: string | null;
    sourceId: string | null;
    actor: { _id: string; name: string };
    at: number;
  },
): StockMove {
  if (!Number.isSafeInteger(m.delta) || m.delta === 0) throw new DomainError('BAD_INPUT', '数量必须是正整数');
  const stockAfter = g.stock + m.delta;
  if (stockAfter < 0) throw new DomainError('OUT_OF_STOCK', `“${g.name}”库存不足：剩 ${g.stock} 件`);
  return {
    _id: m.id,
    townId: g.townId,
    villageId: g.villageId,
    goodsId: g._id,
    goodsName: g.name,
    kind: m.kind,
    delta: m.delta,
    costFen: m.costFen,
    reason: m.reason,
    sourceId: m.sourceId,
    actorId: m.actor._id,
    actorName: m.actor.name,
    at: m.at,
    stockAfter,
  };
}
