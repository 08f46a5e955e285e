import type { Receipt } from '../shop/types';
import { cstDateTime } from '../shared/time';
import type { Period } from './period';
import type { Cell, Workbook } from './workbook';

export interface ReceiptsBookInput {
  villageName: string;
  period: Period;
  /** The village's receipts made within the period (any order). */
  receipts: readonly Receipt[];
}

const returnedOf = (r: Receipt) => (r.returns ?? []).reduce((s, x) => s + x.total, 0);

/**
 * 兑换记录台账: every receipt of the period, oldest first — when, which household (masked, as on
 * the receipt), what, points charged, returned and kept, who served — with a total; and the goods
 * that left the shelf (sold, brought back). For the supervisors' check of the shop [003] and the
 * village's books.
 */
export function receiptsBook({ villageName, period, receipts }: ReceiptsBookInput): Workbook {
  const inOrder = [...receipts].sort((a, b) => a.at - b.at || a._id.localeCompare(b._id));
  const rows: Cell[][] = inOrder.map((r) => {
    const returned = returnedOf(r);
    return [
      cstDateTime(r.at),
      r.householdLabel,
      r.lines.map((l) => `${l.name}×${l.quantity}`).join('、'),
      r.total,
      returned,
      r.total - returned,
      (r.returns ?? []).map((x) => x.reason).join('；'),
      r.clerkName,
    ];
  });
  const charged = inOrder.reduce((s, r) => s + r.total, 0);
  const returned = inOrder.reduce((s, r) => s + returnedOf(r), 0);
  rows.push(['合计', `${inOrder.length} 张小票`, '', charged, returned, charged - returned, '', '']);

  const goods = new Map<string, { name: string; sold: number; back: number; points: number }>();
  for (const r of inOrder) {
    for (const l of r.lines) {
      const g = goods.get(l.goodsId) ?? { name: l.name, sold: 0, back: 0, points: 0 };
      g.sold += l.quantity;
      g.points += l.subtotal;
      goods.set(l.goodsId, g);
    }
    for (const x of r.returns ?? []) {
      for (const l of x.lines) {
        const g = goods.get(l.goodsId);
        if (!g) continue;
        g.back += l.quantity;
        g.points -= l.subtotal;
      }
    }
  }
  const byGoods = [...goods.values()].sort((a, b) => b.sold - a.sold || a.name.localeCompare(b.name, 'zh'));

  return {
    filename: `${villageName}-兑换记录-${period.label}`,
    sheets: [
      {
        name: '兑换记录',
        title: `${villageName} ${period.label} 积分超市兑换记录`,
        columns: [
          { header: '时间', width: 18 },
          { header: '户', width: 20 },
          { header: '兑换商品', width: 30 },
          { header: '兑换积分', kind: 'int' },
          { header: '退回积分', kind: 'int' },
          { header: '实际使用积分', kind: 'int' },
          { header: '退货原因', width: 20 },
          { header: '经手人' },
        ],
        rows,
        totalRows: [rows.length - 1],
        notes: ['户名已部分隐去；退货后的积分已退回该户。'],
      },
      {
        name: '按商品',
        title: `${villageName} ${period.label} 兑出商品`,
        columns: [{ header: '商品', width: 16 }, { header: '兑出数量', kind: 'int' }, { header: '退回数量', kind: 'int' }, { header: '实际使用积分', kind: 'int' }],
        rows: byGoods.map((g) => [g.name, g.sold, g.back, g.points]),
      },
    ],
  };
}
