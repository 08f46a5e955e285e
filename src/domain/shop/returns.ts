import { DomainError } from '../shared/errors';
import type { Receipt, ReceiptLine, ReceiptReturn } from './types';

/**
 * 退货 at the shop: a clerk (or the village admin) takes back some lines of a receipt — or all —
 * within `returnDays` of the redemption, with a reason. Never more of a goods than the receipt
 * sold, net of earlier returns; the points come back at the receipt's prices.
 */

/** Units of each goods still returnable on the receipt. */
export function returnable(receipt: Pick<Receipt, 'lines' | 'returns'>): Map<string, number> {
  const left = new Map<string, number>();
  for (const l of receipt.lines) left.set(l.goodsId, (left.get(l.goodsId) ?? 0) + l.quantity);
  for (const r of receipt.returns ?? []) for (const l of r.lines) left.set(l.goodsId, (left.get(l.goodsId) ?? 0) - l.quantity);
  return left;
}

/** The last instant (exclusive) a receipt may be returned. */
export function returnDeadline(receipt: Pick<Receipt, 'at'>, returnDays: number): number {
  return receipt.at + returnDays * 24 * 3600_000;
}

export interface ReturnRequest {
  id: string;
  lines: readonly { goodsId: string; quantity: number }[];
  reason: string;
  actor: { _id: string; name: string };
  at: number;
}

/** The return, checked against the receipt as read in the transaction. */
export function planReturn(receipt: Receipt, req: ReturnRequest, returnDays: number): ReceiptReturn {
  if (req.at >= returnDeadline(receipt, returnDays)) {
    throw new DomainError('RETURN_WINDOW', `已超过退货期限（兑换后 ${returnDays} 天内可退），不能退货`);
  }
  const reason = req.reason.trim();
  if (!reason) throw new DomainError('REASON_REQUIRED', '请填写退货原因');
  if (req.lines.length === 0) throw new DomainError('BAD_INPUT', '请选择要退的商品');
  const wanted = new Map<string, number>();
  for (const l of req.lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new DomainError('BAD_INPUT', '退货数量必须是正整数');
    wanted.set(l.goodsId, (wanted.get(l.goodsId) ?? 0) + l.quantity);
  }
  const left = returnable(receipt);
  const lines: ReceiptLine[] = [];
  for (const [goodsId, quantity] of wanted) {
    const sold = receipt.lines.find((l) => l.goodsId === goodsId);
    if (!sold) throw new DomainError('BAD_INPUT', '这张小票上没有这件商品');
    const can = left.get(goodsId) ?? 0;
    if (quantity > can) throw new DomainError('RETURN_TOO_MANY', `“${sold.name}”最多还能退 ${can} 件`);
    lines.push({ goodsId, name: sold.name, price: sold.price, quantity, subtotal: sold.price * quantity });
  }
  return {
    id: req.id,
    lines,
    total: lines.reduce((s, l) => s + l.subtotal, 0),
    reason,
    actorId: req.actor._id,
    actorName: req.actor.name,
    at: req.at,
  };
}

/** Whether anything of the receipt may still be returned at `now`: within the window and some units left. */
export function returnOpen(receipt: Pick<Receipt, 'at' | 'lines' | 'returns'>, now: number, returnDays: number): boolean {
  return now < returnDeadline(receipt, returnDays) && [...returnable(receipt).values()].some((n) => n > 0);
}

/** Points the household paid net of returns. */
export function netTotal(receipt: Pick<Receipt, 'total' | 'returns'>): number {
  return receipt.total - (receipt.returns ?? []).reduce((s, r) => s + r.total, 0);
}
