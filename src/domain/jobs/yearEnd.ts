/**
 * 年底结转 (SPEC §7): at the turn of the year a village either rolls unredeemed points over
 * (滚动结存 [003], policy `rollover`) or clears them (年底清零 [000] "年度内积分实行累积使用，
 * 奖励之后不清零，年底清零，次年重新积分", policy `clear`).
 *
 * What `clear` clears: the household's REDEEMABLE points only. PENDING points are not touched:
 * they are the last months' audited points still in publicity / town review (一季一公示, 镇党委复核),
 * which seed 000 counts only once published ("一季一公示 … 接受查询、监督"); clearing them would
 * void the objection window and the publicity move that turns them redeemable. They become
 * redeemable after publicity, in the new year, like any other points earned then. Spent points
 * (the redemption history) are never touched.
 */
import { DomainError } from '../shared/errors';
import type { IsoDate } from '../shared/time';
import type { Balance, EntryDraft } from '../ledger/types';

export type YearEndMode = 'rollover' | 'clear';

export interface YearEndHistoryEntry {
  at: number;
  action: 'start' | 'resume' | 'finish';
  actorId: string;
  actorName: string;
  note: string | null;
}

/** One per village and year (`ye-${year}-${villageId}`): the run's progress and outcome. */
export interface YearEndRun {
  _id: string;
  job: 'year_end';
  year: number;
  townId: string;
  villageId: string;
  villageName: string;
  /** The village policy when the run started; a resumed run keeps it. */
  mode: YearEndMode;
  status: 'running' | 'done';
  /** Last household id processed, in id order: a crashed run resumes after it. */
  cursor: string | null;
  householdsSeen: number;
  householdsCleared: number;
  pointsCleared: number;
  startedAt: number;
  finishedAt: number | null;
  history: YearEndHistoryEntry[];
}

export function yearEndRunId(year: number, villageId: string): string {
  return `ye-${year}-${villageId}`;
}

/** The entry zeroing a household's redeemable points for `year`: one id per household and year. */
export function yearEndEntryId(year: number, householdId: string): string {
  return `ye-${year}-${householdId}-r`;
}

/** The year-end job belongs to January: the timer fires on 1 January and an admin may run it later that month. */
export function isYearEndDue(today: IsoDate): boolean {
  return today.slice(5, 7) === '01';
}

/**
 * Only the year just ended, and only in January: later, clearing "what is redeemable now" would
 * also clear points the household earned in the new year.
 */
export function assertYearJustEnded(year: number, today: IsoDate): void {
  const current = Number(today.slice(0, 4));
  if (year >= current) throw new DomainError('BAD_INPUT', `${year} 年尚未结束，不能年底结转`);
  if (year < current - 1) throw new DomainError('BAD_INPUT', `只能结转刚结束的年度（${current - 1} 年）`);
  if (!isYearEndDue(today)) throw new DomainError('BAD_INPUT', `年底结转须在次年 1 月内执行（今天是 ${today}）`);
}

/** The clearing entry for a household under `clear`, or null when there is nothing redeemable. */
export function yearEndDraft(balance: Balance | null, householdId: string, year: number, actor: { id: string; name: string }, at: number): EntryDraft | null {
  const amount = balance?.redeemable ?? 0;
  if (amount <= 0) return null;
  return {
    _id: yearEndEntryId(year, householdId),
    householdId,
    kind: 'year_end',
    bucket: 'redeemable',
    delta: -amount,
    sourceId: yearEndRunId(year, balance?.villageId ?? ''),
    label: `${year} 年底清零`,
    actorId: actor.id,
    actorName: actor.name,
    reason: '年底清零，次年重新积分',
    reverses: null,
    reversedKind: null,
    at,
  };
}
