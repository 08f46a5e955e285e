import type { VillagePolicy } from '../org/policy';
import type { IsoDate } from '../shared/time';
import type { EntryDraft } from '../ledger/types';

/**
 * Seed 000's annual base (基础分): "遵纪守法的家庭每年基础分 100 分". When the village's
 * `baseScore.mode` is `annual_base`, each household gets `annualBase` redeemable points once a
 * year, posted on 1 January (the same timer as the year end, after it) or by an admin's run —
 * except a household barred by a veto (一票否决) on that day: not law-abiding, no base.
 * The entry id is per household and year, so the posting happens once whoever runs it how often.
 */
export function annualBaseEntryId(year: number, householdId: string): string {
  return `ab-${year}-${householdId}`;
}

export function annualBaseRunId(year: number, villageId: string): string {
  return `ab-${year}-${villageId}`;
}

/** Barred on 1 January of the year (a veto whose bar runs into it): no base for that year. */
export function barredAtYearStart(vetoedUntil: IsoDate | null | undefined, year: number): boolean {
  return !!vetoedUntil && vetoedUntil > `${year}-01-01`;
}

export function annualBaseDraft(
  policy: Pick<VillagePolicy, 'baseScore'>,
  household: { _id: string; villageId: string; vetoedUntil?: IsoDate | null },
  year: number,
  actor: { id: string; name: string },
  at: number,
): EntryDraft | null {
  if (policy.baseScore.mode !== 'annual_base' || policy.baseScore.annualBase <= 0) return null;
  if (barredAtYearStart(household.vetoedUntil, year)) return null;
  return {
    _id: annualBaseEntryId(year, household._id),
    householdId: household._id,
    kind: 'base_score',
    bucket: 'redeemable',
    delta: policy.baseScore.annualBase,
    sourceId: annualBaseRunId(year, household.villageId),
    label: `${year} 年度基础分`,
    actorId: actor.id,
    actorName: actor.name,
    reason: '遵纪守法家庭年度基础分',
    reverses: null,
    reversedKind: null,
    at,
    period: String(year),
  };
}
