import { DEFAULT_REDEMPTION_DAY, type RedemptionDayPolicy } from '../shop/redemptionDay';
import { DEFAULT_HONOURS, type HonoursPolicy } from '../ranking/annual';
import { DEFAULT_ASSESSMENT_WEIGHTS, type AssessmentWeights } from '../grid/assessmentWeights';
import type { EventCategory } from '../grid/records';
import { anyPerson } from '../access/gate';

/**
 * Per-village policy: where the seeds disagree, the village chooses. Defaults follow SPEC.md.
 */
export interface VillagePolicy {
  /** A level-3 grid holds at most this many households [004]. */
  maxHouseholdsPerGrid: number;
  /** How many months back a deed may be reported: 1 = this month or last [000 一日一记录, 一月一审核]. */
  submitWindowMonths: number;
  /** Photos per application. */
  maxPhotos: number;
  /** Bytes per photo after client compression. */
  maxPhotoBytes: number;
  /** Committee quorum: decisions take effect when this many of the committee agree [003]. */
  auditQuorum: number;
  /** The month's audit closes by this day of the next month [003]. */
  auditCloseByDay: number;
  /** Publicity window in days [000]. */
  publicityDays: number;
  /** When the shop redeems [003]. */
  redemptionDay: RedemptionDayPolicy;
  /** How long a redemption code lives. */
  codeTtlSeconds: number;
  /** 退货: a receipt may be returned (whole or some lines) within this many days of the redemption. */
  returnDays: number;
  /**
   * 基础评分 [003]: quarterly 人居环境 inspection, 0–100. `pointsPerScore` converts the quarter's
   * average to points; redeeming needs `gateQuarters` consecutive quarters ≥ `gateMin`.
   * Seed 000's variant (an annual base of 100 for law-abiding households) is `mode: 'annual_base'`.
   */
  baseScore: { mode: 'quarterly' | 'annual_base' | 'off'; pointsPerScore: number; gateMin: number; gateQuarters: number; annualBase: number };
  /**
   * 一票否决: clear current points and bar redemption for the rest of the year [003], or keep
   * accruing but bar redemption for `barMonths` months [000].
   */
  veto: { mode: 'clear_and_bar_year' | 'bar_months'; barMonths: number };
  /** 滚动结存 [003] or 年底清零 [000]. */
  yearEnd: 'rollover' | 'clear';
  /** Who sees the 红黑榜: every villager of the village, or only the committees and admins. */
  redBlackVisibility: 'village' | 'committee';
  /** Grid work [002][004]: a worker patrols every `patrolEveryDays` days and visits every household every `visitEveryDays` days. */
  patrolEveryDays: number;
  visitEveryDays: number;
  /** 网格员积分评定: points per counted item (src/domain/grid/assessmentWeights.ts). */
  assessmentWeights: AssessmentWeights;
  /** 办结时限 [002]: hours a level has to handle a grid event of each category after report, escalation, dispatch or reopening. */
  eventDeadlineHours: Record<EventCategory, number>;
  /** 年度评比: 星级文明户 thresholds, 文明农家 / 最美家庭 counts and minimums, the black list rule (src/domain/ranking/annual.ts). */
  honours: HonoursPolicy;
  /** 单位积分: whether units spend their points at the shop; default no — a unit's points are for honours only. */
  unitsRedeem: boolean;
}

export const DEFAULT_POLICY: VillagePolicy = {
  maxHouseholdsPerGrid: 100,
  submitWindowMonths: 1,
  maxPhotos: 3,
  maxPhotoBytes: 2 * 1024 * 1024,
  auditQuorum: 3,
  auditCloseByDay: 10,
  publicityDays: 7,
  redemptionDay: DEFAULT_REDEMPTION_DAY,
  codeTtlSeconds: 120,
  returnDays: 7,
  baseScore: { mode: 'quarterly', pointsPerScore: 0.1, gateMin: 85, gateQuarters: 2, annualBase: 100 },
  veto: { mode: 'clear_and_bar_year', barMonths: 12 },
  yearEnd: 'rollover',
  redBlackVisibility: 'village',
  patrolEveryDays: 1,
  visitEveryDays: 7,
  assessmentWeights: DEFAULT_ASSESSMENT_WEIGHTS,
  eventDeadlineHours: { hazard: 24, security: 24, environment: 48, dispute: 72, request: 72, other: 72 },
  honours: DEFAULT_HONOURS,
  unitsRedeem: false,
};

export function policyWithDefaults(partial: Partial<VillagePolicy> | undefined): VillagePolicy {
  return { ...DEFAULT_POLICY, ...(partial ?? {}) };
}

/**
 * Who may ask the identity function what (the org context's authorization; the village policy
 * above is the villages' own rules). Anyone bound to a person reads who they are, and only
 * themselves: the action takes no id, so there is no resource-level rule.
 */
export const identityGates = {
  whoami: anyPerson,
  /** 工作台: counts of the caller's own work; each count asks its context's gate. */
  workbench: anyPerson,
} as const;
