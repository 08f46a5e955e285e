/**
 * The points ledger, in the spirit of TigerBeetle: entries are appended, never edited;
 * a correction is a new entry that names the one it reverses; each entry's id is chosen
 * from its source, so posting the same thing twice is harmless. Points are integers.
 *
 * Two buckets make the two-phase flow of SPEC §5: approved points wait in `pending`
 * (publicity and town review), then move to `redeemable`; only `redeemable` can be spent.
 */
export type Bucket = 'pending' | 'redeemable';

/** Where an entry comes from. */
export type EntryKind =
  | 'application'
  | 'base_score'
  | 'objection'
  | 'publicity'
  | 'redemption'
  | 'refund'
  | 'adjustment'
  | 'reversal'
  | 'veto'
  | 'year_end';

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  application: '月度评议入账',
  base_score: '基础评分',
  objection: '异议更正',
  publicity: '公示通过',
  redemption: '超市兑换',
  refund: '超市退货',
  adjustment: '村委调整',
  reversal: '更正冲销',
  veto: '一票否决',
  year_end: '年底清零',
};

export interface BalanceFigures {
  pending: number;
  redeemable: number;
  /** Points spent at the shop, net of refunds. */
  spent: number;
}

/** One document per household, updated in the same transaction as each entry it sums. */
export interface Balance extends BalanceFigures {
  _id: string; // householdId
  townId: string;
  villageId: string;
  /** Number of entries posted: the next entry's seq is seq + 1. */
  seq: number;
  updatedAt: number;
  /**
   * The periods this household is already counted in by the dashboard's counters: `a2026-03`
   * (an approved month result), `r2026-Q1` (redeemed), … (src/domain/dashboard/activity.ts).
   */
  marks?: string[];
}

export interface LedgerEntry {
  _id: string;
  townId: string;
  villageId: string;
  householdId: string;
  /** 1, 2, 3 … per household: the order the balance saw them in. */
  seq: number;
  kind: EntryKind;
  bucket: Bucket;
  /** Integer points, + or −, never 0. */
  delta: number;
  /** What the entry is for: an application, a receipt, an adjustment … and its label for people. */
  sourceId: string;
  label: string;
  actorId: string;
  actorName: string;
  reason: string | null;
  /** The entry this one reverses, for corrections, and that entry's kind. */
  reverses: string | null;
  reversedKind: EntryKind | null;
  at: number;
  balanceAfter: BalanceFigures;
  /**
   * Reversals only: the client's requestId that posted it. A reversal's id comes from the entry
   * it reverses (one reversal per entry); this tells a retry (same actor, same requestId) from
   * a second attempt to reverse the same entry.
   */
  requestId?: string;
  /**
   * The period the points belong to: 'YYYY-MM' for a month's audit result, 'YYYY-Qn' for a
   * quarter's base score, publicity move or objection correction; absent for shop and admin entries.
   */
  period?: string;
}

/** What a caller asks to post; the ledger fills seq, balanceAfter and the household's place. */
export type EntryDraft = Pick<
  LedgerEntry,
  '_id' | 'householdId' | 'kind' | 'bucket' | 'delta' | 'sourceId' | 'label' | 'actorId' | 'actorName' | 'reason' | 'reverses' | 'reversedKind' | 'at' | 'requestId' | 'period'
>;
