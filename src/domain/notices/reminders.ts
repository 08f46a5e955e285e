import { closeByDate } from '../audit/month';
import type { IsoDate } from '../shared/time';
import { cstDate } from '../shared/time';

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** How many days before its close day an open audit month starts reminding the reviewers. */
export const AUDIT_REMIND_DAYS_BEFORE = 2;
/** An event is "near its deadline" when the deadline falls within this much time. */
export const EVENT_NEAR_MS = DAY_MS;

/**
 * 评议提醒: a month not yet closed, from two days before its close day (the `closeByDay`th of the
 * next month) to the close day itself; once a day (the key carries the day).
 */
export function auditReminderDue(month: { month: string; status: string }, closeByDay: number, today: IsoDate): { due: boolean; by: IsoDate } {
  const by = closeByDate(month.month, closeByDay);
  const due = month.status !== 'closed' && today >= addDays(by, -AUDIT_REMIND_DAYS_BEFORE) && today <= by;
  return { due, by };
}

/** 公示明天结束: the window's last day is tomorrow and the publicity is still open. */
export function publicityClosingTomorrow(p: { status: string; endDate: IsoDate }, today: IsoDate): boolean {
  return p.status === 'open' && p.endDate === addDays(today, 1);
}

/** What a grid event's deadline calls for now: nothing, "near" (within a day) or "overdue". */
export function eventDeadlineState(e: { status: string; deadlineAt: number }, now: number): 'none' | 'near' | 'overdue' {
  if (e.status !== 'open' && e.status !== 'dispatched') return 'none';
  if (now > e.deadlineAt) return 'overdue';
  return e.deadlineAt - now <= EVENT_NEAR_MS ? 'near' : 'none';
}

/**
 * The subject and day of an event reminder: keyed by the deadline (a restarted deadline is a new
 * subject) and the deadline's day, so the daily job tells each deadline's state once.
 */
export function eventReminderKey(e: { _id: string; deadlineAt: number }): { subjectId: string; day: IsoDate } {
  return { subjectId: `${e._id}@${e.deadlineAt}`, day: cstDate(e.deadlineAt) };
}
