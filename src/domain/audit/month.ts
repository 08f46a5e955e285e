import { DomainError } from '../shared/errors';
import { monthIndex, monthOf, type IsoDate } from '../shared/time';
import type { Person } from '../org/types';
import type { Application } from '../points/application';
import { auditMonthId, type AuditMonth, type MonthHistoryAction } from './types';

/** The month an application is audited in: set when it passed first review; older ones: the deed's month. */
export function auditMonthOf(app: Pick<Application, 'auditMonth' | 'deedDate'>): string {
  return app.auditMonth ?? monthOf(app.deedDate);
}

/** 'YYYY-MM' + n months. */
export function addMonths(month: string, n: number): string {
  const i = monthIndex(`${month}-01`) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The last day to close a month: the `closeByDay`th of the next month [003 "每月10日前"]. */
export function closeByDate(month: string, closeByDay: number): IsoDate {
  return `${addMonths(month, 1)}-${String(closeByDay).padStart(2, '0')}`;
}

/** Late: closed after the deadline, or still not closed after it. `today` is the China date. */
export function isLate(month: Pick<AuditMonth, 'month' | 'status' | 'late'>, today: IsoDate, closeByDay: number): boolean {
  if (month.status === 'closed') return month.late;
  return today > closeByDate(month.month, closeByDay);
}

/**
 * Which month a first-reviewed application joins: its deed's month, unless that month is
 * already closed (or closing) — then the month the review happens in.
 */
export function monthForFirstReview(deedMonth: string, deedMonthStatus: AuditMonth['status'] | null, today: IsoDate): string {
  return deedMonthStatus === 'closed' || deedMonthStatus === 'closing' ? monthOf(today) : deedMonth;
}

/** A month starts open, its history naming who opened it (the first first-review into it, or the leader). */
export function newAuditMonth(townId: string, villageId: string, month: string, now: number, by: Pick<Person, '_id' | 'name'>): AuditMonth {
  return {
    _id: auditMonthId(villageId, month),
    townId,
    villageId,
    month,
    status: 'open',
    closeCursor: null,
    closedAt: null,
    closedById: null,
    closedByName: null,
    late: false,
    postedHouseholds: 0,
    postedPoints: 0,
    history: [{ at: now, action: 'open', actorId: by._id, actorName: by.name, note: null }],
    createdAt: now,
    updatedAt: now,
  };
}

function logged(m: AuditMonth, action: MonthHistoryAction, actor: Pick<Person, '_id' | 'name'>, note: string | null, now: number): AuditMonth {
  return { ...m, history: [...m.history, { at: now, action, actorId: actor._id, actorName: actor.name, note }], updatedAt: now };
}

/**
 * Starting (or resuming) the close. Only a month that is over can close — the committee audits
 * the previous month [003] — and only once every application in it is decided (the caller counts).
 */
export function startClose(m: AuditMonth, actor: Person, today: IsoDate, undecided: number, frozen: number, now: number): AuditMonth {
  if (m.status === 'closed') throw new DomainError('MONTH_CLOSED');
  if (m.status === 'closing') return logged(m, 'close_resume', actor, null, now);
  if (monthIndex(`${m.month}-01`) >= monthIndex(today)) throw new DomainError('MONTH_NOT_OVER', `${m.month} 月尚未结束，下月初再结账`);
  if (frozen > 0) throw new DomainError('FROZEN', `还有 ${frozen} 件申报被监督小组冻结，解冻并评议后才能结账`);
  if (undecided > 0) throw new DomainError('UNDECIDED', `还有 ${undecided} 件申报未形成评议结果，不能结账`);
  return { ...logged(m, 'close_start', actor, null, now), status: 'closing' };
}

/** A close that found undecided applications after all (a first review raced it) goes back to open. */
export function abortClose(m: AuditMonth, actor: Person, now: number): AuditMonth {
  return { ...logged(m, 'close_abort', actor, null, now), status: 'open' };
}

/** The close is done: the month is closed, late or not, with what it posted. */
export function finishClose(
  m: AuditMonth,
  actor: Person,
  today: IsoDate,
  closeByDay: number,
  posted: { households: number; points: number },
  now: number,
): AuditMonth {
  const late = today > closeByDate(m.month, closeByDay);
  const note = `${posted.households} 户，合计 ${posted.points >= 0 ? '+' : ''}${posted.points} 分${late ? `（逾期：应于 ${closeByDate(m.month, closeByDay)} 前结账）` : ''}`;
  return {
    ...logged(m, 'close', actor, note, now),
    status: 'closed',
    closedAt: now,
    closedById: actor._id,
    closedByName: actor.name,
    late,
    postedHouseholds: posted.households,
    postedPoints: posted.points,
  };
}

/** Net delta per household of a month's decided applications (zero nets post nothing). */
export function netByHousehold(apps: readonly Pick<Application, 'householdId' | 'status' | 'audit'>[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const a of apps) {
    if (a.status !== 'approved' && a.status !== 'rejected' && a.status !== 'fraud') continue;
    net.set(a.householdId, (net.get(a.householdId) ?? 0) + (a.audit?.points ?? 0));
  }
  for (const [h, n] of net) if (n === 0) net.delete(h);
  return net;
}
