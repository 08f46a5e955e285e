import type { ApplicationStatus } from './application';
import type { AuditMonthStatus } from '../audit/types';
import type { PublicityStatus } from '../publicity/types';
import type { VillagePolicy } from '../org/policy';
import { closeByDate } from '../audit/month';
import { quarterOf, type IsoDate } from '../shared/time';
import { quarterWords } from './plainWords';

/**
 * Where an application's points are on their way to the shop [003]: reported → the grid
 * worker's 初审 → the committee's monthly 评议 (closed into 待公示) → the quarter's 公示 →
 * the town's 复核 → 可兑换. Pure: the facts and today are passed in.
 */
export const JOURNEY_STEPS = ['submitted', 'first_review', 'audit', 'publicity', 'town_review', 'redeemable'] as const;
export type JourneyStepKey = (typeof JOURNEY_STEPS)[number];

export const JOURNEY_LABELS: Record<JourneyStepKey, string> = {
  submitted: '已申报',
  first_review: '网格员初审',
  audit: '月度评议',
  publicity: '季度公示',
  town_review: '镇复核',
  redeemable: '可兑换',
};

export type JourneyState = 'done' | 'current' | 'waiting' | 'stopped';

export interface JourneyStep {
  key: JourneyStepKey;
  label: string;
  state: JourneyState;
  /** The current step only: when it is expected to be done, from the village's rules (null: no date set). */
  expectedBy: IsoDate | null;
  /** A plain sentence for the current or stopped step. */
  note: string | null;
}

/** What is known of one application's way. */
export interface JourneyFacts {
  status: ApplicationStatus;
  deedDate: IsoDate;
  /** The audit month it is in ('YYYY-MM'); absent before 初审 (then the deed's month). */
  auditMonth?: string;
  /** That month's status: closed = 评议结果已计入待公示积分. */
  monthStatus: AuditMonthStatus | null;
  /** The village's publicity of that month's quarter, if opened. */
  publicityStatus: PublicityStatus | null;
}

/** The quarter a month belongs to and the month after it ends. */
function quarterEnd(month: string): string {
  const m = Number(month.slice(5, 7));
  const last = Math.ceil(m / 3) * 3;
  return `${month.slice(0, 4)}-${String(last).padStart(2, '0')}`;
}

/** 公示 of a month's quarter starts once the quarter's last month is closed: by its close-by day. */
export function expectedPublicityStart(month: string, policy: Pick<VillagePolicy, 'auditCloseByDay'>): IsoDate {
  return closeByDate(quarterEnd(month), policy.auditCloseByDay);
}

function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** How many steps are done, and whether the way stopped (returned, rejected, fraud). */
function progress(f: JourneyFacts): { done: number; stopped: string | null } {
  if (f.status === 'submitted') return { done: 1, stopped: null };
  if (f.status === 'returned') return { done: 1, stopped: '网格员退回了申报，请按退回原因补充后重新申报' };
  if (f.status === 'rejected') return { done: 2, stopped: '评议小组没有通过这次申报，不计分' };
  if (f.status === 'fraud') return { done: 2, stopped: '评议小组认定为虚假申报，按规定扣分' };
  if (f.status === 'first_reviewed') return { done: 2, stopped: null };
  // approved: 评议 decided; the points move on with the month and the quarter.
  if (f.monthStatus !== 'closed') return { done: 2, stopped: null };
  switch (f.publicityStatus) {
    case null:
    case 'opening':
      return { done: 3, stopped: null };
    case 'open':
    case 'returned':
      return { done: 3, stopped: null };
    case 'closed':
    case 'approving':
      return { done: 4, stopped: null };
    case 'approved':
      return { done: 6, stopped: null };
  }
}

/** The six steps with their state, and the expected date of the current one. */
export function applicationJourney(f: JourneyFacts, policy: Pick<VillagePolicy, 'auditCloseByDay' | 'publicityDays'>, today: IsoDate): JourneyStep[] {
  const month = f.auditMonth ?? f.deedDate.slice(0, 7);
  const { done, stopped } = progress(f);
  const publicityStart = expectedPublicityStart(month, policy);
  const expected: Record<JourneyStepKey, IsoDate | null> = {
    submitted: null,
    first_review: null,
    audit: closeByDate(month, policy.auditCloseByDay),
    publicity: addDays(publicityStart, policy.publicityDays),
    town_review: null,
    redeemable: null,
  };
  const notes: Record<JourneyStepKey, string> = {
    submitted: '',
    first_review: '网格员会尽快核实',
    audit: f.status === 'approved' ? '评议已通过，等本月结账' : '评议小组逐件签字',
    publicity:
      f.publicityStatus === 'open'
        ? '正在公示，有异议可以提出'
        : f.publicityStatus === 'returned'
          ? '镇里退回了公示，村里正在更正'
          : `本季度（${quarterWords(quarterOf(`${month}-01`))}）结束后统一公示`,
    town_review: '公示结束，等镇里复核',
    redeemable: '',
  };
  return JOURNEY_STEPS.map((key, i) => {
    let state: JourneyState = i < done ? 'done' : i === done ? 'current' : 'waiting';
    if (stopped && i === done) state = 'stopped';
    const current = state === 'current' || state === 'stopped';
    return {
      key,
      label: JOURNEY_LABELS[key],
      state,
      expectedBy: state === 'current' ? laterOf(expected[key], today) : null,
      note: state === 'stopped' ? stopped : current ? notes[key] || null : null,
    };
  });
}

/** A date already past is not promised again: the step is due now. */
function laterOf(date: IsoDate | null, today: IsoDate): IsoDate | null {
  if (date === null) return null;
  return date < today ? today : date;
}

/**
 * The way of the household's 待公示 points (points page): 评议 is done for them; they wait for
 * the quarter's 公示, then the town, then the shop. Expected: the end of this quarter's 公示.
 */
export function pendingJourney(policy: Pick<VillagePolicy, 'auditCloseByDay' | 'publicityDays'>, today: IsoDate): JourneyStep[] {
  const month = today.slice(0, 7);
  const keys: JourneyStepKey[] = ['audit', 'publicity', 'town_review', 'redeemable'];
  return keys.map((key, i) => ({
    key,
    label: JOURNEY_LABELS[key],
    state: i === 0 ? 'done' : i === 1 ? 'current' : 'waiting',
    expectedBy: i === 1 ? addDays(expectedPublicityStart(month, policy), policy.publicityDays) : null,
    note: i === 1 ? `本季度（${quarterWords(quarterOf(today))}）结束后统一公示，公示没有异议、镇里复核后就能兑换` : null,
  }));
}
