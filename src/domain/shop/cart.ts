import { DomainError } from '../shared/errors';
import type { Goods, ReceiptLine } from './types';

export interface CartLine {
  goodsId: string;
  quantity: number;
}

/** Prices a cart against the village's goods; refuses what cannot be handed over. */
export function priceCart(goods: readonly Goods[], lines: readonly CartLine[], villageId: string): { lines: ReceiptLine[]; total: number } {
  if (lines.length === 0) throw new DomainError('BAD_INPUT', '请先选择要兑换的商品');
  const seen = new Set<string>();
  const out: ReceiptLine[] = [];
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new DomainError('BAD_INPUT', '数量必须是正整数');
    if (seen.has(l.goodsId)) throw new DomainError('BAD_INPUT', '同一商品请合并数量');
    seen.add(l.goodsId);
    const g = goods.find((x) => x._id === l.goodsId);
    if (!g || g.villageId !== villageId) throw new DomainError('NOT_FOUND', '找不到该商品');
    if (!g.active) throw new DomainError('GOODS_INACTIVE', `“${g.name}”已下架`);
    if (g.stock < l.quantity) throw new DomainError('OUT_OF_STOCK', `“${g.name}”库存不足：剩 ${g.stock} 件`);
    out.push({ goodsId: g._id, name: g.name, price: g.price, quantity: l.quantity, subtotal: g.price * l.quantity });
  }
  return { lines: out, total: out.reduce((s, l) => s + l.subtotal, 0) };
}
