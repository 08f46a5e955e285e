import { DomainError } from '../shared/errors';
import { cstDate, type IsoDate } from '../shared/time';
import type { VillagePolicy } from '../org/policy';

/** A patrol may be logged afterwards, up to this many days back (the worker writes it up at night). */
export const PATROL_BACKFILL_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Phones' clocks drift: a patrol "in the future" by a few minutes is still now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function assertPatrolTime(at: number, now: number): void {
  if (at > now + CLOCK_SKEW_MS) throw new DomainError('DATE_IN_FUTURE', '巡查时间不能晚于现在');
  if (cstDate(at) < cstDate(now - PATROL_BACKFILL_DAYS * DAY_MS)) {
    throw new DomainError('DATE_TOO_OLD', `只能补记 ${PATROL_BACKFILL_DAYS} 天内的巡查`);
  }
}

/** Whole days from date a to date b (b later → positive). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The first date that still counts as "recent" for a rule of every `everyDays` days. */
export function windowStart(today: IsoDate, everyDays: number): IsoDate {
  return cstDate(Date.parse(`${today}T00:00:00+08:00`) - (everyDays - 1) * DAY_MS);
}

/** 日巡查 [002]: due when the last patrol is older than the policy's interval (or there is none). */
export function patrolDue(lastPatrolDate: IsoDate | null, today: IsoDate, policy: Pick<VillagePolicy, 'patrolEveryDays'>): boolean {
  return lastPatrolDate === null || daysBetween(lastPatrolDate, today) >= policy.patrolEveryDays;
}

/** 每周走访一遍 [002]: the households with no visit within the last `visitEveryDays` days, in roster order. */
export function householdsDue<H extends { _id: string }>(
  households: readonly H[],
  lastVisit: ReadonlyMap<string, IsoDate>,
  today: IsoDate,
  policy: Pick<VillagePolicy, 'visitEveryDays'>,
): { household: H; lastVisit: IsoDate | null }[] {
  const from = windowStart(today, policy.visitEveryDays);
  return households
    .filter((h) => {
      const d = lastVisit.get(h._id);
      return d === undefined || d < from;
    })
    .map((h) => ({ household: h, lastVisit: lastVisit.get(h._id) ?? null }));
}
