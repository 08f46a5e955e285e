import type { PeriodFigures } from './activity';

/** The town's own target (seed 000): households that redeem, as a share of the village's households. */
export const PARTICIPATION_TARGET_PERCENT = 30;

export interface Participation {
  /** Households that redeemed in the period, as a whole percent of the households; null with no households. */
  percent: number | null;
  /** Below the target (never with no households: there is nothing to measure). */
  belowTarget: boolean;
}

export function participationOf(households: number, redeemingHouseholds: number): Participation {
  if (households <= 0) return { percent: null, belowTarget: false };
  const percent = Math.floor((redeemingHouseholds * 100) / households);
  return { percent, belowTarget: percent < PARTICIPATION_TARGET_PERCENT };
}

/** One village's line of the 镇看板 for a period. */
export interface DashboardRow extends PeriodFigures {
  villageId: string;
  villageName: string;
  households: number;
  boundHouseholds: number;
  /** Households with an approved month result, percent of the households (null with none). */
  approvedPercent: number | null;
  participation: Participation;
  /** Now: points waiting for publicity / town review, and redeemable (what the shop owes). */
  pending: number;
  redeemable: number;
  poolFen: number;
  stockValueFen: number;
  liabilityFen: number;
  fundWarning: string | null;
  /** Audit months of the period (up to now) closed late or still open past their close-by day. */
  lateMonths: number;
  publicity: { quarter: string; status: string; label: string };
  eventsOpen: number;
  eventsOverdue: number;
  /** The grid workers' published assessment of the period's last finished month. */
  assessment: { month: string; workers: number; average: number | null };
}

export interface Dashboard {
  period: string;
  label: string;
  targetPercent: number;
  villages: DashboardRow[];
  /** The town's sums (percentages over the town's households); null for a single village. */
  total: Omit<DashboardRow, 'villageId' | 'villageName' | 'publicity' | 'assessment'> | null;
}

/** The town's line: sums of the villages' figures, percentages recomputed over the sums. */
export function townTotal(rows: readonly DashboardRow[]): NonNullable<Dashboard['total']> {
  const sum = (f: (r: DashboardRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const households = sum((r) => r.households);
  const approvedHouseholds = sum((r) => r.approvedHouseholds);
  const redeemingHouseholds = sum((r) => r.redeemingHouseholds);
  return {
    households,
    boundHouseholds: sum((r) => r.boundHouseholds),
    issued: sum((r) => r.issued),
    redeemed: sum((r) => r.redeemed),
    approvedHouseholds,
    redeemingHouseholds,
    approvedPercent: households > 0 ? Math.floor((approvedHouseholds * 100) / households) : null,
    participation: participationOf(households, redeemingHouseholds),
    pending: sum((r) => r.pending),
    redeemable: sum((r) => r.redeemable),
    poolFen: sum((r) => r.poolFen),
    stockValueFen: sum((r) => r.stockValueFen),
    liabilityFen: sum((r) => r.liabilityFen),
    fundWarning: rows.some((r) => r.fundWarning) ? '有村的未兑换积分超过基金池与库存' : null,
    lateMonths: sum((r) => r.lateMonths),
    eventsOpen: sum((r) => r.eventsOpen),
    eventsOverdue: sum((r) => r.eventsOverdue),
  };
}

/** A bar's length in whole percent of the longest (the chart is drawn with plain views). */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1, Math.round((value * 100) / max));
}
