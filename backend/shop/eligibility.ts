import type { Household } from '@domain/org/types';
import { maskName } from '@domain/org/types';
import type { VillagePolicy } from '@domain/org/policy';
import type { Balance } from '@domain/ledger/types';
import { redemptionEligibility, type Eligibility } from '@domain/shop/eligibility';
import { cstDate, type IsoDate } from '@domain/shared/time';

/**
 * The redemption gates a household document may carry. The veto and base-score issue sets
 * them; until then they are absent, which reads as "clear" — but they are already checked.
 */
export interface RedemptionGates {
  /** 一票否决: no redemption before this date. */
  vetoedUntil?: IsoDate | null;
  /** Base score passed two consecutive quarters ≥ 85; null/absent = gate not in force. */
  baseScoreOk?: boolean | null;
}
export type HouseholdDoc = Household &
  RedemptionGates & {
    /**
     * The last redemption's receipt: every redemption writes it, so that on CloudBase (no read
     * locks) a redemption conflicts with a veto or base score changing the gates it read.
     */
    lastReceiptId?: string;
    /** A unit standing in for a household at the shop (backend/shop/redeemer.ts). */
    unit?: true;
  };

/** May this household redeem today (China date of `now`)? */
export function eligibilityOf(household: HouseholdDoc, balance: Balance | null, policy: VillagePolicy, now: number): Eligibility {
  return redemptionEligibility({
    today: cstDate(now),
    redemptionDay: policy.redemptionDay,
    vetoedUntil: household.vetoedUntil ?? null,
    baseScoreOk: household.baseScoreOk ?? null,
    redeemable: balance?.redeemable ?? 0,
    ...(household.unit ? { unitMayRedeem: policy.unitsRedeem } : {}),
  });
}

/** What a clerk sees of a household: the head's masked name and the door number, nothing more. */
export function householdLabel(h: Household & { unit?: true }): string {
  // A unit's name is public (it is on the publicity list): not masked.
  if (h.unit) return `${h.headName}（${h.doorNo}）`;
  return `${maskName(h.headName)}（${h.doorNo}）`;
}
