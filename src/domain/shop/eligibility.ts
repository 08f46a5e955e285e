import type { IsoDate } from '../shared/time';
import { describeRedemptionDay, isRedemptionDay, nextRedemptionDay, type RedemptionDayPolicy } from './redemptionDay';

/**
 * May this household redeem today? Every gate of SPEC §6–§7 is a check here. The veto and
 * the base-score gate are filled in by the audit issue; until then their inputs say "clear".
 */
export interface EligibilityInput {
  today: IsoDate;
  redemptionDay: RedemptionDayPolicy;
  /** A veto (一票否决) barring redemption until this date (exclusive), or null. */
  vetoedUntil: IsoDate | null;
  /** Whether the base-score gate (two consecutive quarters ≥ 85) is passed; null = gate not in force. */
  baseScoreOk: boolean | null;
  redeemable: number;
  /** A unit's account (单位积分): may it redeem at all (village policy unitsRedeem)? Absent: a household. */
  unitMayRedeem?: boolean;
}

export interface Eligibility {
  allowed: boolean;
  /** Chinese reasons a clerk can read out; empty when allowed. */
  reasons: string[];
  nextDay: IsoDate | null;
}

export function redemptionEligibility(i: EligibilityInput): Eligibility {
  const reasons: string[] = [];
  if (i.unitMayRedeem === false) reasons.push('本村规定单位积分只作评比荣誉，不在积分超市兑换');
  if (!isRedemptionDay(i.today, i.redemptionDay)) {
    const next = nextRedemptionDay(i.today, i.redemptionDay);
    reasons.push(`今天不是兑换日：${describeRedemptionDay(i.redemptionDay)}${next ? `，下次兑换日 ${next}` : ''}`);
  }
  if (i.vetoedUntil && i.today < i.vetoedUntil) reasons.push(`该户因一票否决暂停兑换，至 ${i.vetoedUntil} 止`);
  if (i.baseScoreOk === false) reasons.push('该户基础评分未连续两个季度达到 85 分，暂不能兑换');
  if (i.redeemable <= 0) reasons.push('该户暂无可兑换积分');
  return { allowed: reasons.length === 0, reasons, nextDay: nextRedemptionDay(i.today, i.redemptionDay) };
}
