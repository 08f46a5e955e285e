import { DEFAULT_REDEMPTION_DAY, type RedemptionDayPolicy } from '../shop/redemptionDay';

/**
 * Per-village policy: where the seeds disagree, the village chooses. Defaults follow SPEC.md.
 * Later issues add fields (audit quorum, publicity window, redemption days …) here.
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
};

export function policyWithDefaults(partial: Partial<VillagePolicy> | undefined): VillagePolicy {
  return { ...DEFAULT_POLICY, ...(partial ?? {}) };
}
