import { gridsWorked, hasRole, ROLE_LABELS, type Role } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import type { QueueScope } from '../api/events';
import { levelAbove } from './deadlines';
import type { EventLevel, GridEvent, GridPlace } from './records';

/**
 * Who may do what with grid events (网格事件): the gates of the events function and the rules on
 * one event. The workflow itself (what each step changes) is eventFlow.ts; it asks `flowAllows`
 * here, and the use cases ask `mayTakeStep` / `mayDispatchTo`, which add the four-eyes rules of
 * 巡办分离 (巡查—发现—上报—派单—处置—核查 [002]): who reported does not handle, who handled does not
 * verify, and the 回访 is not the handler's or the verifier's. 自巡自办 (发现—处置—上报—反馈 [002])
 * has no separate verification: a worker handles and closes their own finding.
 */

/** What the event rules know of the caller. */
export type EventActor = Pick<Actor, '_id' | 'roles'>;

const QUEUE_ROLES: Role[] = ['grid_worker', 'grid_leader', 'village_admin', 'town_admin'];
const OVERSIGHT: Role[] = ['village_admin', 'town_admin'];

export const eventGates = {
  /** A villager (for their household's grid) or a grid worker (for one of their grids): which, is `mayReport`. */
  report: anyPerson,
  mine: anyPerson,
  queue: roles(QUEUE_ROLES, '只有网格员、村两委和镇管理员可以查看事件队列'),
  /**
   * Any person may ask about an event: who sees it or moves it is decided on the event itself,
   * and outsiders get NOT_FOUND (a gate's FORBIDDEN would confirm the id exists).
   */
  event: anyPerson,
  checkOverdue: roles(OVERSIGHT, '只有村两委或镇管理员可以督办超期事件'),
  stats: roles(OVERSIGHT, '只有村两委或镇管理员可以查看事件统计'),
} as const;

export type EventStep = 'escalate' | 'dispatch' | 'handle' | 'close' | 'reopen' | 'followUp';
/** In the order the detail page shows them. */
export const EVENT_STEPS: readonly EventStep[] = ['escalate', 'dispatch', 'handle', 'close', 'reopen', 'followUp'];

export const NOT_VISIBLE = '找不到该事件，或您无权查看';

/** Who owns a level of this event: the grid's workers and leaders, the village admins, the town admins. */
export function ownsLevel(actor: Pick<Actor, 'roles'>, e: GridPlace, level: EventLevel): boolean {
  if (level === 'grid') return gridsWorked(actor.roles).includes(e.gridId);
  if (level === 'village') return hasRole(actor.roles, 'village_admin', e.villageId);
  return hasRole(actor.roles, 'town_admin', e.townId);
}

/** Reporter, handler, the grid's workers, the village admins and the town admins; nobody else. */
export function canSee(actor: EventActor, e: GridEvent): boolean {
  return (
    actor._id === e.reporterId ||
    (e.handlerId !== null && actor._id === e.handlerId) ||
    ownsLevel(actor, e, 'grid') ||
    ownsLevel(actor, e, 'village') ||
    ownsLevel(actor, e, 'town')
  );
}

/** Same answer for "absent" and "not yours": ids of other grids are not probeable. */
export function mayView(actor: EventActor, e: GridEvent | null): Decision {
  return allowIf(e !== null && canSee(actor, e), 'NOT_FOUND', NOT_VISIBLE);
}

/** Closed and not yet visited back since this closing (a reopened event keeps its last rating until re-rated). */
export function awaitsFollowUp(e: GridEvent): boolean {
  return e.status === 'closed' && (e.followUp === null || e.followUp.at < (e.closedAt ?? 0));
}

const LEVEL_ORDER: EventLevel[] = ['grid', 'village', 'town'];

/** An owner of a level above the event's: their reading of an overdue event goes into its history. */
export function watchesFromAbove(actor: Pick<Actor, 'roles'>, e: GridEvent): boolean {
  const above = levelAbove(e.level);
  if (!above) return false;
  return LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(above)).some((l) => ownsLevel(actor, e, l));
}

const STEP_REFUSALS: Record<EventStep, string> = {
  escalate: '只有本级负责人可以上报',
  dispatch: '只有本级负责人可以派单',
  handle: '只有接单人或本级负责人可以登记处置',
  close: '只有本级负责人可以核验办结',
  reopen: '只有本级负责人可以重新办理',
  followUp: '只有报告人或本网格网格员可以回访',
};

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

/** May this person take the step at some state of the event (their role toward it)? */
function hasStanding(actor: EventActor, e: GridEvent, step: EventStep): boolean {
  if (step === 'handle') return e.handlerId === actor._id || ownsLevel(actor, e, e.level);
  if (step === 'followUp') return actor._id === e.reporterId || ownsLevel(actor, e, 'grid');
  return ownsLevel(actor, e, e.level);
}

