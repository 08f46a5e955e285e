import { DomainError } from '../shared/errors';
import { gridsWorked, hasRole } from '../org/roles';
import type { Person } from '../org/types';
import type { VillagePolicy } from '../org/policy';
import { deadlineFrom, levelAbove, needsOverdueFlag, OPEN_STATUSES } from './deadlines';
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

/** Who owns a level of this event: the grid's workers and leaders, the village admins, the town admins. */
export function ownsLevel(actor: Actor, e: GridPlace, level: EventLevel): boolean {
  if (level === 'grid') return gridsWorked(actor.roles).includes(e.gridId);
  if (level === 'village') return hasRole(actor.roles, 'village_admin', e.villageId);
  return hasRole(actor.roles, 'town_admin', e.townId);
}

/** Reporter, handler, the grid's workers, the village admins and the town admins; nobody else. */
export function canSee(actor: Actor, e: GridEvent): boolean {
  return (
    actor._id === e.reporterId ||
    (e.handlerId !== null && actor._id === e.handlerId) ||
    ownsLevel(actor, e, 'grid') ||
    ownsLevel(actor, e, 'village') ||
    ownsLevel(actor, e, 'town')
  );
}

export type EventStep = 'escalate' | 'dispatch' | 'handle' | 'close' | 'reopen' | 'followUp';

/** What this person may do with the event now; the detail page shows exactly these buttons. */
export function allowedSteps(actor: Actor, e: GridEvent): EventStep[] {
  const owner = ownsLevel(actor, e, e.level);
  const steps: EventStep[] = [];
  const waiting = e.status === 'open' || e.status === 'dispatched';
  if (owner && waiting && levelAbove(e.level)) steps.push('escalate');
  if (owner && waiting) steps.push('dispatch');
  if ((e.status === 'dispatched' && e.handlerId === actor._id) || (e.status === 'open' && owner)) steps.push('handle');
  if (owner && e.status === 'handled') steps.push('close');
  if (owner && e.status === 'closed') steps.push('reopen');
  if (awaitsFollowUp(e) && (actor._id === e.reporterId || ownsLevel(actor, e, 'grid'))) steps.push('followUp');
  return steps;
}

/** Closed and not yet visited back since this closing (a reopened event keeps its last rating until re-rated). */
export function awaitsFollowUp(e: GridEvent): boolean {
  return e.status === 'closed' && (e.followUp === null || e.followUp.at < (e.closedAt ?? 0));
}

function assertMay(actor: Actor, e: GridEvent, step: EventStep, message: string): void {
  if (allowedSteps(actor, e).includes(step)) return;
  // Not seeing the event at all reads as "not found" so ids of other grids are not probeable.
  if (!canSee(actor, e)) throw new DomainError('NOT_FOUND', '找不到该事件，或您无权查看');
  const mayAtSomeState =
    step === 'handle'
      ? e.handlerId === actor._id || ownsLevel(actor, e, e.level)
      : step === 'followUp'
        ? actor._id === e.reporterId || ownsLevel(actor, e, 'grid')
        : ownsLevel(actor, e, e.level);
  if (!mayAtSomeState) throw new DomainError('FORBIDDEN', message);
  throw new DomainError('EVENT_STATE', `该事件当前为「${statusWord(e)}」，不能${STEP_WORDS[step]}`);
}

const STEP_WORDS: Record<EventStep, string> = {
  escalate: '上报',
  dispatch: '派单',
  handle: '登记处置',
  close: '核验办结',
  reopen: '重新办理',
  followUp: '回访',
};

function statusWord(e: GridEvent): string {
  if (e.status === 'closed') return awaitsFollowUp(e) ? '已办结' : '已办结、已回访';
  if (e.status === 'open' && !levelAbove(e.level)) return '镇级待处理';
  return { open: '待处理', dispatched: '已派单', handled: '已处置，待核验', closed: '已办结' }[e.status];
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
  assertMay(actor, e, 'escalate', '只有本级负责人可以上报');
  const up = levelAbove(e.level) as EventLevel;
  return next(
    e,
    { level: up, status: 'open', handlerId: null, handlerName: null, deadlineAt: deadlineFrom(e.category, now, policy) },
    entry(actor, 'escalate', up, now, note),
  );
}

/** 派单 (巡办分离): to a person of the village or town, due within the category's hours. */
export function dispatch(e: GridEvent, actor: Actor, handler: Actor, note: string | null, now: number, policy: Policy): GridEvent {
  assertMay(actor, e, 'dispatch', '只有本级负责人可以派单');
  return next(
    e,
    { status: 'dispatched', mode: 'separate', handlerId: handler._id, handlerName: handler.name, deadlineAt: deadlineFrom(e.category, now, policy) },
    entry(actor, 'dispatch', e.level, now, note ? `派给 ${handler.name}：${note}` : `派给 ${handler.name}`),
  );
}

/** The handler (or the level owner handling it themself: 自巡自办) records what was done. */
export function handle(e: GridEvent, actor: Actor, handling: string, now: number): GridEvent {
  assertMay(actor, e, 'handle', '只有接单人或本级负责人可以登记处置');
  const self = e.status === 'open';
  return next(
    e,
    { status: 'handled', handling, ...(self ? { mode: 'self' as const, handlerId: actor._id, handlerName: actor.name } : {}) },
    entry(actor, 'handle', e.level, now, handling),
  );
}

/** 核验办结: the level owner checks the handling against the closing standard and closes it. */
export function close(e: GridEvent, actor: Actor, closingNote: string, now: number): GridEvent {
  assertMay(actor, e, 'close', '只有本级负责人可以核验办结');
  return next(e, { status: 'closed', closedAt: now, closedBy: actor._id }, entry(actor, 'close', e.level, now, closingNote));
}

/** A closed event comes back at the level that closed it, with a fresh deadline. */
export function reopen(e: GridEvent, actor: Actor, reason: string, now: number, policy: Policy): GridEvent {
  assertMay(actor, e, 'reopen', '只有本级负责人可以重新办理');
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
  assertMay(actor, e, 'followUp', '只有报告人或本网格网格员可以回访');
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
