/**
 * 一月一审核 [000][003]: the committee's monthly audit. Each reviewer signs each application
 * (签字确认); a decision takes effect when `policy.auditQuorum` signatures agree; supervisors
 * may freeze an undecided one. The month's results reach the ledger when the leader closes it.
 */

/** What a reviewer may sign for. `adjust` = approve with fewer points (within the item's rule). */
export type AuditDecision = 'approve' | 'reject' | 'adjust' | 'fraud';

export const DECISION_LABELS: Record<AuditDecision, string> = {
  approve: '通过',
  reject: '不通过',
  adjust: '调整分值',
  fraud: '认定虚假',
};

export interface AuditSignature {
  reviewerId: string;
  reviewerName: string;
  decision: AuditDecision;
  /** adjust only: the points this reviewer proposes. */
  points: number | null;
  reason: string | null;
  at: number;
}

export interface AuditFreeze {
  byId: string;
  byName: string;
  reason: string;
  at: number;
}

/** The audit state an application carries once it has passed first review. */
export interface AuditState {
  /** One per reviewer (a reviewer re-signing replaces theirs, until the decision takes effect). */
  signatures: AuditSignature[];
  frozen: AuditFreeze | null;
  /** Set when the quorum agreed. */
  decision: AuditDecision | null;
  /** The ledger delta the decision means for the household (approve: the item's points; fraud: −2×). */
  points: number | null;
  decidedAt: number | null;
}

export type AuditMonthStatus = 'open' | 'closing' | 'closed';

export const MONTH_STATUS_LABELS: Record<AuditMonthStatus, string> = {
  open: '评议中',
  closing: '结账中',
  closed: '已结账',
};

export type MonthHistoryAction = 'open' | 'close_start' | 'close_resume' | 'close_abort' | 'close';

export const MONTH_HISTORY_LABELS: Record<MonthHistoryAction, string> = {
  open: '开始评议',
  close_start: '开始结账',
  close_resume: '继续结账',
  close_abort: '结账中止：又有申报待评议',
  close: '结账完成，积分进入待公示',
};

export interface MonthHistoryEntry {
  at: number;
  action: MonthHistoryAction;
  actorId: string;
  actorName: string;
  note: string | null;
}

/** One per village and month: `${villageId}_${YYYY-MM}` (also the ledger entries' sourceId). */
export interface AuditMonth {
  _id: string;
  townId: string;
  villageId: string;
  /** 'YYYY-MM' */
  month: string;
  status: AuditMonthStatus;
  /**
   * Closing posts households in id order, in batches; each batch's transaction also moves this
   * cursor (the last household posted), so a rerun after a crash resumes after the last batch.
   */
  closeCursor: string | null;
  closedAt: number | null;
  closedById: string | null;
  closedByName: string | null;
  /** Closed after the deadline (the `auditCloseByDay`th of the next month). */
  late: boolean;
  /** Households posted and their net points: summed batch by batch while closing, final when closed. */
  postedHouseholds: number;
  postedPoints: number;
  history: MonthHistoryEntry[];
  createdAt: number;
  updatedAt: number;
  /**
   * Bumped by every transaction whose decision depends on the month being open (a first review
   * joining it, a signature): on CloudBase reads take no locks, so such a transaction must write
   * the month for a concurrent close to conflict with it (no write skew). Absent = 0.
   */
  rev?: number;
}

export function auditMonthId(villageId: string, month: string): string {
  return `${villageId}_${month}`;
}

/** The ledger entry a closed month posts for one household. */
export function auditEntryId(villageId: string, month: string, householdId: string): string {
  return `aud-${villageId}-${month}-${householdId}`;
}