/** Does the event's state let this person take the step now? */
function isReady(actor: EventActor, e: GridEvent, step: EventStep): boolean {
  const waiting = e.status === 'open' || e.status === 'dispatched';
  switch (step) {
    case 'escalate':
      return waiting && levelAbove(e.level) !== null;
    case 'dispatch':
      return waiting;
    case 'handle':
      return (e.status === 'dispatched' && e.handlerId === actor._id) || (e.status === 'open' && ownsLevel(actor, e, e.level));
    case 'close':
      return e.status === 'handled';
    case 'reopen':
      return e.status === 'closed';
    case 'followUp':
      return awaitsFollowUp(e);
  }
}

/**
 * The workflow's own answer, without the four-eyes rules: seeing the event (else NOT_FOUND),
 * the role toward it (else FORBIDDEN), the state (else EVENT_STATE). The pure flow asks this,
 * so recorded histories replay; callers acting for a person ask `mayTakeStep`.
 */
export function flowAllows(actor: EventActor, e: GridEvent, step: EventStep): Decision {
  if (!canSee(actor, e)) return deny('NOT_FOUND', NOT_VISIBLE);
  if (!hasStanding(actor, e, step)) return deny('FORBIDDEN', STEP_REFUSALS[step]);
  if (!isReady(actor, e, step)) return deny('EVENT_STATE', `该事件当前为「${statusWord(e)}」，不能${STEP_WORDS[step]}`);
  return allow;
}

export const SEPARATION_REFUSALS = {
  dispatchToReporter: '巡办分离：不能把事件派给报告人本人办理，请另选接单人',
  dispatchToSelf: '派单是交给别人办理、由您核验；要自己处置，请直接登记处置（自巡自办）',
  handleOwnReport: '巡办分离：报告人不能办理自己报告的事件，请由本网格其他人员处置或派单',
  closeOwnHandling: '巡办分离：办理人不能核验办结自己处置的事件，请由本级其他负责人核验',
  followUpOwnWork: '巡办分离：回访由报告人评价，办理人和核验人不能代记回访',
} as const;

/**
 * The four-eyes rules of one step (dispatch's are in `mayBeHandler`: they concern the person
 * dispatched to). 巡办分离 is an event dispatched to a handler (mode 'separate'), or a villager's
 * report (it starts 'separate'); the reporter handling it would make it one person's again.
 */
function separated(actor: EventActor, e: GridEvent, step: EventStep): Decision {
  switch (step) {
    case 'handle':
      // A dispatched event is never the reporter's (mayBeHandler); an open one the owner handles
      // themself (自巡自办) only when it is their own grid-worker finding, not a villager's report.
      return allowIf(actor._id !== e.reporterId || (e.status === 'open' && e.reporterRole === 'grid_worker'), 'SEPARATION_OF_DUTIES', SEPARATION_REFUSALS.handleOwnReport);
    case 'close':
      return allowIf(e.mode !== 'separate' || actor._id !== e.handlerId, 'SEPARATION_OF_DUTIES', SEPARATION_REFUSALS.closeOwnHandling);
    case 'followUp':
      return allowIf(e.mode !== 'separate' || (actor._id !== e.handlerId && actor._id !== e.closedBy), 'SEPARATION_OF_DUTIES', SEPARATION_REFUSALS.followUpOwnWork);
    default:
      return allow;
  }
}

/** May this person take this step on the event now, four eyes included? The detail page shows exactly these. */
export function mayTakeStep(actor: EventActor, e: GridEvent, step: EventStep): Decision {
  const flow = flowAllows(actor, e, step);
  return flow.ok ? separated(actor, e, step) : flow;
}

/** What this person may do with the event now; the detail page shows exactly these buttons. */
export function allowedSteps(actor: EventActor, e: GridEvent): EventStep[] {
  return EVENT_STEPS.filter((s) => mayTakeStep(actor, e, s).ok);
}

/** Who may be handed the event (派单 makes it 巡办分离): not its reporter, and not the dispatcher, who verifies it. */
export function mayBeHandler(dispatcher: Pick<Actor, '_id'>, e: Pick<GridEvent, 'reporterId'>, handlerId: string): Decision {
  if (handlerId === e.reporterId) return deny('SEPARATION_OF_DUTIES', SEPARATION_REFUSALS.dispatchToReporter);
  return allowIf(handlerId !== dispatcher._id, 'SEPARATION_OF_DUTIES', SEPARATION_REFUSALS.dispatchToSelf);
}

/** 派单 to this person: the level owner (else NOT_FOUND/FORBIDDEN), to an eligible person (see `handlerTitle`), now, four eyes. */
export function mayDispatchTo(actor: EventActor, e: GridEvent, handlerId: string, eligible: boolean): Decision {
  if (!canSee(actor, e)) return deny('NOT_FOUND', NOT_VISIBLE);
  if (!hasStanding(actor, e, 'dispatch')) return deny('FORBIDDEN', STEP_REFUSALS.dispatch);
  if (!eligible) return deny('HANDLER_NOT_ELIGIBLE', '只能派单给本村（镇）的网格员或干部');
  const flow = flowAllows(actor, e, 'dispatch');
  return flow.ok ? mayBeHandler(actor, e, handlerId) : flow;
}

