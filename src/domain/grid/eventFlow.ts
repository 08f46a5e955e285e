import { DomainError } from '../shared/errors';
import type { Person } from '../org/types';
import type { VillagePolicy } from '../org/policy';
import { deadlineFrom, levelAbove, needsOverdueFlag, OPEN_STATUSES } from './deadlines';
import { flowAllows, type EventStep } from './eventPolicy';
import type {
  EventAction,
  EventCategory,
  EventHistoryEntry,
  EventLevel,
  EventMode,
  GridEvent,
  GridPlace,
  Satisfaction,
} from './records';

/**
 * The grid event workflow "员代办、组上报、村处理、乡处置" [004], pure: time comes in, a new
 * event goes out with one more history entry. Nothing is ever removed from the history.
 *
 *   open ──dispatch──▶ dispatched ──handle (the handler)──▶ handled ──close (level owner)──▶ closed
 *   open ──handle (level owner: 自巡自办)──▶ handled
 *   open/dispatched ──escalate──▶ open at the level above (grid → village → town)
 *   closed ──reopen (level owner, or an unsatisfied 回访)──▶ open
 */

export type Actor = Pick<Person, '_id' | 'name' | 'roles'>;
type Policy = Pick<VillagePolicy, 'eventDeadlineHours'>;

// Who may take which step is the policy's (eventPolicy.ts); re-exported for the flow's callers.
export { allowedSteps, awaitsFollowUp, canSee, ownsLevel, type EventStep } from './eventPolicy';

/**
 * The workflow's own check (role toward the event and its state); the four-eyes rules of
 * 巡办分离 are added by the use cases through `mayTakeStep`, so a recorded history replays.
 */
function assertMay(actor: Actor, e: GridEvent, step: EventStep): void {
  const d = flowAllows(actor, e, step);
  if (!d.ok) throw new DomainError(d.code, d.message);
}

function entry(actor: Actor, action: EventAction, level: EventLevel, at: number, note: string | null): EventHistoryEntry {
  return { at, action, level, actorId: actor._id, actorName: actor.name, note };
}

function next(e: GridEvent, changes: Partial<GridEvent>, h: EventHistoryEntry): GridEvent {
  return { ...e, ...changes, history: [...e.history, h], updatedAt: h.at };
}

export interface NewEventInput {
  id: string;
  now: number;
  reporter: Actor;
  reporterRole: GridEvent['reporterRole'];
  place: GridPlace;
  category: EventCategory;
  mode: EventMode;
  where: string;
  description: string;
  photos: string[];
  patrolId: string | null;
  policy: Policy;
}

/** A report lands at its grid, open, with the category's deadline. */
export function newEvent(i: NewEventInput): GridEvent {
  return {
    _id: i.id,
    townId: i.place.townId,
    villageId: i.place.villageId,
    gridId: i.place.gridId,
    category: i.category,
    mode: i.mode,
    place: i.where,
    description: i.description,
    photos: i.photos,
    reporterId: i.reporter._id,
    reporterName: i.reporter.name,
    reporterRole: i.reporterRole,
    patrolId: i.patrolId,
    level: 'grid',
    status: 'open',
    handlerId: null,
    handlerName: null,
    deadlineAt: deadlineFrom(i.category, i.now, i.policy),
    overdueFlaggedFor: null,
    handling: null,
    closedAt: null,
    closedBy: null,
    followUp: null,
    history: [entry(i.reporter, 'report', 'grid', i.now, null)],
    createdAt: i.now,
    updatedAt: i.now,
  };
}

/** 组上报 / 村上报: the level cannot solve it; the level above gets it with a fresh deadline. */
export function escalate(e: GridEvent, actor: Actor, note: string, now: number, policy: Policy): GridEvent {
  assertMay(actor, e, 'escalate');
  const up = levelAbove(e.level) as EventLevel;
  return next(
    e,
    { level: up, status: 'open', handlerId: null, handlerName: null, deadlineAt: deadlineFrom(e.category, now, policy) },
    entry(actor, 'escalate', up, now, note),
  );
}

