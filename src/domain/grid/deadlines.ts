import type { VillagePolicy } from '../org/policy';
import type { EventCategory, EventLevel, EventStatus, GridEvent } from './records';

const HOUR_MS = 60 * 60 * 1000;

/** 办结时限: a level gets the policy's hours for the category from the moment the event reaches it. */
export function deadlineFrom(category: EventCategory, from: number, policy: Pick<VillagePolicy, 'eventDeadlineHours'>): number {
  return from + policy.eventDeadlineHours[category] * HOUR_MS;
}

/** Statuses in which someone still has to act on the event before the deadline. */
export const PENDING_STATUSES: readonly EventStatus[] = ['open', 'dispatched'];
/** Every status that is not closed. */
export const OPEN_STATUSES: readonly EventStatus[] = ['open', 'dispatched', 'handled'];

/** Not yet handled and past its deadline (computed from the clock passed in, never stored). */
export function isOverdue(e: Pick<GridEvent, 'status' | 'deadlineAt'>, now: number): boolean {
  return PENDING_STATUSES.includes(e.status) && now > e.deadlineAt;
}

/** Overdue and its overrun not yet written into the history. */
export function needsOverdueFlag(e: Pick<GridEvent, 'status' | 'deadlineAt' | 'overdueFlaggedFor'>, now: number): boolean {
  return isOverdue(e, now) && e.overdueFlaggedFor !== e.deadlineAt;
}

/** "组上报、村处理、乡处置": the level an event escalates to, and the one that watches its deadline. */
export function levelAbove(level: EventLevel): EventLevel | null {
  return level === 'grid' ? 'village' : level === 'village' ? 'town' : null;
}
