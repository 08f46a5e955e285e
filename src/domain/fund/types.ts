import type { PeriodTable } from '../dashboard/activity';
/**
 * The fund pool (基金池) [003]: money in from 乡贤 donations, sponsors and collective
 * income; money out when goods are bought. Amounts are integer fen (分); 1 point ≈ 1 yuan.
 */
export type FundEntryKind = 'donation' | 'sponsor' | 'collective_income' | 'purchase' | 'other_out';

export const FUND_KIND_LABELS: Record<FundEntryKind, string> = {
  donation: '乡贤捐赠',
  sponsor: '企业赞助',
  collective_income: '集体收入',
  purchase: '采购商品',
  other_out: '其他支出',
};

export const FUND_IN: readonly FundEntryKind[] = ['donation', 'sponsor', 'collective_income'];

export interface FundEntry {
  _id: string;
  townId: string;
  villageId: string;
  kind: FundEntryKind;
  /** Positive; the kind says whether money came in or went out. */
  amountFen: number;
  counterparty: string | null;
  note: string | null;
  /** Stock-in that a purchase paid for. */
  sourceId: string | null;
  actorId: string;
  actorName: string;
  at: number;
}

/**
 * Running totals of a village, updated in the same transaction as what changes them. Stored in
 * shards (`{villageId}~{shard}`, each with `villageId`), so that no one document is written by
 * every posting of a village; a village's totals are the sum of its shards (fundRepo.totals),
 * whose `_id` is then the village id.
 */
export interface VillageTotals {
  _id: string; // villageId (a shard: `{villageId}~{shard}`)
  /** The village (on shards; a summed view and an unsharded document leave it out). */
  villageId?: string;
  townId: string;
  moneyInFen: number;
  moneyOutFen: number;
  /** Σ stock × unit cost. */
  stockValueFen: number;
  /** Σ redeemable points of the village's households: what the shop owes. */
  outstandingPoints: number;
  pendingPoints: number;
  spentPoints: number;
  updatedAt: number;
  /** The dashboard's figures per period ('YYYY-MM', 'YYYY-Qn', 'YYYY'), added by each posting. */
  periods?: PeriodTable;
}

export interface PoolView {
  villageId: string;
  villageName: string;
  moneyInFen: number;
  moneyOutFen: number;
  poolFen: number;
  stockValueFen: number;
  /** Outstanding redeemable points as yuan-equivalent fen (1 point ≈ 1 yuan). */
  liabilityFen: number;
  outstandingPoints: number;
  /** Liability exceeds pool + stock: the shop could not honour every point. */
  warning: string | null;
}

export function poolView(t: VillageTotals, villageName: string): PoolView {
  const poolFen = t.moneyInFen - t.moneyOutFen;
  const liabilityFen = t.outstandingPoints * 100;
  const cover = poolFen + t.stockValueFen;
  return {
    villageId: t._id,
    villageName,
    moneyInFen: t.moneyInFen,
    moneyOutFen: t.moneyOutFen,
    poolFen,
    stockValueFen: t.stockValueFen,
    liabilityFen,
    outstandingPoints: t.outstandingPoints,
    warning: liabilityFen > cover ? `未兑换积分折合 ${(liabilityFen / 100).toFixed(2)} 元，超过基金池与库存合计 ${(cover / 100).toFixed(2)} 元` : null,
  };
}

export function emptyTotals(villageId: string, townId: string, now: number): VillageTotals {
  return { _id: villageId, townId, moneyInFen: 0, moneyOutFen: 0, stockValueFen: 0, outstandingPoints: 0, pendingPoints: 0, spentPoints: 0, updatedAt: now };
}