/** 派单 (巡办分离): to a person of the village or town, due within the category's hours. */
export function dispatch(e: GridEvent, actor: Actor, handler: Actor, note: string | null, now: number, policy: Policy): GridEvent {
  assertMay(actor, e, 'dispatch');
  return next(
    e,
    { status: 'dispatched', mode: 'separate', handlerId: handler._id, handlerName: handler.name, deadlineAt: deadlineFrom(e.category, now, policy) },
    entry(actor, 'dispatch', e.level, now, note ? `派给 ${handler.name}：${note}` : `派给 ${handler.name}`),
  );
}

/** The handler (or the level owner handling it themself: 自巡自办) records what was done. */
export function handle(e: GridEvent, actor: Actor, handling: string, now: number): GridEvent {
  assertMay(actor, e, 'handle');
  const self = e.status === 'open';
  return next(
    e,
    { status: 'handled', handling, ...(self ? { mode: 'self' as const, handlerId: actor._id, handlerName: actor.name } : {}) },
    entry(actor, 'handle', e.level, now, handling),
  );
}

/** 核验办结: the level owner checks the handling against the closing standard and closes it. */
export function close(e: GridEvent, actor: Actor, closingNote: string, now: number): GridEvent {
  assertMay(actor, e, 'close');
  return next(e, { status: 'closed', closedAt: now, closedBy: actor._id }, entry(actor, 'close', e.level, now, closingNote));
}

/** A closed event comes back at the level that closed it, with a fresh deadline. */
export function reopen(e: GridEvent, actor: Actor, reason: string, now: number, policy: Policy): GridEvent {
  assertMay(actor, e, 'reopen');
  return reopened(e, actor, reason, now, policy);
}

function reopened(e: GridEvent, actor: Actor, reason: string, now: number, policy: Policy): GridEvent {
  return next(
    e,
    { status: 'open', handlerId: null, handlerName: null, handling: null, closedAt: null, closedBy: null, deadlineAt: deadlineFrom(e.category, now, policy) },
    entry(actor, 'reopen', e.level, now, reason),
  );
}

export const SATISFACTION_WORDS: Record<Satisfaction, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/**
 * 回访: the reporter rates, or a grid worker of the grid records the result on their behalf.
 * "不满意" reopens the event at the level that closed it (the comment is the reason).
 */
export function followUp(e: GridEvent, actor: Actor, satisfaction: Satisfaction, comment: string | null, now: number, policy: Policy): GridEvent {
  assertMay(actor, e, 'followUp');
  if (satisfaction === 'unsatisfied' && !comment) throw new DomainError('NOTE_REQUIRED', '不满意时请说明原因');
  const onBehalf = actor._id !== e.reporterId;
  const note = `${onBehalf ? '代记回访' : '回访'}：${SATISFACTION_WORDS[satisfaction]}${comment ? `（${comment}）` : ''}`;
  const rated = next(
    e,
    { followUp: { satisfaction, comment, at: now, byId: actor._id, byName: actor.name, onBehalf } },
    entry(actor, 'follow_up', e.level, now, note),
  );
  return satisfaction === 'unsatisfied' ? reopened(rated, actor, `回访不满意：${comment}`, now, policy) : rated;
}

/** The first time the level above looks at an overdue event (or a check runs), the overrun goes into the history. */
export function flagOverdue(e: GridEvent, now: number, by: Actor | null): GridEvent | null {
  if (!needsOverdueFlag(e, now)) return null;
  const above = levelAbove(e.level);
  const note = above ? `超过办结时限，已提醒${above === 'village' ? '村两委' : '镇'}督办` : '超过办结时限';
  return next(e, { overdueFlaggedFor: e.deadlineAt }, { at: now, action: 'overdue', level: e.level, actorId: by?._id ?? 'system', actorName: by?.name ?? '系统', note });
}

export function isOpen(e: Pick<GridEvent, 'status'>): boolean {
  return OPEN_STATUSES.includes(e.status);
}