/** The dispatch list is the level owner's (the same refusal as dispatching). */
export function mayListHandlers(actor: EventActor, e: GridEvent): Decision {
  if (!canSee(actor, e)) return deny('NOT_FOUND', NOT_VISIBLE);
  return allowIf(hasStanding(actor, e, 'dispatch'), 'FORBIDDEN', STEP_REFUSALS.dispatch);
}

/**
 * 派单 goes to a person of the event's village (a grid worker or leader of one of its grids, a
 * village admin) or, once at the town, also to a town admin: their title for the list, or null.
 * `grids`: the grids this person works on (the caller reads them).
 */
export function handlerTitle(p: Pick<Actor, 'roles'>, e: GridPlace & { level: EventLevel }, grids: readonly { _id: string; name: string; villageId: string }[]): string | null {
  if (hasRole(p.roles, 'village_admin', e.villageId)) return ROLE_LABELS.village_admin;
  if (e.level === 'town' && hasRole(p.roles, 'town_admin', e.townId)) return ROLE_LABELS.town_admin;
  const worked = gridsWorked(p.roles);
  const mine = grids.filter((g) => g.villageId === e.villageId && worked.includes(g._id));
  if (mine.length === 0) return null;
  const leads = p.roles.some((r) => r.role === 'grid_leader' && mine.some((g) => g._id === r.scopeId));
  return `${leads ? ROLE_LABELS.grid_leader : ROLE_LABELS.grid_worker}（${mine.map((g) => g.name).join('、')}）`;
}

/** What a report asks for: a grid worker names one of their grids; anyone else reports for their household's grid. */
export interface ReportRequest {
  gridId?: string;
  patrolId?: string;
  selfHandled?: unknown;
}

export function mayReport(actor: Pick<Actor, 'roles' | 'householdId'>, r: ReportRequest): Decision {
  if (r.gridId !== undefined) return allowIf(gridsWorked(actor.roles).includes(r.gridId), 'NOT_IN_GRID', '只能上报您负责的网格的事件');
  if (!actor.householdId) return deny('FORBIDDEN', '您不属于任何一户，请由网格员代为上报');
  return allowIf(!r.patrolId && r.selfHandled === undefined, 'FORBIDDEN', '只有网格员可以登记巡查发现或自巡自办');
}

/** A finding links only to the reporter's own patrol on that grid (others' patrols are NOT_FOUND). */
export function mayLinkPatrol(actor: Pick<Actor, '_id'>, patrol: { workerId: string; gridId: string } | null, gridId: string): Decision {
  return allowIf(patrol !== null && patrol.workerId === actor._id && patrol.gridId === gridId, 'NOT_FOUND', '找不到您在该网格的这次巡查');
}

/** The lists this person may open, widest first. */
export function queueScopes(actor: Pick<Actor, 'roles'>): QueueScope[] {
  const out: QueueScope[] = [];
  if (scopesOf(actor, ['town_admin']).length) out.push('town');
  if (scopesOf(actor, ['village_admin']).length) out.push('village');
  if (gridsWorked(actor.roles).length) out.push('grid');
  if (out.length) out.push('assigned');
  return out;
}

export function mayReadQueue(actor: Pick<Actor, 'roles'>, scope: QueueScope, gridId: string | undefined): Decision {
  if (!queueScopes(actor).includes(scope)) return deny('FORBIDDEN', '您没有查看该范围事件的权限');
  if (scope === 'grid' && gridId !== undefined) return allowIf(gridsWorked(actor.roles).includes(gridId), 'NOT_IN_GRID', '该网格不在您负责的范围内');
  return allow;
}

/** Which events a list covers: the grids worked (or the one asked for), the village, the town, or those dispatched to the person. */
export type QueueCoverage = { gridIds: string[] } | { villageId: string } | { townId: string } | { handlerId: string };

/** What an allowed list (mayReadQueue) covers. */
export function queueCoverage(actor: Pick<Actor, '_id' | 'roles'>, scope: QueueScope, gridId: string | undefined): QueueCoverage {
  if (scope === 'grid') return { gridIds: gridId !== undefined ? [gridId] : gridsWorked(actor.roles) };
  if (scope === 'village') return { villageId: scopesOf(actor, ['village_admin'])[0] };
  if (scope === 'town') return { townId: scopesOf(actor, ['town_admin'])[0] };
  return { handlerId: actor._id };
}

/** Where 督办 and statistics look: the town (a town admin), else the village (a village admin). */
export function oversightScope(actor: Pick<Actor, 'roles'>): { townId: string } | { villageId: string } | null {
  const town = scopesOf(actor, ['town_admin'])[0];
  if (town) return { townId: town };
  const village = scopesOf(actor, ['village_admin'])[0];
  return village ? { villageId: village } : null;
}

/** Statistics of one village: its town's admin or its own admin; any other is NOT_FOUND. */
export function mayReadVillageStats(actor: Pick<Actor, 'roles'>, village: { _id: string; townId: string }): Decision {
  const scope = oversightScope(actor);
  const ok = scope !== null && ('townId' in scope ? holdsIn(actor, ['town_admin'], village.townId) : scope.villageId === village._id);
  return allowIf(ok, 'NOT_FOUND', '找不到该村');
}
